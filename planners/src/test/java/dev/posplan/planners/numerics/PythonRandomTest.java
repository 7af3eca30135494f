package dev.posplan.planners.numerics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Expected values printed by CPython 3.11 ({@code random.Random(seed)}). */
class PythonRandomTest {

    private static long[] uint32(long seed, int n) {
        PythonRandom r = new PythonRandom(seed);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = r.getrandbits(32);
        }
        return out;
    }

    private static int[] below(long seed, int bound, int n) {
        PythonRandom r = new PythonRandom(seed);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = r.randbelow(bound);
        }
        return out;
    }

    @Test
    void seedsLikeCpython() {
        assertArrayEquals(new long[] {3626764237L, 1654615998L, 3255389356L}, uint32(0, 3));
        assertArrayEquals(new long[] {4150886329L, 3342196574L, 1892932127L}, uint32(1234, 3));
        // a seed wider than 32 bits is split into two key words
        assertArrayEquals(new long[] {2166296868L, 2220160828L, 1153647273L}, uint32((1L << 40) + 5, 3));
        // negative seeds use their absolute value
        assertArrayEquals(new long[] {1390851128L, 4071050724L, 647892279L}, uint32(-7, 3));
    }

    @Test
    void continuesAcrossTheStateRefill() {
        PythonRandom r = new PythonRandom(42);
        for (int i = 0; i < 700; i++) {
            r.nextUint32();
        }
        assertEquals(4214005797L, r.nextUint32());
    }

    @Test
    void randbelowRejectsLikeCpython() {
        assertArrayEquals(new int[] {3, 3, 0, 2, 4, 3, 3, 2}, below(0, 5, 8));
        assertArrayEquals(new int[] {3, 0, 0, 0, 4, 0, 0, 0}, below(1234, 5, 8));
        assertArrayEquals(new int[] {4, 4, 2, 0, 4, 0, 1, 0}, below((1L << 40) + 5, 5, 8));
        PythonRandom r = new PythonRandom(0);
        for (int i = 0; i < 8; i++) {
            r.randbelow(5);
        }
        assertArrayEquals(new int[] {991, 488, 366}, new int[] {r.randbelow(1000), r.randbelow(1000), r.randbelow(1000)});
    }

    @Test
    void randomIsFiftyThreeBits() {
        PythonRandom r = new PythonRandom(0);
        assertEquals(0.8444218515250481, r.random());
        assertEquals(0.7579544029403025, r.random());
        assertEquals(0.32383276483316237, new PythonRandom(-7).random());
    }

    @Test
    void rejectsBadArguments() {
        PythonRandom r = new PythonRandom(1);
        assertThrows(IllegalArgumentException.class, () -> r.randbelow(0));
        assertThrows(IllegalArgumentException.class, () -> r.getrandbits(0));
        assertThrows(IllegalArgumentException.class, () -> r.getrandbits(33));
    }
}
