package dev.posplan.multimodal.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The Qwen-Omni audio length formulas and time products. */
class OmniModelTest {

    @Test
    void qwen25OmniHalvesTwiceRoundingUpThenDown() {
        assertEquals(95, OmniModel.QWEN2_5_OMNI.audioTokens(380));
        for (int f = 1; f <= 5000; f++) {
            int afterConv = (f + 1) / 2;   // ceil(f / 2)
            assertEquals(afterConv / 2, OmniModel.QWEN2_5_OMNI.audioTokens(f), "frames " + f);
        }
    }

    @Test
    void qwen3OmniGivesThirteenTokensPerHundredFrames() {
        assertEquals(26, OmniModel.QWEN3_OMNI.audioTokens(200));
        assertEquals(1, OmniModel.QWEN3_OMNI.audioTokens(1));
        for (int f = 1; f <= 5000; f++) {
            assertEquals(OmniModel.QWEN3_OMNI.audioTokens(f) + 13, OmniModel.QWEN3_OMNI.audioTokens(f + 100),
                    "frames " + f);
        }
        assertThrows(IllegalArgumentException.class, () -> OmniModel.QWEN3_OMNI.audioTokens(0));
    }

    @Test
    void qwen25TruncatesTheFloat32TimeProductQwen3KeepsIt() {
        assertEquals(12.0, OmniModel.QWEN2_5_OMNI.sliceTime(1, 0.5f));
        assertEquals(6.5, OmniModel.QWEN3_OMNI.sliceTime(1, 0.5f));
        float spg = (float) (2.0 / 3.0);
        assertEquals((double) (((float) 5 * spg) * 13f), OmniModel.QWEN3_OMNI.sliceTime(5, spg));
        assertEquals((long) (((float) 5 * spg) * 25f), (long) OmniModel.QWEN2_5_OMNI.sliceTime(5, spg));
    }
}
