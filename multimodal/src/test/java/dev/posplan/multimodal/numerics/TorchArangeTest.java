package dev.posplan.multimodal.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TorchArangeTest {

    @Test
    void vectorLanesStepFromTheRoundedLaneZero() {
        // V2PE-MR: last 22, a 20-token block, visual_stride 16 -> step 0.8 (values from torch 1.13 AVX2).
        double step = 16.0 / 20;
        double start = 22 + step;
        long n = TorchArange.length(start, 22 + step * 21, step);
        assertEquals(20, n);
        assertEquals(22.799999237060547f, TorchArange.element(start, step, n, 0));
        assertEquals(23.599998474121094f, TorchArange.element(start, step, n, 1));
        assertEquals(24.399999618530273f, TorchArange.element(start, step, n, 2));
        // The plain scalar formula would round element 1 the other way.
        assertNotEquals((float) (start + step), TorchArange.element(start, step, n, 1));
    }

    @Test
    void elementsAfterTheLastFullBlockAreScalar() {
        double step = 0.8;
        double start = 22.8;
        long n = 20;
        float[] expected = {35.599998474121094f, 36.400001525878906f, 37.20000076293945f, 38.0f};
        for (int k = 16; k < 20; k++) {
            assertEquals(expected[k - 16], TorchArange.element(start, step, n, k));
            assertEquals((float) (start + step * k), TorchArange.element(start, step, n, k));
        }
    }

    @Test
    void powerOfTwoStepsAreExact() {
        long n = TorchArange.length(3, 3 + 0.5 * 7, 0.5);
        assertEquals(7, n);
        for (int k = 0; k < n; k++) {
            assertEquals(3 + 0.5f * k, TorchArange.element(3, 0.5, n, k));
        }
    }

    @Test
    void lengthIsTheCeilingOfTheSpanInDouble() {
        // V2PE official with num_image_token 3, stride 1: a float32 end gives 5 elements, a double end 4.
        double delta = 1.0 / 3;
        float end32 = (float) 3 + (float) (delta * 4);
        assertEquals(5, TorchArange.length(3, end32, delta));
        assertEquals(4, TorchArange.length(3, 3 + delta * 4, delta));
    }

    @Test
    void fewerLanesMoveTheVectorBoundary() {
        // 1 lane is the scalar kernel: every element is f32(start + step * k).
        for (int k = 0; k < 40; k++) {
            assertEquals((float) (0.3 + 0.7 * k), TorchArange.element(0.3, 0.7, 40, k, 1));
        }
        assertEquals(TorchArange.element(0.3, 0.7, 40, 33), TorchArange.element(0.3, 0.7, 40, 33, 16),
                "past both vector parts the scalar tail agrees");
    }

    @Test
    void rejectsDegenerateRanges() {
        assertThrows(IllegalArgumentException.class, () -> TorchArange.length(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> TorchArange.length(0, 1, -0.5));
        assertThrows(IllegalArgumentException.class, () -> TorchArange.length(0, Double.NaN, 1));
    }
}
