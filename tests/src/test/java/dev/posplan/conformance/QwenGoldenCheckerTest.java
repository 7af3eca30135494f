package dev.posplan.conformance;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.planners.compat.DeltaBase;
import dev.posplan.planners.compat.QwenCompat;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class QwenGoldenCheckerTest {

    private static final JsonNode PROCESSOR = JsonMapper.builder().build().readTree("{\"smart_resize\": {}}");

    private static final QwenGoldenChecker CHECKER = new QwenGoldenChecker(g -> { });

    private static ObjectNode leftPadded() {
        return (ObjectNode) Golden.read(
                GoldenDir.locate().resolve("qwen").resolve("qwen3_vl_batch2_left_padding.json"));
    }

    private static ObjectNode impl(ObjectNode golden, String name) {
        return (ObjectNode) golden.get("impls").get(name);
    }

    @Test
    void processorFilesGoToTheGivenChecker() {
        List<String> seen = new ArrayList<>();
        QwenGoldenChecker checker = new QwenGoldenChecker(g -> seen.add(g.propertyNames().iterator().next()));
        checker.check("processor_smart_resize.json", PROCESSOR);
        assertEquals(List.of("smart_resize"), seen);
        // Without the name the file is not recognised (and never reaches the delegate).
        assertThrows(Mismatch.class, () -> checker.check(PROCESSOR));
        assertEquals(1, seen.size());
    }

    @Test
    void theRecordedSemanticsAreKnown() {
        assertEquals(DeltaBase.PADDED,
                QwenGoldenChecker.deltaBase("max(position)+1 - padded_sequence_length (pads included)"));
        assertEquals(DeltaBase.UNPADDED, QwenGoldenChecker.deltaBase("max(position)+1 - number_of_unmasked_tokens"));
        assertEquals(DeltaBase.UNPADDED,
                QwenGoldenChecker.deltaBase("max(position)+1 - len(request tokens) (no padding in vLLM)"));
        Mismatch m = assertThrows(Mismatch.class, () -> QwenGoldenChecker.deltaBase("max(position)+1"));
        assertTrue(m.getMessage().contains("not a semantics posplan knows"), m.getMessage());
    }

    @Test
    void aPadValueDriftFailsBeforeAnyPosition() {
        ObjectNode g = leftPadded();
        assertDoesNotThrow(() -> CHECKER.check(g));
        impl(g, "transformers_main").put("padding_position_value", 1);
        Mismatch m = assertThrows(Mismatch.class, () -> CHECKER.check(g));
        assertEquals("transformers_main: padding_position_value 1, but compat hf-main (mapped to transformers_main) "
                + "writes 0 on padded slots: the impl has drifted from its compat", m.getMessage());
    }

    @Test
    void aDeltaSemanticsDriftFails() {
        ObjectNode g = leftPadded();
        impl(g, "transformers_v4_57").put("rope_deltas_semantics", "max(position)+1 - number_of_unmasked_tokens");
        Mismatch m = assertThrows(Mismatch.class, () -> CHECKER.check(g));
        assertTrue(m.getMessage().startsWith("transformers_v4_57: rope_deltas_semantics 'max(position)+1 - "
                + "number_of_unmasked_tokens' subtracts the unpadded length, but compat hf-4.57"), m.getMessage());
    }

    /** null: the impl never pads (vLLM); any compat pad value is fine. Missing fields are not. */
    @Test
    void nullPadValueMeansNoPadding() {
        ObjectNode vllm = impl(leftPadded(), "vllm");
        assertTrue(vllm.get("padding_position_value").isNull());
        assertDoesNotThrow(() -> QwenGoldenChecker.declarations("vllm", QwenCompat.VLLM, vllm));
        vllm.remove("padding_position_value");
        assertThrows(Mismatch.class, () -> QwenGoldenChecker.declarations("vllm", QwenCompat.VLLM, vllm));
    }
}
