package dev.posplan.planners.numerics;

/**
 * CPython's {@code random.Random} for the draws reference training code makes, bit for bit: the
 * MT19937 generator (Matsumoto and Nishimura, 1998), seeded the way {@code random.seed(int)} does it
 * ({@code init_by_array} over the 32-bit words of {@code |seed|}), with {@code getrandbits},
 * {@code _randbelow} (rejection sampling on {@code n.bit_length()} bits, what {@code random.choice}
 * uses) and {@code random()}. Not thread-safe; create one per sequence.
 */
public final class PythonRandom {

    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] mt = new int[N];
    private int index = N;

    /** As {@code random.seed(seed)} (CPython 3, integer seed; negative seeds use their absolute value). */
    public PythonRandom(long seed) {
        initByArray(keyOf(seed));
    }

    /** The 32-bit words of {@code |seed|}, least significant first; {@code [0]} for 0. */
    private static int[] keyOf(long seed) {
        // |Long.MIN_VALUE| does not fit a long; its magnitude is 2^63, words [0, 0x80000000]
        long low = seed == Long.MIN_VALUE ? 0 : Math.abs(seed) & 0xffffffffL;
        long high = seed == Long.MIN_VALUE ? 0x80000000L : Math.abs(seed) >>> 32;
        return high == 0 ? new int[] {(int) low} : new int[] {(int) low, (int) high};
    }

    private void initGenrand(int s) {
        mt[0] = s;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = N;
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
        mt[0] = UPPER_MASK; // MSB set: the state is never all zero
    }

    /** The next 32 random bits (MT19937 {@code genrand_uint32}), as an unsigned value. */
    public long nextUint32() {
        if (index >= N) {
            twist();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xffffffffL;
    }

    private void twist() {
        for (int k = 0; k < N; k++) {
            int y = (mt[k] & UPPER_MASK) | (mt[(k + 1) % N] & LOWER_MASK);
            mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        index = 0;
    }

    /** {@code random.getrandbits(k)} for {@code 1 <= k <= 32}. */
    public long getrandbits(int k) {
        if (k < 1 || k > 32) {
            throw new IllegalArgumentException("getrandbits supports 1..32 bits here, got " + k);
        }
        return nextUint32() >>> (32 - k);
    }

    /** {@code random._randbelow(n)}: uniform in {@code [0, n)}, what {@code random.choice} indexes with. */
    public int randbelow(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("randbelow needs n >= 1, got " + n);
        }
        int bits = 32 - Integer.numberOfLeadingZeros(n);
        long r = getrandbits(bits);
        while (r >= n) {
            r = getrandbits(bits);
        }
        return (int) r;
    }

    /** {@code random.random()}: 53 random bits as a double in {@code [0, 1)}. */
    public double random() {
        long a = nextUint32() >>> 5;
        long b = nextUint32() >>> 6;
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
    }

    /** {@code random.choice(values)}. */
    public int choice(int[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("cannot choose from an empty sequence");
        }
        return values[randbelow(values.length)];
    }
}
