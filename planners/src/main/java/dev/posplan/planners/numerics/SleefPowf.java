package dev.posplan.planners.numerics;

/**
 * Bit-exact emulation of the float32 power function that PyTorch's CPU kernels use for
 * {@code base ** exponent} on float tensors: SLEEF's {@code Sleef_powf8_u10} (the AVX2 build, which SLEEF
 * compiles with {@code ENABLE_FMA_SP}, so every multiply-add of its double-float arithmetic is fused).
 *
 * <p>Why it exists: the references compute rotary inverse frequencies as
 * {@code 1.0 / (theta ** (arange(0, D, 2).float() / D))} in float32 on CPU (torch 1.13, AVX2). SLEEF's u10 pow
 * is accurate to 1 ulp but not correctly rounded, so a correctly rounded {@code (float) Math.pow} differs from
 * the reference in the last bit for some indices (e.g. theta 5e6, D 128, j 19 and theta 1e6, D 128, j 37).
 * Since angles, cos and sin are checked bit-for-bit, the exact SLEEF rounding has to be reproduced.
 *
 * <p>Algorithm (SLEEF {@code xpowf}): {@code pow(x, y) = expk(logk(x) * y)}, where {@code logk} returns
 * {@code log(x)} and the product is formed as a double-float (an unevaluated sum {@code hi + lo} of two
 * floats), and {@code expk} evaluates {@code e^(hi + lo)} from that pair. All steps are plain IEEE float32
 * operations or single-rounding {@link Math#fma(float, float, float)}; Java's float arithmetic is the
 * same as the AVX2 lane arithmetic (round to nearest even, no flush-to-zero needed in this domain).
 * Numbers (polynomial coefficients, the split of ln 2) are SLEEF's; see {@code src/libm/sleefsimdsp.c}
 * ({@code logkf}, {@code expkf}, {@code xpowf}) and {@code df.h} (FMA variants, {@link SleefDf}) of shibatch/sleef.
 *
 * <p>Domain: finite {@code x > 0} in the normal range and finite {@code y}, with a finite normal result;
 * that is all rotary frequencies need ({@code theta > 1}, {@code 0 <= y < 1}). Signs, zeros, infinities
 * and NaN handling of the full {@code xpowf} are not modelled and are rejected.
 */
public final class SleefPowf {

    // Tail of the log series: 2/3 as a float pair.
    private static final SleefDf TWO_THIRDS = new SleefDf(0.66666662693023681640625f, 3.69183861259614332084311e-09f);
    private static final float LOG_C3 = 0.240320354700088500976562f;
    private static final float LOG_C2 = 0.285112679004669189453125f;
    private static final float LOG_C1 = 0.400007992982864379882812f;

    private static final float[] EXP_POLY = {
        0.00136324646882712841033936f,
        0.00836596917361021041870117f,
        0.0416710823774337768554688f,
        0.166665524244308471679688f,
        0.499999850988388061523438f,
    };

    private SleefPowf() {
    }

    /** {@code x^y} rounded exactly as SLEEF's AVX2 {@code powf} u10 rounds it. */
    public static float pow(float x, float y) {
        if (!(x > 0) || x < Float.MIN_NORMAL || Float.isInfinite(x) || !Float.isFinite(y)) {
            throw new IllegalArgumentException("SleefPowf supports finite x >= MIN_NORMAL and finite y, got x="
                    + x + ", y=" + y);
        }
        if (y == 0 || x == 1) {
            return 1f; // xpowf's final special case, exact
        }
        float r = expk(logk(x).mul(y));
        if (!(r >= Float.MIN_NORMAL) || Float.isInfinite(r)) {
            throw new IllegalArgumentException("SleefPowf result out of the normal range for x=" + x + ", y=" + y);
        }
        return r;
    }

    /** {@code log(d)} as a float pair, for positive normal {@code d} (SLEEF {@code logkf}, non-AVX512 path). */
    private static SleefDf logk(float d) {
        // d = m * 2^e with m in [0.75, 1.5); the float product decides e exactly as the vector code does.
        int e = Math.getExponent(d * (1.0f / 0.75f));
        float m = Math.scalb(d, -e);

        // log(m) = 2 atanh(x) with x = (m - 1) / (m + 1), evaluated as an odd series in x.
        SleefDf x = SleefDf.sum2(-1f, m).div(SleefDf.sum2(1f, m));
        SleefDf x2 = x.square();
        float t = Math.fma(Math.fma(LOG_C3, x2.hi(), LOG_C2), x2.hi(), LOG_C1);

        SleefDf s = SleefDf.LN2.mul((float) e);
        s = s.add(x.scale(2f));
        return s.add(x2.mul(x).mul(x2.mul(t).add2(TWO_THIRDS)));
    }

    /** {@code e^(d.hi + d.lo)} rounded to float (SLEEF {@code expkf}). */
    private static float expk(SleefDf d) {
        float u = (d.hi() + d.lo()) * SleefDf.R_LN2;
        int q = (int) Math.rint(u); // cvtps2dq: round half to even
        float qf = q;

        SleefDf s = d.add2(qf * -SleefDf.L2U).add2(qf * -SleefDf.L2L).normalize();

        float p = EXP_POLY[0];
        for (int i = 1; i < EXP_POLY.length; i++) {
            p = Math.fma(p, s.hi(), EXP_POLY[i]);
        }
        SleefDf t = SleefDf.add(1f, s.add(s.square().mul(p)));
        float r = Math.scalb(t.hi() + t.lo(), q);
        return d.hi() < -104f ? 0f : r;
    }
}
