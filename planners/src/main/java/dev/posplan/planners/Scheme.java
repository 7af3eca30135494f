package dev.posplan.planners;

import dev.posplan.multimodal.TokenStream;
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

    /** The frequency allocation, independent of the input. */
    FrequencyAllocation frequencies();

    /** Every parameter with its effective value, defaults included. */
    Map<String, Object> parameters();
}
