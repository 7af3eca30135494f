package dev.posplan.multimodal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad prompt parts and blocks fail where they are built, naming the field. */
class PromptPartValidationTest {

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void videoTimingIsCheckedEvenForFormatsThatDropIt() {
        Grid g = new Grid(2, 1, 1);
        for (float bad : new float[] {-1f, Float.POSITIVE_INFINITY}) {
            // Qwen3-VL writes per-frame blocks without the timing, so only the part itself can catch it.
            String m = message(() -> QwenFormats.QWEN3_VL.expand(List.of(new PromptPart.Video(g, bad, new int[2]))));
            assertTrue(m.contains("second_per_grid_t"), m);
        }
        assertEquals(2f, new PromptPart.Video(g, 2f, new int[2]).secondsPerGrid());
    }

    @Test
    void timestampTokenCountsNameTheirIndex() {
        Grid g = new Grid(3, 1, 1);
        assertTrue(message(() -> new PromptPart.Video(g, Float.NaN, new int[] {1, -2, 1})).contains("timestampTokens[1]"));
        assertTrue(message(() -> new PromptPart.Video(g, Float.NaN, new int[2])).contains("grid.t"));
        assertEquals("timestampTokens",
                assertThrows(NullPointerException.class, () -> new PromptPart.Video(g, Float.NaN, null)).getMessage());
    }

    @Test
    void blockIndicesAreNotNegative() {
        Grid g = new Grid(1, 1, 1);
        assertTrue(message(() -> new VisualBlock(Modality.IMAGE, g, Float.NaN, -1, 0)).contains("source=-1"));
        assertTrue(message(() -> new VisualBlock(Modality.VIDEO, g, Float.NaN, 0, -1)).contains("frame=-1"));
    }
}
