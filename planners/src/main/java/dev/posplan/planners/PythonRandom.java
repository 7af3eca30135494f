package dev.posplan.planners;

/**
 * CPython's {@code random} module for the calls training code makes: {@code random.seed(int)} followed by
 * {@code random.choice(seq)} (i.e. {@code _randbelow}). The generator is MT19937 seeded with
 * {@code init_by_array} over the 32-bit words of {@code |seed|}, as CPython 3 does, so the same seed draws
 * the same sequence (V2PE {@code v2pe_rnd}, vlm-ropes.md §9.1). Not thread-safe; one instance per walk.
 */
public final class PythonRandom {

    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] mt = new int[N];
    private int mti;

    /** {@code random.seed(seed)} for an integer seed (its absolute value is used, as in CPython). */
    public PythonRandom(long seed) {
        long a = seed == Long.MIN_VALUE ? Long.MIN_VALUE : Math.abs(seed);
        int[] key;
        int high = (int) (a >>> 32);
        if (high != 0) {
            key = new int[] {(int) a, high};
        } else {
            key = new int[] {(int) a};
        }
        initByArray(key);
    }

    private void initGenrand(int s) {
        mt[0] = s;
        for (mti = 1; mti < N; mti++) {
            mt[mti] = 1812433253 * (mt[mti - 1] ^ (mt[mti - 1] >>> 30)) + mti;
        }
    }

    private void initByArray(int[] key) {
        initGenrand(19650218);
        int i = 1;
        int j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (int k = N - 1; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x80000000;
    }

    /** The next raw 32-bit output (MT19937 {@code genrand_uint32}). */
    int nextInt32() {
        if (mti >= N) {
            for (int kk = 0; kk < N; kk++) {
                int y = (mt[kk] & UPPER_MASK) | (mt[(kk + 1) % N] & LOWER_MASK);
                mt[kk] = mt[(kk + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
            }
            mti = 0;
        }
        int y = mt[mti++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    /** {@code random.getrandbits(k)} for {@code 1 <= k <= 32}. */
    public long getrandbits(int k) {
        if (k < 1 || k > 32) {
            throw new IllegalArgumentException("getrandbits supports 1..32 bits here, got " + k);
        }
        return Integer.toUnsignedLong(nextInt32()) >>> (32 - k);
    }

    /** {@code random._randbelow(n)}: uniform in {@code [0, n)} by rejection sampling on {@code bit_length(n)} bits. */
    public int randbelow(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("randbelow needs n >= 1, got " + n);
        }
        int k = 32 - Integer.numberOfLeadingZeros(n);
        long r = getrandbits(k);
        while (r >= n) {
            r = getrandbits(k);
        }
        return (int) r;
    }

    /** {@code random.choice(values)}. */
    public int choice(int[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("cannot choose from an empty sequence");
        }
        return values[randbelow(values.length)];
    }
}
