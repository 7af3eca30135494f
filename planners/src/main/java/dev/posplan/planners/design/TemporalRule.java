package dev.posplan.planners.design;

import dev.posplan.multimodal.VisualBlock;

/** Temporal offset of slice {@code ti} of a visual block, relative to the block's base position. */
@FunctionalInterface
public interface TemporalRule {

    double offset(int ti, VisualBlock block);

    /** {@code ti * stride}: Qwen2-VL (stride 1) and the Multimodal-RoPEs {@code temporal_stride}. */
    static TemporalRule linear(double stride) {
        return (ti, block) -> ti * stride;
    }
}
