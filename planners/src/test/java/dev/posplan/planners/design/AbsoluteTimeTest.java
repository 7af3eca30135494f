package dev.posplan.planners.design;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.Modality;
import dev.posplan.multimodal.VisualBlock;
import org.junit.jupiter.api.Test;

class AbsoluteTimeTest {

    private static VisualBlock video(float s) {
        return new VisualBlock(Modality.VIDEO, new Grid(8, 1, 1), s, 0, 0);
    }

    private static long[] offsets(AbsoluteTime.Arithmetic a, float s, int slices) {
        AbsoluteTime rule = new AbsoluteTime(a, 2);
        long[] out = new long[slices];
        for (int k = 0; k < slices; k++) {
            out[k] = (long) rule.offset(k, video(s));
        }
        return out;
    }

    @Test
    void zeroPointSevenSecondsSplitsFloat32FromFloat64AtK5() {
        // 5 * 0.7f rounds to exactly 3.5f in float32 (-> 7); in double it stays 6.9999999 (-> 6).
        assertEquals(7, offsets(AbsoluteTime.Arithmetic.HF_4_51, 0.7f, 6)[5]);
        assertEquals(6, offsets(AbsoluteTime.Arithmetic.VLLM, 0.7f, 6)[5]);
        assertArrayEquals(new long[] {0, 1, 2, 4, 5, 7}, offsets(AbsoluteTime.Arithmetic.HF_4_51, 0.7f, 6));
        assertArrayEquals(new long[] {0, 1, 2, 4, 5, 6}, offsets(AbsoluteTime.Arithmetic.VLLM, 0.7f, 6));
        assertArrayEquals(new long[6], offsets(AbsoluteTime.Arithmetic.HF_4_57, 0.7f, 6));
        assertArrayEquals(new long[6], offsets(AbsoluteTime.Arithmetic.HF_MAIN, 0.7f, 6));
    }

    @Test
    void halfASecondCollapsesEveryFrameWhenSecondsAreTruncatedFirst() {
        long[] ramp = {0, 1, 2, 3, 4, 5};
        assertArrayEquals(ramp, offsets(AbsoluteTime.Arithmetic.HF_4_51, 0.5f, 6));
        assertArrayEquals(ramp, offsets(AbsoluteTime.Arithmetic.VLLM, 0.5f, 6));
        assertArrayEquals(new long[6], offsets(AbsoluteTime.Arithmetic.HF_4_57, 0.5f, 6));
        assertArrayEquals(new long[6], offsets(AbsoluteTime.Arithmetic.HF_MAIN, 0.5f, 6));
    }

    @Test
    void oneAndAHalfSecondsAndMissingSeconds() {
        assertArrayEquals(new long[] {0, 3, 6, 9}, offsets(AbsoluteTime.Arithmetic.HF_4_51, 1.5f, 4));
        assertArrayEquals(new long[] {0, 2, 4, 6}, offsets(AbsoluteTime.Arithmetic.HF_4_57, 1.5f, 4));
        for (AbsoluteTime.Arithmetic a : AbsoluteTime.Arithmetic.values()) {
            assertArrayEquals(new long[] {0, 2, 4, 6}, offsets(a, Float.NaN, 4), a.apiName());
        }
    }

    @Test
    void imagesAreNeverScaled() {
        VisualBlock image = new VisualBlock(Modality.IMAGE, new Grid(1, 2, 2), 3.0f, 0, 0);
        for (AbsoluteTime.Arithmetic a : AbsoluteTime.Arithmetic.values()) {
            assertEquals(0, new AbsoluteTime(a, 2).offset(0, image));
        }
    }

    @Test
    void tokensPerSecondMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new AbsoluteTime(AbsoluteTime.Arithmetic.VLLM, 0));
    }
}
