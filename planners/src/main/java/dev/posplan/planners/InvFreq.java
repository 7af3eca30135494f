package dev.posplan.planners;

/**
 * Rotary inverse frequencies as the references compute them in float32:
 * {@code inv[j] = 1 / theta^(2j / D)} with the exponent divided in float32, the power taken on the
 * float32 theta and the reciprocal rounded to float32 (HF {@code compute_default_rope_parameters},
 * vLLM {@code _compute_inv_freq}, Multimodal-RoPEs {@code RopeEmbedding._compute_inv_freq}).
 *
 * <p>The power is torch's CPU kernel (torch 1.13, AVX2; vlm-ropes.md §10, qwen-mrope.md §6.1): its vectorized
 * loop handles {@link #VECTOR_BLOCK} elements per iteration with SLEEF's {@code powf} u10 ({@link SleefPowf}),
 * which is 1 ulp off the correctly rounded power for some indices; the remaining {@code P % 16} elements go
 * through the scalar C library {@code powf}, modelled here by the correctly rounded power (glibc's powf is
 * correctly rounded except in rare near-halfway cases). The reciprocal is a plain float32 division there.
 */
public final class InvFreq {

    /** Elements per iteration of torch's vectorized CPU loop: two 8-lane AVX2 vectors. */
    static final int VECTOR_BLOCK = 16;

    private InvFreq() {
    }

    /**
     * @param rotaryDim D, the rotated channels of one head (even)
     * @param theta     rope base
     * @return D/2 values, highest frequency first
     */
    public static float[] of(int rotaryDim, double theta) {
        if (rotaryDim < 2 || rotaryDim % 2 != 0) {
            throw new IllegalArgumentException("rotary dimension must be even and >= 2, got " + rotaryDim);
        }
        if (!(theta > 1) || Float.isInfinite((float) theta)) {
            // the references hold theta in float32, so it must be finite there
            throw new IllegalArgumentException("rope theta must be > 1 and finite in float32, got " + theta);
        }
        float base = (float) theta;
        float[] inv = new float[rotaryDim / 2];
        int vectorized = inv.length - inv.length % VECTOR_BLOCK;
        for (int j = 0; j < inv.length; j++) {
            float exponent = (float) (2 * j) / (float) rotaryDim;
            float power = j < vectorized
                    ? SleefPowf.pow(base, exponent)
                    : (float) StrictMath.pow(base, exponent);
            inv[j] = 1.0f / power;
        }
        return inv;
    }

    /** The rotary dimension for a head: {@code head_dim * partial_rotary_factor}, rounded down to even. */
    public static int rotaryDim(int headDim, double partialRotaryFactor) {
        if (headDim < 2) {
            throw new IllegalArgumentException("head_dim must be >= 2, got " + headDim);
        }
        if (!(partialRotaryFactor > 0 && partialRotaryFactor <= 1)) {
            throw new IllegalArgumentException("partial_rotary_factor must be in (0, 1], got " + partialRotaryFactor);
        }
        int d = (int) (headDim * partialRotaryFactor);
        return d - (d % 2);
    }
}
