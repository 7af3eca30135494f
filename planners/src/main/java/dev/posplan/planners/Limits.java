package dev.posplan.planners;

import dev.posplan.multimodal.InvalidInputException;

/**
 * Upper bounds checked before posplan allocates anything whose size comes from the input or a parameter, so
 * that an oversized request fails with a message naming the limit instead of exhausting memory.
 *
 * @param maxTokens         tokens per sequence. Default 4,194,304 (2^22): four times the longest context
 *                          of current VLMs (1M tokens, Qwen2.5-VL / Qwen3-VL with YaRN) and five times a
 *                          one-hour 2 fps video in Qwen2.5-VL (about 806k tokens). The stream's own bound
 *                          ({@link dev.posplan.multimodal.TokenStream#MAX_TOKENS}, 2^28) only keeps offsets
 *                          far from int overflow; at 4 axes it would allow a 4 GiB plan.
 * @param maxHeadDim        {@code head_dim}. Default 4096: 16 times the largest head of current models (256;
 *                          MLA's 576-wide latent included), while its D/2 inverse frequencies stay cheap.
 * @param maxPositionValues axes × tokens of one plan. Default 2^24 (64 MiB of int32 or float32): four axes
 *                          (VRoPE, 2D-TPE) at {@code maxTokens}.
 */
public record Limits(int maxTokens, int maxHeadDim, int maxPositionValues) {

    /** The limits every scheme checks. */
    public static final Limits DEFAULT = new Limits(1 << 22, 4096, 1 << 24);

    public Limits {
        if (maxTokens < 1 || maxHeadDim < 2 || maxPositionValues < 1) {
            throw InvalidInputException.of("limits must be positive");
        }
    }

    /**
     * The element count of an {@code axes × length} position array, checked against {@link #maxTokens} and
     * {@link #maxPositionValues}.
     */
    public int positionValues(int axes, int length) {
        if (length > maxTokens) {
            throw InvalidInputException.of("a sequence of " + length + " tokens exceeds the limit of "
                    + maxTokens + " tokens per sequence");
        }
        long values = (long) axes * length;
        if (values > maxPositionValues) {
            throw InvalidInputException.of("a plan of " + axes + " axes x " + length + " tokens exceeds the limit of "
                    + maxPositionValues + " position values per sequence");
        }
        return (int) values;
    }
}
