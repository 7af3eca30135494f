package dev.posplan.web;

import dev.posplan.api.encode.NonClosingOutputStream;
import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.multimodal.text.ModelTokenizers;
import dev.posplan.web.V1PlanController.AnswerFormat;
import java.io.BufferedReader;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bin/posplan}: the {@code /v1} planner without a server, for data pipelines. It maps and writes requests
 * with the service's own classes ({@link V1PlanWriter}, {@link V1CatalogueController}), reads JSON as strictly as
 * the service, and reports a refused request as the service's RFC 9457 problem on stderr.
 *
 * <p>Exit status: 0 answered; 2 a request refused (the problem is on stderr; in batch mode, any line refused);
 * 64 a usage error (unknown command or option, missing or unreadable file); 1 an internal error.
 */
public final class PosplanCli {

    static final int OK = 0;
    static final int INTERNAL = 1;
    static final int REFUSED = 2;
    static final int USAGE = 64;

    private static final String HELP = """
            usage: posplan [--config FILE] COMMAND ...
                   posplan plan REQUEST.json [--format json|npy|npz|safetensors] [-o FILE]
                   posplan batch REQUESTS.jsonl [--format json|npy|npz|safetensors] [-o FILE|DIR]
                   posplan compare REQUEST.json [-o FILE]
                   posplan schemes | models
            REQUEST.json is a /v1/plans (or /v1/compare) body, '-' reads stdin. batch reads one /v1/plans request
            per line: JSON answers go one per line to FILE (or stdout), a refused line as its problem; binary
            answers go to DIR as 1.npz, 2.npz, ... by line number, a refused line as 2.problem.json.
            --config FILE reads the service's settings from a .properties file (posplan.limits.*,
            posplan.models.<name>.tokenizer); without it the limits are the service's defaults and
            POSPLAN_QWEN_TOKENIZER names the Qwen tokenizer directory.""";

    /** Reads request JSON with the service's settings (application.properties, spring.jackson.*). */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private final V1PlanWriter writer;
    private final FailureLocator planner;
    private final V1CatalogueController catalogue;
    private final InputStream stdin;
    private final PrintStream stdout;
    private final PrintStream stderr;

    PosplanCli(ModelTokenizers tokenizers, PlanLimits limits, InputStream stdin, PrintStream stdout,
            PrintStream stderr) {
        V1PlanMapper mapper = new V1PlanMapper(limits, tokenizers);
        this.writer = new V1PlanWriter(mapper, limits, JSON);
        this.planner = new FailureLocator(writer);
        this.catalogue = new V1CatalogueController(tokenizers, mapper, limits);
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public static void main(String[] args) {
        // stdout carries answers only: library logs (DJL's CUDA probe, logback's console) go to stderr
        PrintStream answers = System.out;
        System.setOut(System.err);
        int status;
        List<String> rest = new ArrayList<>(List.of(args));
        int at = rest.indexOf("--config");
        CliSettings settings;
        try {
            Path config = null;
            if (at >= 0) {
                if (at + 1 >= rest.size()) {
                    throw new UsageException("--config needs a file");
                }
                config = Path.of(rest.remove(at + 1));
                rest.remove(at);
            }
            settings = CliSettings.load(config, System.getenv());
        } catch (UsageException e) {
            System.err.println("posplan: " + e.getMessage());
            System.err.println(HELP);
            System.exit(USAGE);
            return;
        }
        try (ModelTokenizers tokenizers = new ModelTokenizers(settings.tokenizers())) {
            status = new PosplanCli(tokenizers, settings.limits(), System.in, answers, System.err)
                    .run(rest.toArray(String[]::new));
        }
        answers.flush();
        System.exit(status);
    }

    /** The Qwen-VL presets share one tokenizer, as in application.properties. */
    static Map<String, Path> tokenizerDirectories(Map<String, String> env) {
        Map<String, Path> dirs = new LinkedHashMap<>();
        String qwen = env.get("POSPLAN_QWEN_TOKENIZER");
        if (qwen != null && !qwen.isBlank()) {
            for (String model : List.of("qwen2-vl", "qwen2.5-vl", "qwen3-vl")) {
                dirs.put(model, Path.of(qwen));
            }
        }
        return dirs;
    }

    /** Runs one command; answers the exit status. */
    int run(String... args) {
        if (args.length == 1 && List.of("help", "-h", "--help").contains(args[0])) {
            stdout.println(HELP);
            return OK;
        }
        try {
            Options o = Options.parse(this, args);
            return switch (o.command) {
                case "plan" -> plan(o);
                case "batch" -> batch(o);
                case "compare" -> compare(o);
                case "schemes" -> listing(o, catalogue.schemes());
                case "models" -> listing(o, catalogue.models());
                default -> throw new UsageException("unknown command '" + o.command + "'");
            };
        } catch (UsageException e) {
            stderr.println("posplan: " + e.getMessage());
            stderr.println(HELP);
            return USAGE;
        } catch (RuntimeException | IOException e) {
            stderr.println(JSON.writeValueAsString(problemOf(e)));
            if (status(e) == INTERNAL) {
                e.printStackTrace(stderr);
            }
            return status(e);
        }
    }

    private int plan(Options o) throws IOException {
        V1PlanRequest request = read(o.input(), V1PlanRequest.class);
        V1PlanAnswer plan = planner.plan(request, o.format);
        try (OutputStream out = o.output()) {
            writer.write(plan, o.format, out);
        }
        return OK;
    }

    private int compare(Options o) throws IOException {
        Map<String, Object> answer = catalogue.compare(read(o.input(), V1CompareRequest.class));
        try (OutputStream out = o.output()) {
            JSON.writeValue(new NonClosingOutputStream(out), answer);
        }
        return OK;
    }

    private int listing(Options o, Object answer) throws IOException {
        try (OutputStream out = o.output()) {
            JSON.writeValue(new NonClosingOutputStream(out), answer);
        }
        return OK;
    }

    /**
     * One request per line, each answered alone: a refused line is reported (stderr, and in place of its answer)
     * and the others are still answered. Blank lines are skipped but keep their number.
     */
    private int batch(Options o) throws IOException {
        boolean binary = o.format != AnswerFormat.JSON;
        Path dir = binary ? Path.of(o.requireOutput("batch with a binary --format writes to a directory")) : null;
        if (dir != null) {
            Files.createDirectories(dir);
        }
        int refused = 0;
        try (BufferedReader lines = new BufferedReader(new java.io.InputStreamReader(o.input(),
                StandardCharsets.UTF_8)); OutputStream out = binary ? null : o.output()) {
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String name = Integer.toString(number);
                try {
                    V1PlanAnswer plan = planner.plan(readValue(line, V1PlanRequest.class), o.format);
                    if (binary) {
                        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(
                                dir.resolve(name + "." + o.format.name().toLowerCase(Locale.ROOT))))) {
                            writer.write(plan, o.format, file);
                        }
                    } else {
                        writer.write(plan, o.format, out);
                        out.write('\n');
                    }
                } catch (InvalidInputException | LimitExceededException | JacksonException e) {
                    refused++;
                    String problem = JSON.writeValueAsString(problemOf(e));
                    stderr.println("line " + number + ": " + problem);
                    if (binary) {
                        Files.writeString(dir.resolve(name + ".problem.json"), problem + "\n");
                    } else {
                        out.write((problem + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return refused == 0 ? OK : REFUSED;
    }

    private static <T> T read(InputStream in, Class<T> type) throws IOException {
        try (in) {
            return readValue(new String(in.readAllBytes(), StandardCharsets.UTF_8), type);
        }
    }

    private static <T> T readValue(String text, Class<T> type) {
        return JSON.readValue(text, type);
    }

    private static int status(Exception e) {
        return e instanceof InvalidInputException || e instanceof LimitExceededException
                || e instanceof JacksonException ? REFUSED : INTERNAL;
    }

    /** The problem the service answers for the same failure, as the JSON members it writes (no instance). */
    static Map<String, Object> problemOf(Exception e) {
        ProblemAdvice advice = new ProblemAdvice();
        ProblemDetail p;
        if (e instanceof InvalidInputException bad) {
            p = advice.invalidInput(bad);
        } else if (e instanceof LimitExceededException over) {
            p = advice.limitExceeded(over);
        } else if (e instanceof JacksonException unreadable) {
            JsonErrors.Described d = JsonErrors.describe(
                    new HttpMessageNotReadableException("unreadable request", unreadable, null));
            p = ProblemAdvice.problem(HttpStatus.BAD_REQUEST, d.detail(), d.field());
        } else {
            p = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                    "posplan failed to plan this request; the error follows");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        if (p.getType() != null) {
            m.put("type", p.getType().toString());
        }
        m.put("title", p.getTitle());
        m.put("status", p.getStatus());
        m.put("detail", p.getDetail());
        if (p.getProperties() != null) {
            p.getProperties().forEach((k, v) -> {
                if (v != null) {
                    m.put(k, v);
                }
            });
        }
        return m;
    }

    /** A command, its file argument and its options. */
    private final class Options {

        private String command;
        private String file;
        private AnswerFormat format = AnswerFormat.JSON;
        private String outputPath;

        static Options parse(PosplanCli cli, String[] args) {
            Options o = cli.new Options();
            List<String> positional = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--format" -> o.format = format(value(args, ++i, "--format"));
                    case "-o", "--output" -> o.outputPath = value(args, ++i, args[i - 1]);
                    default -> {
                        if (args[i].startsWith("--") || (args[i].startsWith("-") && args[i].length() > 1)) {
                            throw new UsageException("unknown option '" + args[i] + "'");
                        }
                        positional.add(args[i]);
                    }
                }
            }
            if (positional.isEmpty()) {
                throw new UsageException("no command");
            }
            o.command = positional.get(0);
            boolean takesFile = List.of("plan", "batch", "compare").contains(o.command);
            if (positional.size() != (takesFile ? 2 : 1)) {
                throw new UsageException(takesFile ? o.command + " takes one request file ('-' for stdin)"
                        : o.command + " takes no argument");
            }
            o.file = takesFile ? positional.get(1) : null;
            if (o.format != AnswerFormat.JSON && !List.of("plan", "batch").contains(o.command)) {
                throw new UsageException(o.command + " answers JSON only");
            }
            return o;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new UsageException(option + " needs a value");
            }
            return args[i];
        }

        private static AnswerFormat format(String name) {
            for (AnswerFormat f : AnswerFormat.values()) {
                if (f.name().toLowerCase(Locale.ROOT).equals(name)) {
                    return f;
                }
            }
            throw new UsageException("--format must be json, npy, npz or safetensors");
        }

        InputStream input() {
            if ("-".equals(file)) {
                return stdin;
            }
            try {
                return Files.newInputStream(Path.of(file));
            } catch (IOException e) {
                throw new UsageException("cannot read " + file + ": " + e);
            }
        }

        OutputStream output() throws IOException {
            if (outputPath == null || "-".equals(outputPath)) {
                return new NonClosingOutputStream(stdout);
            }
            return new BufferedOutputStream(Files.newOutputStream(Path.of(outputPath)));
        }

        String requireOutput(String why) {
            if (outputPath == null || "-".equals(outputPath)) {
                throw new UsageException(why + ": give -o DIR");
            }
            return outputPath;
        }
    }

    /** A command line that does not parse. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
