package dev.posplan.planners.numerics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@code random.choice} and {@code getrandbits} against values printed by CPython 3.11. */
class PythonRandomChoiceTest {

    private static final int[] STRIDES = {1, 2, 4, 8, 16, 32, 64, 128, 256};

    @Test
    void getrandbitsMatchesCpython() {
        PythonRandom r = new PythonRandom(0);
        assertEquals(3626764237L, r.getrandbits(32));
        assertEquals(1654615998L, r.getrandbits(32));
        assertEquals(2166296868L, new PythonRandom((1L << 40) + 5).getrandbits(32));
        // Negative seeds use their absolute value.
        assertEquals(1390851128L, new PythonRandom(-7).getrandbits(32));
        assertEquals(1390851128L, new PythonRandom(7).getrandbits(32));
    }

    @Test
    void choiceMatchesCpython() {
        assertArrayEquals(new int[] {64, 64, 1}, draws(0, 3));
        assertArrayEquals(new int[] {32, 4, 64, 1, 2, 256}, draws(7, 6));
        PythonRandom r = new PythonRandom(12345);
        int[] range = new int[1000];
        for (int i = 0; i < range.length; i++) {
            range[i] = i;
        }
        int[] got = new int[5];
        for (int i = 0; i < got.length; i++) {
            got[i] = r.choice(range);
        }
        assertArrayEquals(new int[] {426, 750, 10, 839, 845}, got);
    }

    @Test
    void rejectsEmptyChoices() {
        assertThrows(IllegalArgumentException.class, () -> new PythonRandom(0).choice(new int[0]));
    }

    private static int[] draws(long seed, int n) {
        PythonRandom r = new PythonRandom(seed);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = r.choice(STRIDES);
        }
        return out;
    }
}
