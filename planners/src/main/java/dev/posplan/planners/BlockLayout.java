package dev.posplan.planners;

import dev.posplan.multimodal.TokenStream;
import dev.posplan.multimodal.VisualBlock;

/**
 * The part of a Qwen-style position design that differs between schemes (vlm-ropes.md §2): the
 * positions of one visual block (LAYOUT) and where text resumes after it (NEXT).
 */
@FunctionalInterface
public interface BlockLayout {

    /**
     * Writes the positions of {@code block}'s tokens at {@code walk.cursor()}, whose base position is
     * {@code walk.next()}, then calls {@link Walk#endBlock}.
     */
    void place(VisualBlock block, Walk walk);

    /**
     * The layout to use for one sequence. Layouts with per-sequence state (HoPE's temporal scale drawn
     * for each block) return a copy bound to {@code stream}; the walker calls this once per plan.
     */
    default BlockLayout forStream(TokenStream stream) {
        return this;
    }
}
