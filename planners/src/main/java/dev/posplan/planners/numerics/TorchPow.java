package dev.posplan.planners.numerics;

/**
 * torch's float32 CPU {@code base ** exponents} ({@code pow(Scalar, Tensor)}) on a contiguous 1-D exponent
 * tensor, as the references compute rotary frequencies (torch 1.13, AVX2; vlm-ropes.md §10, qwen-mrope.md
 * §6.1). The base is rounded to float32 (torch casts the wrapped scalar to the tensor's dtype). The kernel's
 * vectorized loop handles {@link #VECTOR_BLOCK} elements per iteration with SLEEF's {@code powf} u10
 * ({@link SleefPowf}), 1 ulp off the correctly rounded power for some inputs; the remaining
 * {@code n % 16} elements go through the scalar C library {@code powf}, modelled by the correctly rounded
 * power (glibc's powf is correctly rounded except in rare near-halfway cases).
 */
public final class TorchPow {

    /** Elements per iteration of torch's vectorized CPU loop: two 8-lane AVX2 vectors. */
    static final int VECTOR_BLOCK = 16;

    private TorchPow() {
    }

    /**
     * {@code base ** exponents} element-wise, each value rounded as torch's kernel rounds it at its index.
     *
     * @throws IllegalArgumentException when the float32 base is not a positive normal number, an exponent is
     *         not finite, or a vectorized result leaves the normal float32 range (outside what is modelled)
     */
    public static float[] scalarBase(double base, float[] exponents) {
        float b = (float) base;
        if (!(b >= Float.MIN_NORMAL) || Float.isInfinite(b)) {
            throw new IllegalArgumentException("pow base must be positive, normal and finite in float32, got " + base);
        }
        float[] out = new float[exponents.length];
        int vectorized = exponents.length - exponents.length % VECTOR_BLOCK;
        for (int i = 0; i < out.length; i++) {
            out[i] = i < vectorized ? SleefPowf.pow(b, exponents[i]) : (float) StrictMath.pow(b, exponents[i]);
        }
        return out;
    }
}
