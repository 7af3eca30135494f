package dev.posplan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * The numpy client of {@code examples/python} against the running application: each answer format loads with
 * numpy alone and holds the JSON answer's positions. Skipped, saying why, where python3 has no numpy.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class V1PythonClientTest extends HttpSupport {

    private static final String REQUEST = """
            {"model": "qwen2.5-vl", "params": {"compat": "hf-main"}, "decode_steps": 2, "sequences": [
              {"parts": [{"type": "text", "tokens": 3}, {"type": "image", "grid_thw": [1, 4, 6]},
                         {"type": "text", "tokens": 2}]},
              {"parts": [{"type": "text", "tokens": 1}, {"type": "video", "grid": [2, 2, 2],
                          "second_per_grid_t": 0.5}]}]}""";

    private static Path client() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("examples").resolve("python").resolve("posplan_client.py");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("examples/python/posplan_client.py not found");
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("exit " + p.exitValue() + ": " + text);
        }
        return text;
    }

    private static boolean numpy() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "safetensors", "npy", "npz"})
    void theNumpyClientLoadsEveryFormat(String format, @TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(numpy(), "python3 with numpy is not available (.ci/run installs python3-numpy)");
        JsonNode expected = json(post("/v1/plans", REQUEST));
        Path request = Files.writeString(dir.resolve("request.json"), REQUEST);
        List<String> command = new ArrayList<>(List.of("python3", client().toString(), "plan", request.toString(),
                "--url", uri("").toString(), "--format", format));
        JsonNode summary = JSON.readTree(run(command));
        JsonNode positions = summary.get("position_ids");
        List<Integer> flat = new ArrayList<>();
        for (JsonNode axis : expected.get("position_ids")) {
            for (JsonNode row : axis) {
                row.forEach(v -> flat.add(v.asInt()));
            }
        }
        if (format.equals("json")) {
            assertEquals(List.of(3, 2, expected.get("length").asInt()), ints(positions.get("shape")));
        } else {
            assertEquals("<i4", positions.get("dtype").asString());
            assertEquals(List.of(3, 2, expected.get("length").asInt()), ints(positions.get("shape")));
        }
        assertEquals(flat, ints(positions.get("values")));
        if (format.equals("safetensors")) {
            assertEquals("mrope-abs-time", summary.get("metadata").get("scheme").asString());
            assertEquals(ints(expected.get("rope_deltas")), ints(summary.get("rope_deltas").get("values")));
        }
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asInt()));
        return out;
    }
}
