package dev.posplan.conformance;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.multimodal.QwenFormats;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.NullNode;

/** Padded slots are compared like every other slot; only JSON nulls are skipped. */
class VlmRopeCheckerTest {

    private static JsonNode leftPadded() {
        return Golden.read(GoldenDir.locate().resolve("mr_mrope").resolve("c16_left_padding_2.json"));
    }

    private static final VlmRopeChecker MROPE = Checkers.mr("mrope", QwenFormats.QWEN3_VL);

    /** The file's pads hold 1 (the reference's value) in slots 0 and 1. */
    @Test
    void aWrongPadValueIsAMismatchAtThePaddedSlot() {
        JsonNode golden = leftPadded();
        assertDoesNotThrow(() -> MROPE.check(golden));
        Mismatch m = assertThrows(Mismatch.class, () -> MROPE.with(p -> Map.of("pad_value", 0)).check(golden));
        assertTrue(m.getMessage().startsWith("token 0, axis t: expected 1, actual 0"), m.getMessage());
    }

    @Test
    void nullSlotsAreSkipped() {
        JsonNode golden = leftPadded();
        JsonNode kinds = golden.get("tokens").get("kinds");
        for (JsonNode axis : golden.get("position_ids").get("values").values()) {
            for (int i = 0; i < kinds.size(); i++) {
                if (kinds.get(i).asString().equals("pad")) {
                    ((ArrayNode) axis).set(i, NullNode.getInstance());
                }
            }
        }
        assertDoesNotThrow(() -> MROPE.with(p -> Map.of("pad_value", 0)).checkPositions(golden));
    }
}
