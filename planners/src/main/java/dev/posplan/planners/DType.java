package dev.posplan.planners;

/** Element type of a position tensor, as the reference implementation produces it. */
public enum DType {
    /**
     * Integral positions, stored as int32. The references hold them as int64; a plan whose positions leave
     * the int32 range (e.g. a huge {@code temporal_stride} or {@code second_per_grid_t × tokens_per_second})
     * is rejected with an {@link IllegalArgumentException}, never wrapped or saturated.
     */
    INT32,
    /** Fractional positions, bit-exact to the reference's float32. */
    FLOAT32
}
