package dev.posplan.multimodal.processor;

import dev.posplan.multimodal.InvalidInputException;
import java.util.List;
import java.util.Objects;

/**
 * The parameters of one {@code smart_resize} call: implementation, side factor
 * ({@code patch_size * merge_size}) and the pixel budget. Budgets are doubles because qwen-vl-utils computes
 * video budgets as floats (§7.4); the presets are the constants of qwen-mrope.md §7.1 and §7.2.
 *
 * @param variant   which implementation's rounding rules apply
 * @param factor    every output side is a multiple of this
 * @param minPixels lower pixel budget (per frame, or per video for {@link SmartResize#qwen3Video})
 * @param maxPixels upper pixel budget, at least {@code minPixels}
 */
public record ResizeSetting(ResizeVariant variant, int factor, double minPixels, double maxPixels) {

    /** Qwen2/2.5-VL checkpoint {@code preprocessor_config.json}: 4·28² .. 16384·28². */
    public static final ResizeSetting QWEN2_CHECKPOINT_IMAGE =
            new ResizeSetting(ResizeVariant.TRANSFORMERS, 28, 3136, 12_845_056);

    /** transformers {@code Qwen2VLImageProcessor} class default: 4·28² .. 1280·28². */
    public static final ResizeSetting QWEN2_CLASS_DEFAULT_IMAGE =
            new ResizeSetting(ResizeVariant.TRANSFORMERS, 28, 3136, 1_003_520);

    /** Qwen3-VL checkpoint image processor ({@code size}): 64·32² .. 16384·32². */
    public static final ResizeSetting QWEN3_CHECKPOINT_IMAGE =
            new ResizeSetting(ResizeVariant.TRANSFORMERS, 32, 65_536, 16_777_216);

    /** transformers {@code Qwen2VLVideoProcessor} class default (per frame): 128·28² .. 768·28². */
    public static final ResizeSetting QWEN2_CLASS_DEFAULT_VIDEO =
            new ResizeSetting(ResizeVariant.TRANSFORMERS, 28, 100_352, 602_112);

    /** QVU-2 image defaults ({@code IMAGE_FACTOR}, {@code MIN_PIXELS}, {@code MAX_PIXELS}). */
    public static final ResizeSetting QVU2_IMAGE =
            new ResizeSetting(ResizeVariant.QWEN_VL_UTILS, 28, 3136, 12_845_056);

    /** QVU-3 image defaults for Qwen3-VL (factor 32). */
    public static final ResizeSetting QVU3_QWEN3_IMAGE = qwenVlUtils3Image(32);

    /** QVU-3 image defaults for Qwen2/2.5-VL (factor 28). */
    public static final ResizeSetting QVU3_QWEN2_IMAGE = qwenVlUtils3Image(28);

    /** Qwen3-VL checkpoint {@code video_preprocessor_config.json} (whole video): 4096 .. 24576·32². */
    public static final ResizeSetting QWEN3_CHECKPOINT_VIDEO =
            new ResizeSetting(ResizeVariant.TRANSFORMERS, 32, 4096, 25_165_824);

    /** transformers {@code Qwen3VLVideoProcessor} class default (whole video): 128·32² .. 768·32². */
    public static final ResizeSetting QWEN3_CLASS_DEFAULT_VIDEO =
            new ResizeSetting(ResizeVariant.TRANSFORMERS, 32, 131_072, 786_432);

    /** QVU-3 {@code IMAGE_MIN_TOKEN_NUM}: default minimum image tokens. */
    public static final int QVU3_IMAGE_MIN_TOKENS = 4;

    /** QVU-3 {@code IMAGE_MAX_TOKEN_NUM}: default maximum image tokens. */
    public static final int QVU3_IMAGE_MAX_TOKENS = 16_384;

    public ResizeSetting {
        Objects.requireNonNull(variant, "variant");
        Args.positive("factor", factor);
        Args.nonNegative("minPixels", minPixels);
        Args.positive("maxPixels", maxPixels);
        // QVU-3 asserts this; for transformers a smaller max than min has no meaning either.
        if (maxPixels < minPixels) {
            throw InvalidInputException.of("maxPixels (" + maxPixels + ") must be >= minPixels (" + minPixels + ")");
        }
    }

    /** QVU-3's image defaults for a factor: {@code IMAGE_MIN_TOKEN_NUM·f²} .. {@code IMAGE_MAX_TOKEN_NUM·f²}. */
    public static ResizeSetting qwenVlUtils3Image(int factor) {
        Args.positive("factor", factor);
        double f2 = (double) factor * factor;
        return new ResizeSetting(ResizeVariant.QWEN_VL_UTILS, factor, QVU3_IMAGE_MIN_TOKENS * f2,
                QVU3_IMAGE_MAX_TOKENS * f2);
    }

    /** The same setting with another pixel budget. */
    public ResizeSetting withBudget(double minPixels, double maxPixels) {
        return new ResizeSetting(variant, factor, minPixels, maxPixels);
    }

    /** Every named preset, images first. */
    public static List<ResizeSetting> presets() {
        return List.of(QWEN2_CHECKPOINT_IMAGE, QWEN2_CLASS_DEFAULT_IMAGE, QWEN3_CHECKPOINT_IMAGE,
                QWEN2_CLASS_DEFAULT_VIDEO, QVU2_IMAGE, QVU3_QWEN3_IMAGE, QVU3_QWEN2_IMAGE, QWEN3_CHECKPOINT_VIDEO,
                QWEN3_CLASS_DEFAULT_VIDEO);
    }
}
