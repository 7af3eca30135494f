package dev.posplan.planners.design;

import dev.posplan.multimodal.AudioVideoBlock;
import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.multimodal.VisualBlock;
import dev.posplan.planners.PositionBlocks;
import dev.posplan.planners.PositionBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The part of a Qwen-style position design that differs between schemes (vlm-ropes.md §2): the
 * positions of one visual block (LAYOUT) and where text resumes after it (NEXT).
 */
@FunctionalInterface
public interface BlockPlacement {

    /**
     * Writes the positions of {@code block}'s tokens at {@code walk.cursor()}, whose base position is
     * {@code walk.next()}, then calls {@link Walk#endBlock}.
     */
    void place(VisualBlock block, Walk walk);

    /**
     * Writes a video with its interleaved audio track (Qwen-Omni), then calls {@link Walk#endBlock}. Layouts of
     * schemes without audio reject it.
     */
    default void placeAudioVideo(AudioVideoBlock block, Walk walk) {
        throw InvalidInputException.of("this scheme cannot place audio inside a video (use_audio_in_video); "
                + "the Qwen-Omni schemes can");
    }

    /**
     * Whether every block is written as sums of per-axis tables ({@link GridFill#axis}) or as text-like runs
     * ({@link PositionBuffer#rampAll}), with integral values: what {@link PositionBlocks} can hold exactly.
     */
    default boolean sumsOfTables() {
        return false;
    }

    /**
     * The layout to use for one sequence. Layouts with per-sequence state (HoPE's temporal scale drawn
     * for each block) return a copy bound to {@code stream}; the walker calls this once per plan.
     */
    default BlockPlacement forStream(TokenStream stream) {
        return this;
    }

    /**
     * The layouts of the rows of one batch, in row order. The default binds each row on its own; a layout
     * whose per-sequence state the reference carries from row to row (one generator drawing in a loop over
     * the rows' blocks) overrides it.
     */
    default List<BlockPlacement> forBatch(List<TokenStream> rows) {
        List<BlockPlacement> out = new ArrayList<>(rows.size());
        for (TokenStream row : rows) {
            out.add(forStream(row));
        }
        return out;
    }

    /**
     * This placement, but every block passes {@code check} first (an input the reference refuses); it writes
     * what this one writes, so it keeps {@link #sumsOfTables()}.
     */
    default BlockPlacement checking(Consumer<VisualBlock> check) {
        BlockPlacement inner = this;
        return new BlockPlacement() {
            @Override
            public void place(VisualBlock block, Walk walk) {
                check.accept(block);
                inner.place(block, walk);
            }

            @Override
            public boolean sumsOfTables() {
                return inner.sumsOfTables();
            }
        };
    }

    /** A layout that writes sums of per-axis tables ({@link #sumsOfTables()}), as a lambda. */
    @FunctionalInterface
    interface Sums extends BlockPlacement {
        @Override
        default boolean sumsOfTables() {
            return true;
        }
    }
}
