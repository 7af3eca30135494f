package dev.posplan.multimodal.processor;

import static dev.posplan.multimodal.processor.Qwen3TimestampsTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TorchRangeTest {

    @Test
    void linspaceEndpointsAreExactAndOneStepIsTheStart() {
        float[] v = TorchRange.linspace(0f, 299f, 20);
        assertEquals(0f, v[0]);
        assertEquals(299f, v[19]);
        assertArrayEquals(new float[] {5f}, TorchRange.linspace(5f, 9f, 1));
        assertEquals(0, TorchRange.linspace(0f, 9f, 0).length);
    }

    @Test
    void linspaceIsFloat32WithTiesToEven() {
        // index 402 of linspace(0, 15999, 636) is 10128.5 in float32 (10128.5008 in float64): rounds to even
        assertEquals(10128, QwenVlUtils.frameIndices(16000, 636)[402]);
        assertEquals(10129, Qwen3VlVideoSampler.frameIndices(16000, 636)[402]);
    }

    @Test
    void linspaceComputesTheSecondHalfFromTheEnd() {
        // start + step*428 would round to 9740; torch computes end - step*(703-428)
        assertEquals(9741, QwenVlUtils.frameIndices(16000, 704)[428]);
    }

    @Test
    void arangeLengthIsTheCeilingOfTheSpanOverTheStep() {
        // 17 / (17/14) = 14.000000000000002 -> 15 values, the last one 17.0
        float[] v = TorchRange.arange(0, 17, 17 / 14.0);
        assertEquals(15, v.length);
        assertEquals(17f, v[14]);
        assertArrayEquals(new int[] {0, 1, 3, 5}, TorchRange.truncate(TorchRange.arange(0, 7, 7 / 4.0)));
    }

    @Test
    void arangeVectorsStartFromTheirOwnFloatBase() {
        float[] scalar = TorchRange.arange(0, 30001, 30001 / 614.0, 1);
        float[] avx2 = TorchRange.arange(0, 30001, 30001 / 614.0, 8);
        assertEquals(26824, TorchRange.truncate(scalar)[549]);
        assertEquals(26825, TorchRange.truncate(avx2)[549]);
        // the tail beyond the last pair of vectors is scalar
        assertEquals(scalar[613], avx2[613]);
    }

    @Test
    void roundingHelpers() {
        assertArrayEquals(new int[] {0, 2, 2, -2}, TorchRange.roundHalfEven(new float[] {0.5f, 1.5f, 2.5f, -1.5f}));
        assertArrayEquals(new int[] {0, 1, -1}, TorchRange.truncate(new float[] {0.9f, 1.99f, -1.5f}));
    }

    @Test
    void rejectsBadArguments() {
        assertMessage("steps", () -> TorchRange.linspace(0f, 1f, -1));
        assertMessage("end", () -> TorchRange.linspace(0f, Float.NaN, 3));
        assertMessage("step", () -> TorchRange.arange(0, 10, 0));
        assertMessage("step", () -> TorchRange.arange(0, 10, -1));
        assertMessage("step", () -> TorchRange.arange(0, 10, Double.NaN));
        assertMessage("lanes", () -> TorchRange.arange(0, 10, 1, 0));
    }
}
