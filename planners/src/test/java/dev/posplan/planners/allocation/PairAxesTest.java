package dev.posplan.planners.allocation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PairAxesTest {

    private static long count(int[] axes, int axis) {
        return Arrays.stream(axes).filter(a -> a == axis).count();
    }

    @Test
    void lowFrequencyTemporalPutsTimeLast() {
        int[] axes = PairAxes.lowFrequencyTemporal(new int[] {16, 24, 24}, 64);
        assertEquals(1, axes[0]);
        assertEquals(2, axes[1]);
        assertEquals(1, axes[46]);
        assertEquals(2, axes[47]);
        for (int j = 48; j < 64; j++) {
            assertEquals(0, axes[j]);
        }
        assertEquals(24, count(axes, 1));
        assertEquals(24, count(axes, 2));
    }

    @Test
    void onlyTheSpatialSumMattersOfficially() {
        assertArrayEquals(PairAxes.lowFrequencyTemporal(new int[] {4, 4, 8}, 16),
                PairAxes.lowFrequencyTemporal(new int[] {4, 6, 6}, 16));
    }

    @Test
    void shiftedVersionIsOnePairOff() {
        int[] axes = PairAxes.lowFrequencyTemporalShifted(new int[] {16, 24, 24}, 64);
        assertEquals(0, axes[0]);
        assertEquals(1, axes[1]);
        assertEquals(2, axes[2]);
        assertEquals(1, axes[47]);
        assertEquals(0, axes[48]);
        assertEquals(17, count(axes, 0));
        assertEquals(24, count(axes, 1));
        assertEquals(23, count(axes, 2));
    }

    @Test
    void shiftedSlicesClipLikePython() {
        // 2 * s_h = 12 > 8 pairs: the slice stops at the last pair
        assertArrayEquals(new int[] {0, 1, 0, 1, 0, 1, 0, 1}, PairAxes.lowFrequencyTemporalShifted(new int[] {2, 6, 0}, 8));
    }

    @Test
    void sectionsMustFitThePairs() {
        assertThrows(IllegalArgumentException.class, () -> PairAxes.lowFrequencyTemporal(new int[] {16, 24, 23}, 64));
        assertThrows(IllegalArgumentException.class, () -> PairAxes.lowFrequencyTemporalShifted(new int[] {16, 48}, 64));
    }

    @Test
    void periodicAndNope() {
        assertArrayEquals(new int[] {0, 1, 2, 3, 0, 1}, PairAxes.periodic(new int[] {0, 1, 2, 3}, 6));
        assertArrayEquals(new int[] {0, 0, 1, 2, 1, 2, 1, 2, 0, 0, 1},
                PairAxes.periodic(new int[] {0, 0, 1, 2, 1, 2, 1, 2}, 11));
        assertArrayEquals(new int[] {-1, 1, 2, -1}, PairAxes.withoutRotation(new int[] {0, 1, 2, 0}, 0));
        assertThrows(IllegalArgumentException.class, () -> PairAxes.periodic(new int[0], 4));
    }
}
