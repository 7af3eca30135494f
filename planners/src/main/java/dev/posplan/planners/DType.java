package dev.posplan.planners;

/** Element type of a position tensor, as the reference implementation produces it. */
public enum DType {
    /** Integral positions (the references hold them as int64; every value fits int32). */
    INT32,
    /** Fractional positions, bit-exact to the reference's float32. */
    FLOAT32
}
