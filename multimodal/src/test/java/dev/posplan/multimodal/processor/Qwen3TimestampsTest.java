package dev.posplan.multimodal.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Qwen3TimestampsTest {

    @Test
    void formatsLikePythonRoundingTheExactBinaryValueHalfToEven() {
        assertEquals("<0.2 seconds>", Qwen3Timestamps.text(0.25)); // exact tie -> even
        assertEquals("<9.9 seconds>", Qwen3Timestamps.text(9.95)); // stored just below the tie
        assertEquals("<100.0 seconds>", Qwen3Timestamps.text(99.95)); // stored just above: one more digit
        assertEquals("<0.8 seconds>", Qwen3Timestamps.text(0.75));
        assertEquals("<12.2 seconds>", Qwen3Timestamps.text(12.25));
        assertEquals("<0.0 seconds>", Qwen3Timestamps.text(0.0));
        assertEquals("1234567.0", Qwen3Timestamps.oneDecimal(1234567.0));
    }

    @Test
    void stringFormatWouldRoundTiesUp() {
        // Why oneDecimal exists: java.util.Formatter rounds the decimal half up.
        assertEquals("0.3", String.format(java.util.Locale.ROOT, "%.1f", 0.25));
        assertEquals("0.2", Qwen3Timestamps.oneDecimal(0.25));
    }

    @Test
    void negativeValuesKeepTheirSignLikePython() {
        assertEquals("-0.0", Qwen3Timestamps.oneDecimal(-0.04));
        assertEquals("-1.2", Qwen3Timestamps.oneDecimal(-1.25));
    }

    @Test
    void padsToWholeTemporalPatchesByRepeatingTheLastIndex() {
        // 5 frames at 1 fps: pairs (0,1) (2,3) (4,4)
        assertArrayEquals(new double[] {0.5, 2.5, 4.0}, Qwen3Timestamps.of(new int[] {0, 1, 2, 3, 4}, 1.0, 2));
        // a patch of 3 averages its first and last frame only
        assertArrayEquals(new double[] {1.0, 4.5}, Qwen3Timestamps.of(new int[] {0, 1, 2, 3, 6}, 1.0, 3));
        assertArrayEquals(new double[] {0.0, 0.0}, Qwen3Timestamps.of(new int[] {0, 0, 0}, 30.0, 2));
    }

    @Test
    void timestampsOfSampledFramesUseTheirVideoFps() {
        SampledFrames frames = new SampledFrames(new int[] {0, 11, 21, 32}, 33, 30.0);
        assertArrayEquals(new double[] {(0 / 30.0 + 11 / 30.0) / 2, (21 / 30.0 + 32 / 30.0) / 2},
                Qwen3Timestamps.of(frames, 2));
    }

    @Test
    void rejectsBadInputsNamingTheField() {
        assertMessage("indices", () -> Qwen3Timestamps.of(new int[0], 30.0, 2));
        assertMessage("indices", () -> Qwen3Timestamps.of(new int[] {-1, 2}, 30.0, 2));
        assertMessage("videoFps", () -> Qwen3Timestamps.of(new int[] {0, 1}, 0.0, 2));
        assertMessage("videoFps", () -> Qwen3Timestamps.of(new int[] {0, 1}, Double.NaN, 2));
        assertMessage("temporalPatchSize", () -> Qwen3Timestamps.of(new int[] {0, 1}, 30.0, 0));
        assertMessage("seconds", () -> Qwen3Timestamps.text(Double.NaN));
        assertMessage("seconds", () -> Qwen3Timestamps.text(Double.POSITIVE_INFINITY));
    }

    static void assertMessage(String field, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(field), () -> "message should name " + field + ": " + e.getMessage());
    }
}
