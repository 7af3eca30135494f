package dev.posplan.planners;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PairAxesMoreTest {

    @Test
    void periodicRepeatsThePattern() {
        assertArrayEquals(new int[] {0, 0, 1, 2, 1, 2, 1, 2, 0, 0, 1}, PairAxes.periodic(new int[] {0, 0, 1, 2, 1, 2, 1, 2}, 11));
        assertArrayEquals(new int[] {0, 1, 2, 0}, PairAxes.periodic(new int[] {0, 1, 2}, 4));
        assertThrows(IllegalArgumentException.class, () -> PairAxes.periodic(new int[0], 4));
    }
}
