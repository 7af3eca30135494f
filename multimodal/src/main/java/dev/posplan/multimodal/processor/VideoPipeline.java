package dev.posplan.multimodal.processor;

/**
 * Which code turns a source video (frame count, frame rate, size) into sampled, resized frames for a model
 * (qwen-mrope.md §7.3, §7.4). The Qwen2-VL video processors of transformers sample nothing by default, so the
 * Qwen2/2.5-VL presets follow the Qwen team's qwen-vl-utils {@code fetch_video}; Qwen3-VL's own transformers
 * video processor samples at 2 fps by default.
 */
public enum VideoPipeline {

    /** qwen-vl-utils QVU-2: {@link QwenVlUtils#V2} sampling, QVU-2 per-frame budget, QVU {@code smart_resize}. */
    QWEN_VL_UTILS_2,

    /** qwen-vl-utils QVU-3: {@link QwenVlUtils#V3} sampling, QVU-3 per-frame budget, QVU {@code smart_resize}. */
    QWEN_VL_UTILS_3,

    /**
     * transformers {@code Qwen3VLVideoProcessor}: {@link Qwen3VlVideoSampler}, one {@code smart_resize} budget for
     * the whole video ({@link SmartResize#qwen3Video}), per-frame-group timestamps.
     */
    TRANSFORMERS_QWEN3
}
