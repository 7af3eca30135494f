package dev.posplan.planners.design;

import dev.posplan.multimodal.Segment;
import dev.posplan.planners.PositionBuffer;

/**
 * The state of one pass of the {@link QwenWalker}: where in the sequence it is ({@link #cursor()}),
 * the position the next text token gets ({@link #next()}), and the running max M. A {@link BlockPlacement}
 * writes one visual block at the cursor and then calls {@link #endBlock}.
 */
public final class Walk {

    private final PositionBuffer out;
    private int cursor;
    private double next;
    private double resumedAt;
    private int blocks;
    private double max = Double.NEGATIVE_INFINITY;

    /** A walk whose first text token gets position 0. */
    Walk(PositionBuffer out) {
        this.out = out;
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
     * Where text resumed after the previous block (the first position before the first block): HF's
     * {@code st_idx}. {@code next() - resumedAt()} is the number of text tokens since, which layouts
     * that add {@code st_idx} and the text length separately in float32 need.
     */
    public double resumedAt() {
        return resumedAt;
    }

    /** Index of the block being placed among the stream's visual blocks (0-based, stream order). */
    public int blockIndex() {
        return blocks;
    }

    /**
     * Finishes a block: moves the cursor past its tokens, sets where text resumes and raises M by the
     * block's contribution (whatever the scheme counts: all axes, the t row, a ceiling, …).
     */
    public void endBlock(Segment block, double resumeAt, double blockMax) {
        cursor += block.tokens();
        next = resumeAt;
        resumedAt = resumeAt;
        blocks++;
        max = Math.max(max, blockMax);
    }

    void text(int n) {
        if (n == 0) {
            return;
        }
        out.rampAll(cursor, n, next);
        // the stored value, so that M is exactly what a float32 reference takes the max of (computed like the
        // ramp's last element, not read back: the buffer may hold only a window of the row)
        max = Math.max(max, out.stored(next + (n - 1) * 1.0));
        cursor += n;
        next += n;
    }

    /**
     * Shared text ({@link dev.posplan.multimodal.TextRole#SHARED}): positions from {@code next} on, but
     * neither the next position nor M moves, so the following text or decoding starts where it began.
     */
    void sharedText(int n) {
        out.rampAll(cursor, n, next);
        cursor += n;
    }

    void padding(int n, double padValue) {
        out.fillAll(cursor, n, padValue);
        cursor += n;
    }

    double max() {
        return max;
    }
}
