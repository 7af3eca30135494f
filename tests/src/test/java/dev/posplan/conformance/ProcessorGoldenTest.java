package dev.posplan.conformance;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.multimodal.processor.ResizeSetting;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Qwen processor goldens ({@code qwen/processor_*.json}) must match exactly. */
class ProcessorGoldenTest {

    private static final ProcessorGoldenChecker CHECKER = new ProcessorGoldenChecker();

    private static JsonNode golden(String name) {
        Path file = GoldenDir.locate().resolve("qwen/" + name);
        return Golden.read(file);
    }

    @Test
    void smartResizeMatches() {
        CHECKER.check(golden("processor_smart_resize.json"));
    }

    @Test
    void frameSamplingMatches() {
        CHECKER.check(golden("processor_frame_sampling.json"));
    }

    @Test
    void everyGoldenSettingIsANamedPreset() {
        JsonNode resize = golden("processor_smart_resize.json").get("smart_resize");
        for (String part : new String[] {"results", "qwen3_video_results"}) {
            for (Map.Entry<String, JsonNode> e : resize.get(part).properties()) {
                ResizeSetting parsed = SmartResizeGolden.setting(e.getKey());
                assertTrue(ResizeSetting.presets().contains(parsed), e.getKey() + " -> " + parsed + " is no preset");
            }
        }
    }

    @Test
    void aChangedGoldenValueIsReported() {
        JsonNode file = golden("processor_frame_sampling.json");
        ((tools.jackson.databind.node.ObjectNode) file.get("frame_sampling").get("timestamp_format_cases"))
                .put("0.25", "<0.3 seconds>");
        assertThrows(Mismatch.class, () -> CHECKER.check(file));
    }

    @Test
    void anUnknownFileIsReported() {
        assertThrows(Mismatch.class, () -> CHECKER.check(Golden.read(GoldenDir.locate().resolve("qwen/INDEX.json"))));
    }
}
