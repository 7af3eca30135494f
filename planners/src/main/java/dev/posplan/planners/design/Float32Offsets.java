package dev.posplan.planners.design;

/**
 * A visual block's positions as the float32 references of Multimodal-RoPEs and VideoRoPE/HoPE add its base
 * (vlm-ropes.md §5.5, §5.8, §6.1): {@code (chunk + text_len) + st_idx}, left to right, each addition
 * rounded to float32. {@code chunk} is the block's own float32 offset of a token, {@code text_len} the
 * number of text positions since the previous block and {@code st_idx} where text resumed after it
 * ({@link Walk#resumedAt()}, the previous block's max + 1).
 *
 * <p>Why not {@code (float) (next + chunk)}: that rounds once, while the reference rounds the first sum
 * and then the second, which differs by an ulp whenever the first sum is not a float32.
 */
public final class Float32Offsets {

    private final float textLen;
    private final float stIdx;

    private Float32Offsets(float textLen, float stIdx) {
        this.textLen = textLen;
        this.stIdx = stIdx;
    }

    /** The base of the block {@code walk} is about to place. */
    public static Float32Offsets of(Walk walk) {
        // resumedAt is a stored float32 (or the first integer position), the difference an integer count.
        return new Float32Offsets((float) (walk.next() - walk.resumedAt()), (float) walk.resumedAt());
    }

    /** {@code (chunk + text_len) + st_idx} in float32. */
    public float add(float chunk) {
        return (chunk + textLen) + stIdx;
    }
}
