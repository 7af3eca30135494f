package dev.posplan.planners.allocation;

import java.util.List;

/**
 * Which part of an attention head reads which position axis: the frequency half of a scheme. A sealed
 * family — rotary pairs → axes ({@link PairAllocation}), KV heads → axes ({@link HeadAllocation}), head-dim
 * blocks → transforms ({@link BlockAllocation}, the camera encodings) — so a caller switches on the kind
 * instead of testing which field is null.
 */
public sealed interface FrequencyAllocation permits RotaryAllocation, BlockAllocation {

    /** Axis value meaning "angle 0" (cos 1, sin 0): a NoPE pair or head. */
    int NO_ROTATION = -1;

    /** Short name of the allocation rule (chunked, interleaved, headwise, prope, …). */
    String rule();

    /** The position axes the allocation's indices refer to. */
    List<String> axisNames();

    /** Dimensions of one attention head. */
    int headDim();

    /** The float32 angle the references compute: one rounding of {@code (float) position * inv_freq}. */
    static float angle(double position, float invFreq) {
        return (float) position * invFreq;
    }
}
