package dev.posplan.spark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code bin/posplan-spark} command line. Under {@code spark-submit} the master and resources come from
 * Spark's own options; a plain {@code java} launch runs on {@code local[*]}.
 *
 * <pre>
 * sample --model M --rows N --output DIR [--seed S] [--partitions P]
 * audit  --model M --input DIR --output DIR [--compat C | --compare A,B]
 * scan   --input DIR                    (the benchmark floor: read as audit does, plan nothing)
 * </pre>
 */
public final class PosplanSpark {

    static final String DEFAULT_COMPAT = "hf-4.57";
    private static final String USAGE = """
            usage: posplan-spark sample --model M --rows N --output DIR [--seed S] [--partitions P]
                   posplan-spark audit --model M --input DIR --output DIR [--compat C | --compare A,B]
                   posplan-spark scan --input DIR   (benchmark floor: reads as audit does, plans nothing)
            models: %s; compats: %s (default %s)
            """.formatted(PosplanLibrary.models(), PosplanLibrary.compats(), DEFAULT_COMPAT);

    private PosplanSpark() {
    }

    public static void main(String[] args) {
        int status = run(args, null);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs one command; 0 on success, 2 on a usage error (message and usage on stderr). With a null
     * {@code spark} the command starts its own session and stops it at the end.
     */
    static int run(String[] args, SparkSession spark) {
        String command = args.length == 0 ? "" : args[0];
        try {
            Map<String, String> options = options(args);
            Runnable job = switch (command) {
                case "sample" -> sample(options, spark);
                case "audit" -> audit(options, spark);
                case "scan" -> scan(options, spark);
                default -> throw new IllegalArgumentException(command.isEmpty() ? "no command"
                        : "unknown command '" + command + "'");
            };
            job.run();
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("posplan-spark: " + e.getMessage());
            System.err.print(USAGE);
            return 2;
        }
    }

    /** Validates the options, then returns the job. */
    private static Runnable sample(Map<String, String> o, SparkSession given) {
        String model = require(o, "model");
        long rows = number(o, "rows", -1);
        if (rows < 1) {
            throw new IllegalArgumentException("--rows must be a positive integer");
        }
        String output = require(o, "output");
        SampleCorpus corpus = SampleCorpus.of(model, number(o, "seed", 1));
        return () -> withSession(given, "posplan-spark sample", spark -> {
            int partitions = (int) number(o, "partitions",
                    Math.max(spark.sparkContext().defaultParallelism(), (rows + 49_999) / 50_000));
            long start = System.nanoTime();
            corpus.rows(spark, rows, partitions).write().mode(SaveMode.Overwrite).parquet(output);
            report("sample", rows, start);
        });
    }

    private static Runnable audit(Map<String, String> o, SparkSession given) {
        String model = require(o, "model");
        String input = require(o, "input");
        String output = require(o, "output");
        CorpusAudit audit;
        if (o.containsKey("compare")) {
            List<String> pair = List.of(o.get("compare").split(","));
            if (pair.size() != 2 || o.containsKey("compat") && !o.get("compat").equals(pair.get(0))) {
                throw new IllegalArgumentException("--compare takes two compats, A,B (A is the audited one)");
            }
            audit = CorpusAudit.comparing(model, pair.get(0).trim(), pair.get(1).trim());
        } else {
            audit = CorpusAudit.of(model, o.getOrDefault("compat", DEFAULT_COMPAT));
        }
        return () -> withSession(given, "posplan-spark audit", spark -> {
            long start = System.nanoTime();
            AuditSummary summary = audit.run(spark.read().parquet(input), output);
            System.out.println(summary.toJson());
            report("audit", summary.rows(), start);
        });
    }

    /** The benchmark floor: reads the corpus as the audit does and plans nothing. */
    private static Runnable scan(Map<String, String> o, SparkSession given) {
        String input = require(o, "input");
        return () -> withSession(given, "posplan-spark scan", spark -> {
            long start = System.nanoTime();
            long[] rowsAndTokens = ScanFloor.run(spark.read().parquet(input));
            System.out.println("{\"rows\": " + rowsAndTokens[0] + ", \"tokens\": " + rowsAndTokens[1] + "}");
            report("scan", rowsAndTokens[0], start);
        });
    }

    private static void withSession(SparkSession given, String app, java.util.function.Consumer<SparkSession> job) {
        SparkSession spark = given != null ? given : session(app, "local[*]");
        try {
            job.accept(spark);
        } finally {
            if (given == null) {
                spark.stop();
            }
        }
    }

    private static void report(String what, long rows, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.err.printf("posplan-spark %s: %d rows in %.1f s (%.0f rows/s)%n", what, rows, seconds, rows / seconds);
    }

    /**
     * The session of a job: the master comes from {@code spark-submit} when there is one, else
     * {@code fallbackMaster} (a plain {@code java} launch).
     */
    static SparkSession session(String app, String fallbackMaster) {
        SparkSession.Builder b = SparkSession.builder().appName(app);
        if (System.getProperty("spark.master") == null) {
            b.master(fallbackMaster).config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "8");
        }
        return b.getOrCreate();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value, got '" + args[i] + "'");
            }
            out.put(args[i].substring(2), args[i + 1]);
        }
        return out;
    }

    private static String require(Map<String, String> o, String name) {
        String v = o.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }

    private static long number(Map<String, String> o, String name, long def) {
        String v = o.get(name);
        if (v == null) {
            return def;
        }
        try {
            return Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, got '" + v + "'");
        }
    }
}
