package dev.posplan.planners.camera;

import dev.posplan.planners.numerics.TorchPow;

/**
 * Array helpers shared by the camera encodings: float32 rounding, batched cross products, RoPE
 * frequencies, and the float32 angle arithmetic of the references (angles are formed in float32 as torch
 * does, then cos/sin are taken in double and rounded, i.e. within 1 ulp of torch's float32
 * {@code cos}/{@code sin}).
 */
final class CameraMath {

    private CameraMath() {
    }

    static float[] toFloat(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    /** Row-wise {@code a × b} of two {@code [n, 3]} arrays. */
    static double[] crossRows(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int k = 0; k < a.length; k += 3) {
            out[k] = a[k + 1] * b[k + 2] - a[k + 2] * b[k + 1];
            out[k + 1] = a[k + 2] * b[k] - a[k] * b[k + 2];
            out[k + 2] = a[k] * b[k + 1] - a[k + 1] * b[k];
        }
        return out;
    }

    /**
     * {@code torch.cross(a, b)} without {@code dim} on tensors of shape {@code [1, views, pixels, 3]}: the
     * product runs over the first axis of size 3 (views, else pixels, else the channel axis).
     */
    static double[] crossFirstSize3Axis(double[] a, double[] b, int views, int pixels) {
        if (views != 3 && pixels != 3) {
            return crossRows(a, b);
        }
        double[] out = new double[a.length];
        // index of element (view v, pixel p, channel c) = 3 (v·pixels + p) + c; the axis of size 3 is
        // views (stride 3·pixels) or pixels (stride 3).
        int stride = views == 3 ? 3 * pixels : 3;
        int outer = views == 3 ? 1 : views;
        int inner = views == 3 ? pixels : 1;
        for (int o = 0; o < outer; o++) {
            for (int p = 0; p < inner; p++) {
                for (int c = 0; c < 3; c++) {
                    int base = o * 9 * inner + 3 * p + c;
                    int i0 = base;
                    int i1 = base + stride;
                    int i2 = base + 2 * stride;
                    out[i0] = a[i1] * b[i2] - a[i2] * b[i1];
                    out[i1] = a[i2] * b[i0] - a[i0] * b[i2];
                    out[i2] = a[i0] * b[i1] - a[i1] * b[i0];
                }
            }
        }
        return out;
    }

    /**
     * The RoPE frequencies of PRoPE's {@code _rope_precompute_coeffs} and UCPE's {@code rope_precompute_coeffs}:
     * {@code freq_scale * freq_base ** (-arange(f) / f)} in float32, the power as torch's CPU kernel takes it
     * ({@link TorchPow}: SLEEF's powf for blocks of 16, e.g. all of PRoPE's 16 at head_dim 128).
     */
    static float[] ropeFrequencies(int f, double base, double scale) {
        float[] exponents = new float[f];
        for (int i = 0; i < f; i++) {
            exponents[i] = (float) (-i) / (float) f;
        }
        float[] freqs = TorchPow.scalarBase(base, exponents);
        for (int i = 0; i < f; i++) {
            freqs[i] = (float) scale * freqs[i];
        }
        return freqs;
    }

    /** {@code cos} of a float32 angle, rounded to float32. */
    static float cos(float angle) {
        return (float) Math.cos(angle);
    }

    /** {@code sin} of a float32 angle, rounded to float32. */
    static float sin(float angle) {
        return (float) Math.sin(angle);
    }
}
