package dev.posplan.planners.numerics;

/**
 * Bit-exact emulation of the float32 natural logarithm that PyTorch's CPU kernels use on float tensors when
 * ATen is built without MKL's VML: {@code vml::vlog} maps every element (no scalar tail) through
 * {@code Vectorized<float>::log}, i.e. {@code Sleef_logf8_u10}, which SLEEF implements as {@code xlogf_u1}
 * (AVX2 build with {@code ENABLE_FMA_SP}).
 *
 * <p>Algorithm ({@code xlogf_u1} in {@code src/libm/sleefsimdsp.c}, non-AVX512 path): {@code d = m·2^e} with
 * {@code m ∈ [0.75, 1.5)} (subnormals first scaled by 2^64); {@code log d = e·ln 2 + 2·atanh(x)} with
 * {@code x = (m − 1)/(m + 1)} as a double-float ({@link SleefDf}), the odd series' tail
 * {@code x³·t(x²)} in plain float, the sum rounded once at the end. Accurate to 1 ulp, not correctly rounded.
 */
public final class SleefLogf {

    private static final float C2 = 0.3027294874f;
    private static final float C1 = 0.3996108174f;
    private static final float C0 = 0.6666694880f;

    private SleefLogf() {
    }

    /** {@code log(d)} rounded exactly as SLEEF's AVX2 {@code logf} u10 ({@code xlogf_u1}) rounds it. */
    public static float log(float d) {
        if (Float.isNaN(d) || d < 0) {
            return Float.NaN;
        }
        if (d == 0) {
            return Float.NEGATIVE_INFINITY;
        }
        if (d == Float.POSITIVE_INFINITY) {
            return Float.POSITIVE_INFINITY;
        }
        boolean subnormal = d < Float.MIN_NORMAL;
        if (subnormal) {
            d *= 0x1p64f;
        }
        // vilogb2k: the biased exponent field of d·(1/0.75), so m = d·2^-e falls in [0.75, 1.5).
        int e = Math.getExponent(d * (1.0f / 0.75f));
        float m = Math.scalb(d, -e);
        if (subnormal) {
            e -= 64;
        }
        SleefDf s = SleefDf.LN2.mul((float) e);
        SleefDf x = SleefDf.sum2(-1f, m).div(SleefDf.sum2(1f, m));
        float x2 = x.hi() * x.hi();
        float t = Math.fma(Math.fma(C2, x2, C1), x2, C0);
        s = s.add(x.scale(2f));
        s = s.add(x2 * x.hi() * t);
        return s.hi() + s.lo();
    }
}
