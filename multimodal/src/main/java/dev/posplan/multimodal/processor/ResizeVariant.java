package dev.posplan.multimodal.processor;

/**
 * Which {@code smart_resize} implementation to follow (qwen-mrope.md §7.1). Both round each side to a
 * multiple of the factor and then rescale to fit the pixel budget; they differ in two places.
 */
public enum ResizeVariant {

    /**
     * transformers {@code qwen2_vl/image_processing_qwen2_vl.py smart_resize} (also used by vLLM): the rounded
     * side may be 0 before the budget test, and the shrink branch keeps each side at least {@code factor}.
     */
    TRANSFORMERS,

    /**
     * qwen-vl-utils {@code vision_process.py smart_resize} (identical in QVU-2 and QVU-3): each rounded side
     * starts at least {@code factor}, and the shrink branch has no lower bound.
     */
    QWEN_VL_UTILS
}
