package dev.posplan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.planners.SchemeRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code bin/posplan} as a process, as a pipeline runs it: after the reactor has packaged the web module, the
 * script starts, plans, lists the schemes, and answers with the documented exit statuses.
 */
class PosplanScriptTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCRIPT = Path.of("..", "bin", "posplan").toAbsolutePath().normalize();
    private static final String REQUEST = "{\"model\": \"qwen2-vl\", \"sequences\": [{\"parts\": [{\"type\": \"text\", "
            + "\"tokens\": 3}, {\"type\": \"image\", \"grid\": [1, 2, 3]}, {\"type\": \"text\", \"tokens\": 2}]}]}";

    @TempDir
    Path dir;

    @BeforeAll
    static void built() throws IOException {
        Path target = SCRIPT.getParent().getParent().resolve("web").resolve("target");
        Assumptions.assumeTrue(Files.exists(target.resolve("classpath.txt")),
                "the web module is not packaged (run the reactor: mvn verify)");
    }

    private record Run(int status, String out, String err) {
    }

    private Run posplan(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(List.of(args));
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "bin/posplan did not finish");
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void plansAFileAndABatchAlike() throws Exception {
        Path request = Files.writeString(dir.resolve("request.json"), REQUEST);
        Run plan = posplan("plan", request.toString());
        assertEquals(0, plan.status(), plan.err());
        JsonNode answer = JSON.readTree(plan.out());
        assertEquals(13, answer.get("length").asInt());
        assertEquals(3, answer.get("position_ids").size());

        Path lines = Files.writeString(dir.resolve("requests.jsonl"), REQUEST + "\n" + REQUEST + "\n");
        Run batch = posplan("batch", lines.toString());
        assertEquals(0, batch.status(), batch.err());
        List<String> answers = batch.out().lines().toList();
        assertEquals(2, answers.size());
        for (String a : answers) {
            assertEquals(answer.get("position_ids"), JSON.readTree(a).get("position_ids"));
        }
    }

    @Test
    void writesNpyToAFile() throws Exception {
        Path request = Files.writeString(dir.resolve("request.json"), REQUEST);
        Path npy = dir.resolve("positions.npy");
        Run run = posplan("plan", request.toString(), "--format", "npy", "-o", npy.toString());
        assertEquals(0, run.status(), run.err());
        String header = new String(Files.readAllBytes(npy), 0, 128, StandardCharsets.ISO_8859_1);
        assertTrue(header.startsWith("\u0093NUMPY"), header);
        assertTrue(header.contains("'shape': (3, 1, 13)"), header);
    }

    @Test
    void listsEverySchemeTheLibraryPlans() throws Exception {
        Run run = posplan("schemes");
        assertEquals(0, run.status(), run.err());
        List<String> names = new ArrayList<>();
        JSON.readTree(run.out()).forEach(s -> names.add(s.get("name").asString()));
        assertEquals(SchemeRegistry.all().stream().map(d -> d.name()).toList(), names);
    }

    @Test
    void exitStatusesSayWhoIsAtFault() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), REQUEST.replace("[1, 2, 3]", "[1, 2, 0]"));
        Run refused = posplan("plan", bad.toString());
        assertEquals(2, refused.status());
        List<String> errLines = refused.err().lines().toList();   // library warnings may come first
        JsonNode problem = JSON.readTree(errLines.get(errLines.size() - 1));
        assertEquals(422, problem.get("status").asInt());
        assertTrue(problem.get("field").asString().startsWith("/sequences/0/parts/1"), refused.err());

        Run usage = posplan("plan");
        assertEquals(64, usage.status());
        assertTrue(usage.err().contains("usage: posplan"), usage.err());
    }
}
