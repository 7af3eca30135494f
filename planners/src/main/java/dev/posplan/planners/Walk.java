package dev.posplan.planners;

import dev.posplan.multimodal.VisualBlock;

/**
 * The state of one pass of the {@link QwenWalker}: where in the sequence it is ({@link #cursor()}),
 * the position the next text token gets ({@link #next()}), and the running max M. A {@link BlockLayout}
 * writes one visual block at the cursor and then calls {@link #endBlock}.
 */
public final class Walk {

    private final PositionBuffer out;
    private int cursor;
    private double next;
    private double max = Double.NEGATIVE_INFINITY;

    Walk(PositionBuffer out, double firstTextPosition) {
        this.out = out;
        this.next = firstTextPosition;
    }

    public PositionBuffer out() {
        return out;
    }

    /** Index of the first token of the block being placed. */
    public int cursor() {
        return cursor;
    }

    /** Position the next text token would get: the block's base (HF's {@code st_idx + text_len}). */
    public double next() {
        return next;
    }

    /**
     * Finishes a block: moves the cursor past its tokens, sets where text resumes and raises M by the
     * block's contribution (whatever the scheme counts: all axes, the t row, a ceiling, …).
     */
    public void endBlock(VisualBlock block, double resumeAt, double blockMax) {
        cursor += block.tokens();
        next = resumeAt;
        max = Math.max(max, blockMax);
    }

    void text(int n) {
        out.rampAll(cursor, n, next);
        cursor += n;
        next += n;
        max = Math.max(max, next - 1);
    }

    void padding(int n, double padValue) {
        out.fillAll(cursor, n, padValue);
        cursor += n;
    }

    double max() {
        return max;
    }
}
