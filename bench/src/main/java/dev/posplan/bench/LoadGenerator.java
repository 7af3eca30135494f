package dev.posplan.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded closed-loop load generator for {@code POST /v1/plans} on a local posplan: each of N connections
 * (one platform thread each, a fixed pool) sends the scenario's request, waits for the whole answer and sends
 * the next, until the duration or the request count is used up. It only ever talks to 127.0.0.1.
 *
 * <pre>bin/load --port 8080 [--seconds 20] [--warmup 5] [--max-requests 2000000] [--connections N] S1 S2 S4-safetensors S4-blocks</pre>
 *
 * <p>{@code bin/load --soak ...} runs the {@link Soak} instead: a bounded mix of valid and hostile requests with
 * heap and RSS sampled over time.
 */
public final class LoadGenerator {

    private static final String LOOPBACK = "127.0.0.1";

    private final HttpClient client;
    private final URI uri;

    private LoadGenerator(int port, int connections) {
        this.uri = URI.create("http://" + LOOPBACK + ":" + port + "/v1/plans");
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(Math.max(2, connections / 4), daemon()))
                .build();
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--describe")) {
            describe(LoadScenario.byName(args[1]), java.nio.file.Path.of(args[2]));
            return;
        }
        if (args.length > 0 && args[0].equals("--soak")) {
            Soak.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        int port = 8080;
        int seconds = 20;
        int warmup = 5;
        long maxRequests = 2_000_000;
        Integer connections = null;
        List<LoadScenario> scenarios = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--max-requests" -> maxRequests = Long.parseLong(args[++i]);
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                default -> scenarios.add(LoadScenario.byName(args[i]));
            }
        }
        if (scenarios.isEmpty()) {
            scenarios = List.of(LoadScenario.values());
        }
        if (connections != null && (connections < 1 || connections > 256)) {
            throw new IllegalArgumentException("--connections must be 1..256");
        }
        System.out.printf(Locale.ROOT, "POST http://%s:%d/v1/plans, %d s per scenario after %d s warm-up, "
                + "at most %,d requests; load average before: %s%n", LOOPBACK, port, seconds, warmup, maxRequests,
                loadAverage());
        System.out.printf(Locale.ROOT, "%-16s %5s %9s %9s %9s %9s %9s %7s %12s  %s%n", "scenario", "conns",
                "requests", "req/s", "p50 ms", "p99 ms", "max ms", "errors", "bytes/answer", "load avg after");
        for (LoadScenario scenario : scenarios) {
            int n = connections != null ? connections : scenario.defaultConnections;
            LoadGenerator generator = new LoadGenerator(port, n);
            if (warmup > 0) {
                generator.run(scenario, n, TimeUnit.SECONDS.toNanos(warmup), maxRequests);
            }
            Result result = generator.run(scenario, n, TimeUnit.SECONDS.toNanos(seconds), maxRequests);
            System.out.printf(Locale.ROOT, "%-16s %5d %9d %9.0f %9.2f %9.2f %9.2f %7d %12d  %s%n", scenario.label,
                    n, result.latencies.count(), result.requestsPerSecond(), millis(result.percentile(50)),
                    millis(result.percentile(99)), millis(result.percentile(100)), result.errors, result.bytes,
                    loadAverage());
        }
    }

    private Result run(LoadScenario scenario, int connections, long durationNanos, long maxRequests)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header("Accept", scenario.accept)
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(scenario.body))
                .build();
        RequestBudget budget = new RequestBudget(maxRequests, durationNanos, System::nanoTime);
        AtomicLong errors = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(connections, daemon());
        long start = System.nanoTime();
        try {
            List<Future<LatencyHistogram>> workers = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                workers.add(pool.submit(() -> connection(request, budget, errors, bytes)));
            }
            LatencyHistogram all = new LatencyHistogram();
            for (Future<LatencyHistogram> worker : workers) {
                all.addAll(worker.get());
            }
            return new Result(all, errors.get(), bytes.get(), System.nanoTime() - start);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One connection's closed loop; a failed request (non-2xx or I/O error) counts as an error, not a latency. */
    private LatencyHistogram connection(HttpRequest request, RequestBudget budget, AtomicLong errors,
            AtomicLong bytes) {
        LatencyHistogram latencies = new LatencyHistogram();
        while (budget.tryStart()) {
            long sent = System.nanoTime();
            try {
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                long took = System.nanoTime() - sent;
                if (response.statusCode() / 100 == 2) {
                    latencies.record(took);
                    bytes.set(response.body().length);
                } else {
                    errors.incrementAndGet();
                }
            } catch (java.io.IOException e) {
                errors.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return latencies;
    }

    private record Result(LatencyHistogram latencies, long errors, long bytes, long elapsedNanos) {

        double requestsPerSecond() {
            return latencies.count() * 1e9 / elapsedNanos;
        }

        long percentile(double p) {
            return latencies.count() == 0 ? 0 : latencies.percentile(p);
        }
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    /** The 1-, 5- and 15-minute load averages, where the system reports them. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException e) {
            return "n/a";
        }
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return runnable -> {
            Thread thread = new Thread(runnable);
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * {@code --describe SCENARIO BODY_FILE}: writes the scenario's request body to BODY_FILE and prints its Accept
     * header and connection count, so other load tools (bin/wrk-load) send exactly these requests.
     */
    private static void describe(LoadScenario scenario, java.nio.file.Path body) throws java.io.IOException {
        java.nio.file.Files.writeString(body, scenario.body);
        System.out.println(scenario.accept + " " + scenario.defaultConnections);
    }
}
