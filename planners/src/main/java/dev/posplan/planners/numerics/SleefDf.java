package dev.posplan.planners.numerics;

/**
 * A double-float {@code hi + lo} with SLEEF's operation set ({@code df.h}, FMA build). Each method names
 * its SLEEF counterpart; {@code add} assumes {@code |this| >= |other|}, {@code add2} does not.
 */
record SleefDf(float hi, float lo) {

    /** ln 2 as a float pair (hi exact enough that {@code e·hi} stays exact for the exponents of floats). */
    static final SleefDf LN2 = new SleefDf(0.69314718246459960938f, -1.904654323148236017e-09f);
    /** Cody-Waite split of ln 2 for exp's argument reduction: {@code ln 2 = L2U + L2L}. */
    static final float L2U = 0.693145751953125f;
    static final float L2L = 1.428606765330187045e-06f;
    /** 1 / ln 2. */
    static final float R_LN2 = 1.442695040888963407359924681001892137426645954152985934135449406931f;

    /** dfadd2_vf2_vf_vf: exact sum of two floats. */
    static SleefDf sum2(float x, float y) {
        float s = x + y;
        float v = s - x;
        return new SleefDf(s, (x - (s - v)) + (y - v));
    }

    /** dfadd_vf2_vf_vf2: {@code x + y} with {@code |x| >= |y|}. */
    static SleefDf add(float x, SleefDf y) {
        float s = x + y.hi;
        return new SleefDf(s, ((x - s) + y.hi) + y.lo);
    }

    /** dfadd_vf2_vf2_vf: {@code this + y} with {@code |hi| >= |y|}. */
    SleefDf add(float y) {
        float s = hi + y;
        return new SleefDf(s, ((hi - s) + y) + lo);
    }

    /** dfadd_vf2_vf2_vf2. */
    SleefDf add(SleefDf y) {
        float s = hi + y.hi;
        return new SleefDf(s, (((hi - s) + y.hi) + lo) + y.lo);
    }

    /** dfadd2_vf2_vf2_vf. */
    SleefDf add2(float y) {
        float s = hi + y;
        float v = s - hi;
        float t = (hi - (s - v)) + (y - v);
        return new SleefDf(s, t + lo);
    }

    /** dfadd2_vf2_vf2_vf2. */
    SleefDf add2(SleefDf y) {
        float s = hi + y.hi;
        float v = s - hi;
        float t = (hi - (s - v)) + (y.hi - v);
        return new SleefDf(s, t + (lo + y.lo));
    }

    /** dfnormalize_vf2_vf2. */
    SleefDf normalize() {
        float s = hi + lo;
        return new SleefDf(s, (hi - s) + lo);
    }

    /** dfscale_vf2_vf2_vf. */
    SleefDf scale(float f) {
        return new SleefDf(hi * f, lo * f);
    }

    /** dfmul_vf2_vf2_vf (FMA). */
    SleefDf mul(float y) {
        float s = hi * y;
        return new SleefDf(s, Math.fma(lo, y, Math.fma(hi, y, -s)));
    }

    /** dfmul_vf2_vf2_vf2 (FMA). */
    SleefDf mul(SleefDf y) {
        float s = hi * y.hi;
        return new SleefDf(s, Math.fma(hi, y.lo, Math.fma(lo, y.hi, Math.fma(hi, y.hi, -s))));
    }

    /** dfsqu_vf2_vf2 (FMA). */
    SleefDf square() {
        float s = hi * hi;
        return new SleefDf(s, Math.fma(hi + hi, lo, Math.fma(hi, hi, -s)));
    }

    /** dfdiv_vf2_vf2_vf2 (FMA): reciprocal of the divisor's head, refined by one Newton step. */
    SleefDf div(SleefDf d) {
        float t = 1f / d.hi;
        float s = hi * t;
        float u = Math.fma(t, hi, -s);
        float v = Math.fma(-d.lo, t, Math.fma(-d.hi, t, 1f));
        return new SleefDf(s, Math.fma(s, v, Math.fma(lo, t, u)));
    }
}
