package dev.posplan.multimodal.processor;

import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.multimodal.numerics.TorchArange;

/**
 * The float32 values of {@code torch.linspace} and {@code torch.arange} on CPU, reproduced bit for bit
 * (ATen {@code native/cpu/RangeFactoriesKernel.cpp}, torch 1.13 and later), plus the two casts the
 * processors apply ({@code .round()} and {@code .int()}).
 */
public final class TorchRange {

    /**
     * {@code Vectorized<float>::size()} of the DEFAULT, AVX2 and NEON kernels. AVX-512 builds use 16; the lane
     * count only matters for {@link #arange}, whose vectorized path starts every vector from its own base.
     */
    public static final int DEFAULT_FLOAT_LANES = TorchArange.LANES;

    private TorchRange() {
    }

    /**
     * {@code torch.linspace(start, end, steps)} in float32. The kernel is scalar: {@code step = (end-start)/(steps-1)}
     * in float; the first {@code steps/2} values are {@code start + step*i}, the rest {@code end - step*(steps-1-i)},
     * every operation rounded to float (Java never fuses multiply-add).
     */
    public static float[] linspace(float start, float end, int steps) {
        Args.nonNegative("steps", steps);
        requireFinite("start", start);
        requireFinite("end", end);
        float[] out = new float[steps];
        if (steps == 1) {
            out[0] = start;
            return out;
        }
        float step = (end - start) / (steps - 1);
        int halfway = steps / 2;
        for (int i = 0; i < steps; i++) {
            out[i] = i < halfway ? start + step * i : end - step * (steps - i - 1);
        }
        return out;
    }

    /** {@link #arange(double, double, double, int)} with {@link #DEFAULT_FLOAT_LANES}. */
    public static float[] arange(double start, double end, double step) {
        return arange(start, end, step, DEFAULT_FLOAT_LANES);
    }

    /**
     * {@code torch.arange(start, end, step)} with a float32 result. The length is
     * {@code ceil((end - start) / step)} in double, which can exceed the intended count by one (for example
     * {@code arange(0, 17, 17/14)} has 15 values). Values are computed in double ({@code acc_type} of float on
     * CPU) and rounded to float: the scalar path gives {@code (float)(start + step*i)}; the vectorized path, which
     * covers the first {@code floor(n / (2*lanes)) * 2*lanes} values, gives {@code (float)(base + j*step)} with
     * {@code base = (float)(start + step*i0)} per vector of {@code lanes} values. Assumes torch runs the range as
     * one chunk, which it does up to {@code GRAIN_SIZE} = 32768 values or with one thread.
     *
     * @param lanes {@code Vectorized<float>::size()} of the torch build; 1 reproduces the scalar kernel
     */
    public static float[] arange(double start, double end, double step, int lanes) {
        Args.positive("lanes", lanes);
        long size;
        try {
            size = TorchArange.length(start, end, step);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("step: " + e.getMessage(), e);
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw InvalidInputException.of("step: arange would have " + size + " values");
        }
        float[] out = new float[(int) size];
        for (int i = 0; i < out.length; i++) {
            out[i] = TorchArange.element(start, step, size, i, lanes);
        }
        return out;
    }

    /** {@code .round().long()}: nearest integer, ties to even. */
    public static int[] roundHalfEven(float[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (int) Math.rint(values[i]);
        }
        return out;
    }

    /** {@code .int()}: truncation toward zero. */
    public static int[] truncate(float[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (int) values[i];
        }
        return out;
    }

    private static void requireFinite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw InvalidInputException.of(name + " must be finite, got " + v);
        }
    }
}
