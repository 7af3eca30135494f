package dev.posplan.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.multimodal.text.ModelTokenizers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code bin/posplan} run in-process against the service on a random port: for the same request the command
 * line answers what {@code /v1} answers (JSON as a tree, binary formats byte for byte), refuses with the same
 * problem and exit status 2, and answers a batch line by line past a refused line.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PosplanCliTest extends HttpSupport {

    private static final String REQUEST = """
            {"model": "qwen2.5-vl", "padding_side": "left", "decode_steps": 2, "sequences": [
              {"parts": [{"type": "text", "tokens": 3}, {"type": "image", "grid": [1, 2, 3]}, {"type": "text", "tokens": 2}]},
              {"parts": [{"type": "text", "tokens": 5}, {"type": "video", "grid_thw": [2, 4, 4], "second_per_grid_t": 0.5},
                         {"type": "text", "tokens": 1}]}]}""";
    private static final String REFUSED = """
            {"model": "qwen2.5-vl", "sequences": [{"parts": [{"type": "text", "tokens": 3},
              {"type": "image", "grid": [1, 2, 0]}]}]}""";
    private static final String COMPARE = """
            {"model": "qwen2-vl", "sequences": [{"parts": [{"type": "text", "tokens": 2},
               {"type": "video", "grid": [4, 2, 2]}, {"type": "text", "tokens": 3}]}],
             "candidates": [{"params": {"compat": "vllm"}}, {"params": {"compat": "hf-main"}}]}""";

    private static ModelTokenizers tokenizers;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadTokenizers() {
        tokenizers = new ModelTokenizers(PosplanCli.tokenizerDirectories(System.getenv()));
    }

    @AfterAll
    static void closeTokenizers() {
        tokenizers.close();
    }

    /** What one run wrote and answered. */
    record Run(int status, byte[] out, String err) {
        String text() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    private static Run cli(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new PosplanCli(tokenizers, PlanLimits.defaults(),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintStream(out, true),
                new PrintStream(err, true)).run(args);
        return new Run(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    private byte[] httpBytes(String path, String body) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        return r.body();
    }

    @Test
    void planAnswersWhatTheServiceAnswers() throws Exception {
        Run run = cli(REQUEST, "plan", "-");
        assertEquals(0, run.status(), run.err());
        assertEquals(json(post("/v1/plans", REQUEST)), JSON.readTree(run.out()));
    }

    @Test
    void planReadsAFileAndWritesTheOutputFile() throws Exception {
        Path request = Files.writeString(dir.resolve("request.json"), REQUEST);
        Path answer = dir.resolve("answer.json");
        Run run = cli("", "plan", request.toString(), "-o", answer.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals(0, run.out().length);
        assertEquals(json(post("/v1/plans", REQUEST)), JSON.readTree(Files.readAllBytes(answer)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"safetensors", "npy", "npz"})
    void binaryFormatsAreTheServiceBytes(String format) throws Exception {
        Run run = cli(REQUEST, "plan", "-", "--format", format);
        assertEquals(0, run.status(), run.err());
        assertArrayEquals(httpBytes("/v1/plans?format=" + format, REQUEST), run.out());
        byte[] magic = switch (format) {
            case "npy" -> new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
            case "npz" -> new byte[] {'P', 'K', 3, 4};
            default -> new byte[0];
        };
        for (int i = 0; i < magic.length; i++) {
            assertEquals(magic[i], run.out()[i], format + " magic");
        }
    }

    @Test
    void aRefusedRequestIsTheServiceProblemOnStderrWithStatus2() throws Exception {
        Run run = cli(REFUSED, "plan", "-");
        assertEquals(PosplanCli.REFUSED, run.status());
        assertEquals(0, run.out().length);
        ObjectNode http = (ObjectNode) json(post("/v1/plans", REFUSED));
        http.remove("instance");
        assertEquals(http, JSON.readTree(run.err().strip()));
        assertEquals(422, http.get("status").asInt());
    }

    @Test
    void unreadableJsonIsThe400Problem() throws Exception {
        String body = "{\"model\": \"qwen2.5-vl\", \"sequences\": [], \"colour\": 1}";
        Run run = cli(body, "plan", "-");
        assertEquals(PosplanCli.REFUSED, run.status());
        ObjectNode http = (ObjectNode) json(post("/v1/plans", body));
        http.remove("instance");
        assertEquals(http, JSON.readTree(run.err().strip()));
        assertEquals("/colour", http.get("field").asString());
    }

    @Test
    void batchAnswersEveryLineAndReportsTheRefusedOne() throws Exception {
        String lines = String.join("\n", oneLine(REQUEST), oneLine(REFUSED), oneLine(REQUEST)) + "\n";
        Run run = cli(lines, "batch", "-");
        assertEquals(PosplanCli.REFUSED, run.status());
        List<String> answers = run.text().lines().toList();
        assertEquals(3, answers.size());
        JsonNode expected = json(post("/v1/plans", REQUEST));
        assertEquals(expected, JSON.readTree(answers.get(0)));
        assertEquals(422, JSON.readTree(answers.get(1)).get("status").asInt());
        assertEquals(expected, JSON.readTree(answers.get(2)));
        assertTrue(run.err().startsWith("line 2: "), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    @Test
    void binaryBatchWritesOneFilePerLine() throws Exception {
        Path in = Files.writeString(dir.resolve("requests.jsonl"),
                String.join("\n", oneLine(REQUEST), oneLine(REFUSED), oneLine(REQUEST)));
        Path out = dir.resolve("answers");
        Run run = cli("", "batch", in.toString(), "--format", "npz", "-o", out.toString());
        assertEquals(PosplanCli.REFUSED, run.status());
        byte[] expected = httpBytes("/v1/plans?format=npz", REQUEST);
        assertArrayEquals(expected, Files.readAllBytes(out.resolve("1.npz")));
        assertArrayEquals(expected, Files.readAllBytes(out.resolve("3.npz")));
        assertEquals(422, JSON.readTree(Files.readAllBytes(out.resolve("2.problem.json"))).get("status").asInt());
        assertFalse(Files.exists(out.resolve("2.npz")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"schemes", "models"})
    void listingsAreTheServiceCatalogue(String command) throws Exception {
        Run run = cli("", command);
        assertEquals(0, run.status(), run.err());
        assertEquals(json(get("/v1/" + command)), JSON.readTree(run.out()));
    }

    @Test
    void compareAnswersWhatTheServiceAnswers() throws Exception {
        Run run = cli(COMPARE, "compare", "-");
        assertEquals(0, run.status(), run.err());
        assertEquals(json(post("/v1/compare", COMPARE)), JSON.readTree(run.out()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "frob", "plan", "plan - --format xml", "schemes extra", "plan - --bogus",
        "compare - --format npy", "batch - --format npz", "plan /no/such/file.json"})
    void usageErrorsExit64(String args) {
        Run run = cli("{}", args.isEmpty() ? new String[0] : args.split(" "));
        assertEquals(PosplanCli.USAGE, run.status(), run.err());
        assertTrue(run.err().contains("usage: posplan"), run.err());
    }

    private static String oneLine(String json) {
        return json.replace('\n', ' ');
    }
}
