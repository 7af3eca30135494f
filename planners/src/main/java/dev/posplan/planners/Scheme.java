package dev.posplan.planners;

import dev.posplan.multimodal.TokenStream;
import dev.posplan.planners.allocation.FrequencyAllocation;
import dev.posplan.planners.design.PositionDesign;
import java.util.List;
import java.util.Map;

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

    /** The frequency allocation, independent of the input. */
    FrequencyAllocation frequencies();

    /** Every parameter with its effective value, defaults included. */
    Map<String, Object> parameters();
}
