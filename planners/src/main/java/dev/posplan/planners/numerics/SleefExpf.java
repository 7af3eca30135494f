package dev.posplan.planners.numerics;

/**
 * Bit-exact emulation of the float32 {@code exp} that PyTorch's CPU kernels use on float tensors when ATen
 * is built without MKL's VML: {@code vml::vexp} maps every element (the partial last vector included,
 * no scalar tail) through {@code Vectorized<float>::exp}, i.e. SLEEF's {@code Sleef_expf8_u10} (AVX2 build,
 * {@code ENABLE_FMA_SP}: every {@code vmla} is one fused multiply-add).
 *
 * <p>Algorithm (SLEEF {@code xexpf} in {@code src/libm/sleefsimdsp.c}): {@code q = rint(d / ln 2)}; Cody-Waite
 * reduction {@code s = d − q·L2U − q·L2L} by two FMAs; a degree-5 polynomial {@code u(s)} by Horner FMAs;
 * {@code e^s ≈ 1 + (s²·u + s)} (one FMA, one add); scaled by {@code 2^q} in two power-of-two steps
 * ({@code vldexp2}). Accurate to 1 ulp, not correctly rounded: for some inputs the result is the other
 * neighbour of the exact value.
 */
public final class SleefExpf {

    private static final float[] POLY = {
        0.000198527617612853646278381f,
        0.00139304355252534151077271f,
        0.00833336077630519866943359f,
        0.0416664853692054748535156f,
        0.166666671633720397949219f,
        0.5f,
    };

    private SleefExpf() {
    }

    /** {@code e^d} rounded exactly as SLEEF's AVX2 {@code expf} u10 rounds it. */
    public static float exp(float d) {
        if (d < -104f) {
            return 0f; // xexpf clears the result below -104
        }
        if (d > 100f) {
            return Float.POSITIVE_INFINITY;
        }
        if (Float.isNaN(d)) {
            return Float.NaN;
        }
        int q = (int) Math.rint(d * SleefDf.R_LN2); // cvtps2dq: round half to even
        float qf = q;
        float s = Math.fma(qf, -SleefDf.L2U, d);
        s = Math.fma(qf, -SleefDf.L2L, s);

        float u = POLY[0];
        for (int i = 1; i < POLY.length; i++) {
            u = Math.fma(u, s, POLY[i]);
        }
        u = 1f + Math.fma(s * s, u, s);
        return ldexp2(u, q);
    }

    /** SLEEF {@code vldexp2_vf_vf_vi2}: {@code x · 2^(q>>1) · 2^(q − (q>>1))}, each factor a power of two. */
    private static float ldexp2(float x, int q) {
        return x * pow2i(q >> 1) * pow2i(q - (q >> 1));
    }

    /** {@code 2^q} for {@code −126 <= q <= 127}, built from its exponent bits as {@code vpow2i} does. */
    private static float pow2i(int q) {
        return Float.intBitsToFloat((q + 0x7f) << 23);
    }
}
