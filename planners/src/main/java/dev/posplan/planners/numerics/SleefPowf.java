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
 * ({@code logkf}, {@code expkf}, {@code xpowf}) and {@code df.h} (FMA variants) of shibatch/sleef.
 *
 * <p>Domain: finite {@code x > 0} in the normal range and finite {@code y}, with a finite normal result;
 * that is all rotary frequencies need ({@code theta > 1}, {@code 0 <= y < 1}). Signs, zeros, infinities
 * and NaN handling of the full {@code xpowf} are not modelled and are rejected.
 */
public final class SleefPowf {

    // ln 2 split into a float pair (hi exact enough that e*hi stays exact for the exponents of floats).
    private static final Df LN2 = new Df(0.69314718246459960938f, -1.904654323148236017e-09f);
    // Tail of the log series: 2/3 as a float pair.
    private static final Df TWO_THIRDS = new Df(0.66666662693023681640625f, 3.69183861259614332084311e-09f);
    private static final float LOG_C3 = 0.240320354700088500976562f;
    private static final float LOG_C2 = 0.285112679004669189453125f;
    private static final float LOG_C1 = 0.400007992982864379882812f;

    // Cody-Waite reduction constants for exp: ln 2 = L2U + L2L, and 1/ln 2.
    private static final float L2U = 0.693145751953125f;
    private static final float L2L = 1.428606765330187045e-06f;
    private static final float R_LN2 = 1.442695040888963407359924681001892137426645954152985934135449406931f;
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
    private static Df logk(float d) {
        // d = m * 2^e with m in [0.75, 1.5); the float product decides e exactly as the vector code does.
        int e = Math.getExponent(d * (1.0f / 0.75f));
        float m = Math.scalb(d, -e);

        // log(m) = 2 atanh(x) with x = (m - 1) / (m + 1), evaluated as an odd series in x.
        Df x = Df.sum2(-1f, m).div(Df.sum2(1f, m));
        Df x2 = x.square();
        float t = Math.fma(Math.fma(LOG_C3, x2.hi, LOG_C2), x2.hi, LOG_C1);

        Df s = LN2.mul((float) e);
        s = s.add(x.scale(2f));
        return s.add(x2.mul(x).mul(x2.mul(t).add2(TWO_THIRDS)));
    }

    /** {@code e^(d.hi + d.lo)} rounded to float (SLEEF {@code expkf}). */
    private static float expk(Df d) {
        float u = (d.hi + d.lo) * R_LN2;
        int q = (int) Math.rint(u); // cvtps2dq: round half to even
        float qf = q;

        Df s = d.add2(qf * -L2U).add2(qf * -L2L).normalize();

        float p = EXP_POLY[0];
        for (int i = 1; i < EXP_POLY.length; i++) {
            p = Math.fma(p, s.hi, EXP_POLY[i]);
        }
        Df t = Df.add(1f, s.add(s.square().mul(p)));
        float r = Math.scalb(t.hi + t.lo, q);
        return d.hi < -104f ? 0f : r;
    }

    /**
     * A double-float {@code hi + lo} with SLEEF's operation set ({@code df.h}, FMA build). Each method names
     * its SLEEF counterpart; {@code add} assumes {@code |this| >= |other|}, {@code add2} does not.
     */
    private record Df(float hi, float lo) {

        /** dfadd2_vf2_vf_vf: exact sum of two floats. */
        static Df sum2(float x, float y) {
            float s = x + y;
            float v = s - x;
            return new Df(s, (x - (s - v)) + (y - v));
        }

        /** dfadd_vf2_vf_vf2: {@code x + y} with {@code |x| >= |y|}. */
        static Df add(float x, Df y) {
            float s = x + y.hi;
            return new Df(s, ((x - s) + y.hi) + y.lo);
        }

        /** dfadd_vf2_vf2_vf2. */
        Df add(Df y) {
            float s = hi + y.hi;
            return new Df(s, (((hi - s) + y.hi) + lo) + y.lo);
        }

        /** dfadd2_vf2_vf2_vf. */
        Df add2(float y) {
            float s = hi + y;
            float v = s - hi;
            float t = (hi - (s - v)) + (y - v);
            return new Df(s, t + lo);
        }

        /** dfadd2_vf2_vf2_vf2. */
        Df add2(Df y) {
            float s = hi + y.hi;
            float v = s - hi;
            float t = (hi - (s - v)) + (y.hi - v);
            return new Df(s, t + (lo + y.lo));
        }

        /** dfnormalize_vf2_vf2. */
        Df normalize() {
            float s = hi + lo;
            return new Df(s, (hi - s) + lo);
        }

        /** dfscale_vf2_vf2_vf. */
        Df scale(float f) {
            return new Df(hi * f, lo * f);
        }

        /** dfmul_vf2_vf2_vf (FMA). */
        Df mul(float y) {
            float s = hi * y;
            return new Df(s, Math.fma(lo, y, Math.fma(hi, y, -s)));
        }

        /** dfmul_vf2_vf2_vf2 (FMA). */
        Df mul(Df y) {
            float s = hi * y.hi;
            return new Df(s, Math.fma(hi, y.lo, Math.fma(lo, y.hi, Math.fma(hi, y.hi, -s))));
        }

        /** dfsqu_vf2_vf2 (FMA). */
        Df square() {
            float s = hi * hi;
            return new Df(s, Math.fma(hi + hi, lo, Math.fma(hi, hi, -s)));
        }

        /** dfdiv_vf2_vf2_vf2 (FMA): reciprocal of the divisor's head, refined by one Newton step. */
        Df div(Df d) {
            float t = 1f / d.hi;
            float s = hi * t;
            float u = Math.fma(t, hi, -s);
            float v = Math.fma(-d.lo, t, Math.fma(-d.hi, t, 1f));
            return new Df(s, Math.fma(s, v, Math.fma(lo, t, u)));
        }
    }
}
