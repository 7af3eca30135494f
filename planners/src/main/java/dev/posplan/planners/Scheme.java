package dev.posplan.planners;

import dev.posplan.multimodal.TokenStream;
import dev.posplan.planners.allocation.FrequencyAllocation;
import dev.posplan.planners.design.PositionDesign;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A multimodal RoPE: a position design (what position each token gets on each axis) composed with a
 * frequency allocation (which rotary pair or head reads which axis). Instances are immutable and
 * thread-safe; {@link SchemeRegistry} builds them from parameters.
 */
public interface Scheme {

    /** Registry name, e.g. {@code mrope-interleave}. */
    String name();

    /** Positions of one sequence. */
    PositionPlan plan(TokenStream stream);

    /**
     * Positions of the rows of one batch, already padded to one length ({@link BatchPlanner} pads them).
     * Equal to planning each row unless the scheme's reference decides something per batch (see
     * {@link PositionDesign#planBatch}).
     */
    default List<PositionPlan> planBatch(List<TokenStream> rows) {
        return PositionDesign.rowByRow(rows, this::plan);
    }

    /**
     * Where the scheme's host pads the shorter rows of a batch: {@link PaddingSide#LEFT} (the default, what
     * generation needs) unless its reference pads elsewhere.
     */
    default PaddingSide paddingSide() {
        return PaddingSide.LEFT;
    }

    /**
     * How this scheme answers positions on demand: slices planned directly or by planning the whole row, and
     * whether it has the compact block form. The default plans the whole row and copies the window.
     */
    default OnDemand onDemand() {
        return OnDemand.planAndSlice("positions are planned for the whole row, then the window is copied");
    }

    /**
     * Writes the row slots {@code out} holds (a window for chunked prefill, or the whole row) into a buffer
     * the caller owns ({@link CallerBuffers}, or {@link PositionBuffer#window}): equal to the same slots of
     * {@link #plan}, int64 targets holding its values widened.
     */
    default RowFacts planInto(TokenStream stream, PositionBuffer out) {
        return WindowCopy.copy(plan(stream), out);
    }

    /**
     * {@link #planInto} for the rows of one batch, already padded to one length ({@link BatchPlanner#pad}),
     * {@code outs.get(b)} for row {@code b}: equal to the same slots of {@link #planBatch}.
     */
    default List<RowFacts> planBatchInto(List<TokenStream> rows, List<PositionBuffer> outs) {
        WindowCopy.checkRows(rows, outs);
        return WindowCopy.copy(planBatch(rows), outs);
    }

    /**
     * The row as runs and per-axis tables ({@link PositionBlocks}), equal to {@link #plan} once expanded.
     *
     * @throws UnsupportedOperationException unless {@link #onDemand()} declares blocks
     */
    default PositionBlocks planBlocks(TokenStream stream) {
        throw new UnsupportedOperationException("scheme '" + name() + "' has no block form: " + onDemand().note());
    }

    /**
     * The rows of one batch, already padded to one length ({@link BatchPlanner#pad}), as blocks: equal to
     * {@link #planBatch} once expanded, the rows' facts (rope_deltas, decode rule) included.
     *
     * @throws UnsupportedOperationException unless {@link #onDemand()} declares blocks
     */
    default List<PositionBlocks> planBatchBlocks(List<TokenStream> rows) {
        return rows.stream().map(this::planBlocks).toList();
    }

    /**
     * The axes and dtype {@link #planBatch} gives these padded rows, known without planning them (what a caller
     * allocates {@link #planBatchInto} targets for); empty where only planning tells.
     */
    default Optional<PlanShape> shape(List<TokenStream> rows) {
        return Optional.empty();
    }

    /** The frequency allocation, independent of the input. */
    FrequencyAllocation frequencies();

    /** Every parameter with its effective value, defaults included. */
    Map<String, Object> parameters();
}
