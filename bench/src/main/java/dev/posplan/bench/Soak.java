package dev.posplan.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak mode of the load generator: for a bounded time, N closed-loop connections send a seeded mix of the
 * S1, S2 and S4 scenarios and hostile requests (wrong types, extreme numbers, deep nesting, bad UTF-8, wrong
 * content types, over-limit sizes) to a posplan on 127.0.0.1, while the service's heap (actuator
 * {@code jvm.memory.used}, heap area, and {@code jvm.gc.live.data.size}, the old generation after the last GC)
 * and, given its pid, its RSS ({@code VmRSS} of {@code /proc/<pid>/status}) are sampled. It prints one line per
 * minute: requests, errors, p50/p99, heap and RSS. An error is a valid request not answered 2xx, a hostile one
 * not answered 4xx, any 5xx or any I/O failure.
 *
 * <pre>bin/load --soak --port 8080 --minutes 10 [--pid PID] [--connections 8] [--seed N]</pre>
 */
final class Soak {

    private static final Pattern VALUE = Pattern.compile("\"statistic\"\\s*:\\s*\"VALUE\"\\s*,\\s*\"value\"\\s*:\\s*([0-9.eE+-]+)");

    /** A request of the mix and the status class it must get (2 or 4). */
    private record Shot(String name, HttpRequest request, int expectedClass) {
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    private Soak(int port) {
        this.port = port;
    }

    static void main(String[] args) throws Exception {
        int port = 8080;
        int minutes = 10;
        int connections = 8;
        long seed = System.nanoTime();
        Long pid = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--minutes" -> minutes = Integer.parseInt(args[++i]);
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--pid" -> pid = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("soak takes --port, --minutes, --connections, --seed, "
                        + "--pid; got " + args[i]);
            }
        }
        if (minutes < 1 || minutes > 24 * 60 || connections < 1 || connections > 256) {
            throw new IllegalArgumentException("--minutes must be 1..1440 and --connections 1..256");
        }
        new Soak(port).run(minutes, connections, seed, pid);
    }

    private void run(int minutes, int connections, long seed, Long pid) throws Exception {
        List<Shot> mix = mix();
        System.out.printf(Locale.ROOT, "soak: http://127.0.0.1:%d/v1/plans, %d min, %d connections, seed %d, "
                + "%d cores, load average %s%n", port, minutes, connections, seed,
                Runtime.getRuntime().availableProcessors(), load());
        System.out.printf(Locale.ROOT, "%6s %9s %7s %9s %9s %9s %10s %10s %9s %8s%n", "minute", "requests", "errors",
                "p50 ms", "p99 ms", "max ms", "heap MB", "live MB", "RSS MB", "load");
        long[] total = new long[2];
        LatencyHistogram all = new LatencyHistogram();
        ExecutorService pool = Executors.newFixedThreadPool(connections, r -> {
            Thread t = new Thread(r, "soak");
            t.setDaemon(true);
            return t;
        });
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
        try {
            for (int m = 1; m <= minutes; m++) {
                long minuteEnd = Math.min(end, System.nanoTime() + TimeUnit.MINUTES.toNanos(1));
                AtomicLong errors = new AtomicLong();
                List<java.util.concurrent.Future<LatencyHistogram>> workers = new ArrayList<>();
                for (int c = 0; c < connections; c++) {
                    SplittableRandom random = new SplittableRandom(seed * 1_000_003L + m * 257L + c);
                    workers.add(pool.submit(() -> connection(mix, random, minuteEnd, errors)));
                }
                LatencyHistogram minute = new LatencyHistogram();
                for (var w : workers) {
                    minute.addAll(w.get());
                }
                all.addAll(minute);
                total[0] += minute.count() + errors.get();
                total[1] += errors.get();
                System.out.printf(Locale.ROOT, "%6d %9d %7d %9.2f %9.2f %9.2f %10.1f %10.1f %9s %8s%n", m,
                        minute.count() + errors.get(), errors.get(), ms(minute, 50), ms(minute, 99), ms(minute, 100),
                        metric("jvm.memory.used?tag=area:heap") / 1e6, metric("jvm.gc.live.data.size") / 1e6,
                        pid == null ? "n/a" : String.format(Locale.ROOT, "%.1f", rss(pid) / 1e6), load());
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf(Locale.ROOT, "total: %d requests, %d errors, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                total[0], total[1], ms(all, 50), ms(all, 99), ms(all, 100));
        if (total[1] > 0) {
            System.exit(1);
        }
    }

    private LatencyHistogram connection(List<Shot> mix, SplittableRandom random, long until, AtomicLong errors) {
        LatencyHistogram latencies = new LatencyHistogram();
        while (System.nanoTime() < until) {
            Shot shot = mix.get(random.nextInt(mix.size()));
            long sent = System.nanoTime();
            try {
                HttpResponse<byte[]> r = client.send(shot.request(), HttpResponse.BodyHandlers.ofByteArray());
                latencies.record(System.nanoTime() - sent);
                if (r.statusCode() / 100 != shot.expectedClass()) {
                    errors.incrementAndGet();
                    System.err.println(shot.name() + ": " + r.statusCode() + " "
                            + new String(r.body(), 0, Math.min(300, r.body().length), StandardCharsets.UTF_8));
                }
            } catch (java.io.IOException e) {
                errors.incrementAndGet();
                System.err.println(shot.name() + ": " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return latencies;
    }

    /** The mix: valid scenarios weighted towards the small ones, and one of each hostile kind. */
    private List<Shot> mix() {
        List<Shot> mix = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            mix.add(valid(LoadScenario.S1_JSON));
        }
        for (int i = 0; i < 4; i++) {
            mix.add(valid(LoadScenario.S2_JSON));
        }
        mix.add(valid(LoadScenario.S4_SAFETENSORS));
        mix.add(valid(LoadScenario.S4_BLOCKS));
        String ok = "{\"scheme\":\"mrope\",\"sequences\":[{\"parts\":[{\"type\":\"text\",\"tokens\":3}]}]";
        hostile(mix, "wrong type", "{\"scheme\":\"mrope\",\"sequences\":[{\"parts\":[{\"type\":\"text\",\"tokens\":\"3\"}]}]}");
        hostile(mix, "param wrong type", ok.replace("\"scheme\":\"mrope\"", "\"scheme\":\"mrope\",\"params\":{\"head_dim\":[1]}") + "}");
        hostile(mix, "NaN", ok.replace("3}", "NaN}") + "}");
        hostile(mix, "1e308", ok.replace("\"scheme\":\"mrope\"", "\"scheme\":\"mrope\",\"params\":{\"temporal_stride\":1e308}")
                .replace("{\"type\":\"text\",\"tokens\":3}", "{\"type\":\"video\",\"grid\":[4,2,2]}") + "}");
        hostile(mix, "deep nesting", "[".repeat(5000) + "]".repeat(5000));
        hostile(mix, "trailing garbage", ok + "} xyz");
        hostile(mix, "empty body", "");
        hostile(mix, "unknown field", ok + ",\"" + "x".repeat(50_000) + "\":1}");
        hostile(mix, "huge array", "{\"scheme\":\"mrope\",\"sequences\":[{\"input_ids\":[" + "1,".repeat(300_000) + "1]}]}");
        hostile(mix, "too many decode steps", ok + ",\"decode_steps\":100000000}");
        mix.add(new Shot("bad UTF-8", post(concat(ok.getBytes(StandardCharsets.UTF_8),
                new byte[] {',', '"', 'x', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}), "application/json"), 4));
        mix.add(new Shot("wrong content type", post((ok + "}").getBytes(StandardCharsets.UTF_8), "text/plain"), 4));
        return mix;
    }

    private Shot valid(LoadScenario s) {
        return new Shot(s.label, HttpRequest.newBuilder(uri("/v1/plans")).header("Content-Type", "application/json")
                .header("Accept", s.accept).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(s.body)).build(), 2);
    }

    private void hostile(List<Shot> mix, String name, String body) {
        mix.add(new Shot(name, post(body.getBytes(StandardCharsets.UTF_8), "application/json"), 4));
    }

    private HttpRequest post(byte[] body, String type) {
        return HttpRequest.newBuilder(uri("/v1/plans")).header("Content-Type", type).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** One actuator metric's VALUE, or NaN when it cannot be read. */
    private double metric(String name) {
        try {
            String body = client.send(HttpRequest.newBuilder(uri("/actuator/metrics/" + name)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = VALUE.matcher(body);
            return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
        } catch (java.io.IOException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    /** Resident set size in bytes from {@code /proc/<pid>/status}. */
    private static double rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Double.parseDouble(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException e) {
            // the process is gone: NaN says so
        }
        return Double.NaN;
    }

    private static double ms(LatencyHistogram h, double p) {
        return h.count() == 0 ? 0 : h.percentile(p) / 1e6;
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
        } catch (java.io.IOException e) {
            return "n/a";
        }
    }
}
