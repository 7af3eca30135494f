package dev.posplan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.multimodal.text.ModelTokenizers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** {@code bin/posplan --config FILE} reads the service's properties with the service's binding. */
class CliSettingsTest {

    @TempDir
    Path dir;

    @Test
    void limitsAndTokenizersComeFromTheFileAsTheServiceReadsThem() throws Exception {
        Path file = dir.resolve("posplan.properties");
        Files.writeString(file, """
                posplan.limits.max-json-tokens=10
                posplan.limits.maxBodySize=2KB
                posplan.models[qwen2.5-vl].tokenizer=${POSPLAN_TEST_NO_SUCH_VARIABLE:/opt/qwen}
                """);
        CliSettings s = CliSettings.load(file, Map.of("POSPLAN_QWEN_TOKENIZER", "/env/qwen"));
        assertEquals(10, s.limits().maxJsonTokens());
        assertEquals(DataSize.ofKilobytes(2), s.limits().maxBodySize());
        assertEquals(PlanLimits.defaults().maxTokens(), s.limits().maxTokens());
        assertEquals(Path.of("/opt/qwen"), s.tokenizers().get("qwen2.5-vl"));
        assertEquals(Path.of("/env/qwen"), s.tokenizers().get("qwen2-vl"));

        // the CLI plans within those limits: 11 tokens are over max-json-tokens
        Path request = dir.resolve("r.json");
        Files.writeString(request, "{\"scheme\":\"mrope\",\"sequences\":[{\"parts\":[{\"type\":\"text\",\"tokens\":11}]}]}");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ModelTokenizers none = new ModelTokenizers(Map.of())) {
            int status = new PosplanCli(none, s.limits(), new ByteArrayInputStream(new byte[0]), new PrintStream(out),
                    new PrintStream(err)).run("plan", request.toString());
            assertEquals(PosplanCli.REFUSED, status);
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("posplan.limits.max-json-tokens"), err.toString());
    }

    @Test
    void noFileMeansTheDefaultsAndABadValueIsAUsageError() throws Exception {
        assertEquals(PlanLimits.defaults(), CliSettings.load(null, Map.of()).limits());
        Path bad = dir.resolve("bad.properties");
        Files.writeString(bad, "posplan.limits.max-tokens=0\n");
        assertThrows(PosplanCli.UsageException.class, () -> CliSettings.load(bad, Map.of()));
        assertThrows(PosplanCli.UsageException.class, () -> CliSettings.load(dir.resolve("missing"), Map.of()));
    }
}
