package dev.posplan.multimodal.processor;

import dev.posplan.multimodal.InvalidInputException;

/**
 * Python number semantics the reference processors rely on. {@code round} on a float rounds half to even
 * like {@link Math#rint}; {@code int / int} is a correctly rounded true division, which equals the double
 * division here because every operand is checked to be an exact double (below 2^53).
 */
final class PyMath {

    /** Integers up to this magnitude are exact doubles. */
    static final long EXACT = 1L << 53;

    private PyMath() {
    }

    /** Python {@code round(x)} for a float: nearest integer, ties to even. */
    static long round(double x) {
        return (long) Math.rint(x);
    }

    /** {@code round(x / factor) * factor}. */
    static long roundByFactor(double x, int factor) {
        return round(x / factor) * factor;
    }

    /** {@code math.floor(x / factor) * factor}. */
    static long floorByFactor(double x, int factor) {
        return (long) Math.floor(x / factor) * factor;
    }

    /** {@code math.ceil(x / factor) * factor}. */
    static long ceilByFactor(double x, int factor) {
        return (long) Math.ceil(x / factor) * factor;
    }

    /**
     * numpy {@code np.linspace(0, stop, n)} in float64: {@code i · (stop / (n - 1))}, the last value exactly
     * {@code stop}; one value is {@code [0]}.
     */
    static double[] linspace(double stop, int n) {
        double[] out = new double[n];
        if (n == 1) {
            return out;
        }
        double step = stop / (n - 1);
        for (int i = 0; i < n - 1; i++) {
            out[i] = i * step;
        }
        out[n - 1] = stop;
        return out;
    }

    /** A product of sizes that must stay an exact double, so that Python's int division is reproduced. */
    static long exactProduct(String what, long a, long b) {
        long p = Math.multiplyExact(a, b);
        if (p > EXACT) {
            throw InvalidInputException.of(what + " is too large (" + p + " > 2^53)");
        }
        return p;
    }
}
