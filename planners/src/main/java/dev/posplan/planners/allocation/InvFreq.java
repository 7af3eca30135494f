package dev.posplan.planners.allocation;

import dev.posplan.planners.numerics.TorchPow;

/**
 * Rotary inverse frequencies as the references compute them in float32:
 * {@code inv[j] = 1 / theta^(2j / D)} with the exponent divided in float32, the power taken on the
 * float32 theta and the reciprocal rounded to float32 (HF {@code compute_default_rope_parameters},
 * vLLM {@code _compute_inv_freq}, Multimodal-RoPEs {@code RopeEmbedding._compute_inv_freq}).
 *
 * <p>The power is torch's CPU kernel, {@link TorchPow} (SLEEF's powf for the vectorized blocks of 16, the
 * scalar powf for the tail); the reciprocal is a plain float32 division.
 */
public final class InvFreq {

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
        // arange(0, D, 2).float() / D, in float32
        float[] exponents = new float[rotaryDim / 2];
        for (int j = 0; j < exponents.length; j++) {
            exponents[j] = (float) (2 * j) / (float) rotaryDim;
        }
        float[] inv = TorchPow.scalarBase(theta, exponents);
        for (int j = 0; j < inv.length; j++) {
            inv[j] = 1.0f / inv[j];
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
