package dev.posplan.multimodal.processor;

import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The image side of the GLM-4.1V/4.5V, ERNIE-4.5-VL, Qwen-Omni, Ming and HunyuanVL processors: every one is a
 * {@code smart_resize} followed by {@code [1, h/patch, w/patch]}, with these twists:
 * <ul>
 *   <li>{@code budgetFrames}: GLM's {@code smart_resize} checks {@code t_bar · h_bar · w_bar} against the budget
 *       with {@code t_bar = temporal_patch_size} (2) for an image, and its beta divides by the same count — which
 *       is the transformers rule with both budgets divided by 2 (all operands exact, so the same doubles);</li>
 *   <li>{@link SmallSides}: what happens to a side below the factor before the resize — GLM scales it up,
 *       Ming refuses it, the others let the budget lift it.</li>
 * </ul>
 * Video grids given as {@code grid_thw} merge {@code videoTemporalMerge} raw frames per slice (ERNIE: 2).
 *
 * @param patchSize          vision patch side in pixels
 * @param mergeSize          patches merged per side into one placeholder
 * @param temporalPatchSize  frames per temporal patch
 * @param videoTemporalMerge raw frames per merged slice in a video {@code grid_thw} (1, or 2 for ERNIE)
 * @param image              the image {@code smart_resize} setting (factor {@code patch · merge})
 * @param budgetFrames       frames the budget test counts for an image (GLM 2, others 1)
 * @param smallSides         what is done with a side below the factor
 * @param source             where the constants were read
 */
public record FamilyImageProcessor(int patchSize, int mergeSize, int temporalPatchSize, int videoTemporalMerge,
        ResizeSetting image, int budgetFrames, SmallSides smallSides, String source) {

    /** transformers {@code Glm4vImageProcessor} class defaults: size 112² .. 28²·15000, patch 14, merge 2, t 2. */
    public static final FamilyImageProcessor GLM4V = new FamilyImageProcessor(14, 2, 2, 1,
            new ResizeSetting(ResizeVariant.TRANSFORMERS, 28, 112 * 112, 28 * 28 * 15000), 2, SmallSides.UPSCALE,
            "transformers glm4v/image_processing_glm4v.py Glm4vImageProcessor class defaults");

    /**
     * transformers {@code Ernie4_5_VLMoeImageProcessor} class defaults: size 56² .. 28²·6177, patch 14, merge 2,
     * image temporal patch 1; a video's raw frames merge 2 per slice ({@code temporal_conv_size}).
     */
    public static final FamilyImageProcessor ERNIE45_VL = new FamilyImageProcessor(14, 2, 1, 2,
            new ResizeSetting(ResizeVariant.TRANSFORMERS, 28, 56 * 56, 28 * 28 * 6177), 1, SmallSides.KEEP,
            "transformers ernie4_5_vl_moe/image_processing_ernie4_5_vl_moe.py class defaults");

    /** Qwen2.5-Omni: the Qwen2-VL image processor with the Qwen2.5-VL checkpoint budget 4·28² .. 16384·28². */
    public static final FamilyImageProcessor QWEN2_5_OMNI = new FamilyImageProcessor(14, 2, 2, 1,
            ResizeSetting.QWEN2_CHECKPOINT_IMAGE, 1, SmallSides.KEEP,
            "Qwen2VLImageProcessor, min_pixels 3136 / max_pixels 12845056 as Qwen2.5-VL's checkpoint");

    /** Qwen3-Omni: the Qwen2-VL image processor with patch 16 (factor 32) and the same pixel budget. */
    public static final FamilyImageProcessor QWEN3_OMNI = new FamilyImageProcessor(16, 2, 2, 1,
            new ResizeSetting(ResizeVariant.TRANSFORMERS, 32, 3136, 12_845_056), 1, SmallSides.KEEP,
            "Qwen2VLImageProcessor with the thinker's patch 16; budget as Qwen2.5-Omni's (checkpoint not re-read)");

    /**
     * Ming ({@code BailingMM2ImageProcessor}, inclusionAI/Ming {@code image_processing_bailingmm2.py} with the
     * repository's {@code preprocessor_config.json}): patch 14, merge 2, temporal 2, 78,400 .. 2,007,040 pixels.
     * Its {@code smart_resize} refuses a side below 28 and then is the qwen-vl-utils arithmetic: with both sides
     * at least the factor, {@code max(factor, round)} is the plain round, and the shrink has no lower bound.
     */
    public static final FamilyImageProcessor MING = new FamilyImageProcessor(14, 2, 2, 1,
            new ResizeSetting(ResizeVariant.QWEN_VL_UTILS, 28, 78_400, 2_007_040), 1, SmallSides.REFUSE,
            "inclusionAI/Ming image_processing_bailingmm2.py BailingMM2ImageProcessor with the repository's "
                    + "preprocessor_config.json (min_pixels 78400, max_pixels 2007040)");

    /**
     * HunyuanOCR (transformers {@code HunYuanVLImageProcessor} class defaults): patch 16, merge 2, temporal 1,
     * {@code size} 512² .. 2048²; the transformers {@code smart_resize} with factor 32.
     */
    public static final FamilyImageProcessor HUNYUAN_VL = new FamilyImageProcessor(16, 2, 1, 1,
            new ResizeSetting(ResizeVariant.TRANSFORMERS, 32, 512 * 512, 2048 * 2048), 1, SmallSides.KEEP,
            "transformers hunyuan_vl/image_processing_hunyuan_vl.py HunYuanVLImageProcessor class defaults "
                    + "(the tencent/HunyuanOCR preprocessor_config.json was not readable)");

    /** What a processor does with an image side below its factor before {@code smart_resize}. */
    public enum SmallSides {
        /** Nothing: the rounding and the pixel budget handle it. */
        KEEP,
        /** GLM: scale both sides up by {@code max(factor/h, factor/w)} and truncate ({@code int(h * scale)}). */
        UPSCALE,
        /** Ming: {@code ValueError} ("must be larger than factor"), checked before the aspect ratio. */
        REFUSE
    }

    public FamilyImageProcessor {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(smallSides, "smallSides");
        Args.positive("patchSize", patchSize);
        Args.positive("mergeSize", mergeSize);
        Args.positive("temporalPatchSize", temporalPatchSize);
        Args.positive("videoTemporalMerge", videoTemporalMerge);
        Args.positive("budgetFrames", budgetFrames);
        if (image.factor() != patchSize * mergeSize) {
            throw new IllegalArgumentException("image factor " + image.factor() + " must be patchSize*mergeSize");
        }
    }

    /** Pixels per side of one placeholder token. */
    public int factor() {
        return patchSize * mergeSize;
    }

    /**
     * The processor's frame size for an image of {@code width x height} pixels.
     *
     * @throws InvalidInputException naming {@code width} or {@code height} for a side Ming refuses, or (no field)
     *                               for what {@link SmartResize#image} refuses
     */
    public Resized resize(int width, int height) {
        Args.positive("width", width);
        Args.positive("height", height);
        int f = factor();
        int h = height;
        int w = width;
        if (smallSides == SmallSides.REFUSE && (h < f || w < f)) {
            throw InvalidInputException.at(h < f ? "height" : "width", "must be at least the factor " + f
                    + " (patch " + patchSize + " x merge " + mergeSize + "); the processor refuses "
                    + height + "x" + width);
        }
        if (smallSides == SmallSides.UPSCALE && (h < f || w < f)) {
            double scale = Math.max((double) f / h, (double) f / w);
            h = (int) (h * scale);
            w = (int) (w * scale);
        }
        ResizeSetting setting = budgetFrames == 1 ? image
                : image.withBudget(image.minPixels() / budgetFrames, image.maxPixels() / budgetFrames);
        return SmartResize.image(h, w, setting);
    }

    /** The processor's {@code image_grid_thw} row of an image. */
    public int[] imageGridThw(int width, int height) {
        Resized r = resize(width, height);
        return new int[] {1, r.patchRows(patchSize), r.patchColumns(patchSize)};
    }

    /** The merged grid of an image of {@code width x height} pixels. */
    public Grid image(int width, int height) {
        return PartSizer.merge(imageGridThw(width, height), mergeSize);
    }

    /** The merged grid of a processor {@code grid_thw} row ({@code video}: its frames merge in time too). */
    public Grid merge(int[] gridThw, boolean video) {
        Grid g = PartSizer.merge(gridThw, mergeSize);
        int tm = video ? videoTemporalMerge : 1;
        if (g.t() % tm != 0) {
            throw new IllegalArgumentException("grid_thw t = " + g.t() + " is not a multiple of the " + tm
                    + " raw frames merged per slice");
        }
        return new Grid(g.t() / tm, g.h(), g.w());
    }

    /** The settings as {@code GET /v1/models} lists them. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("patch_size", patchSize);
        m.put("merge_size", mergeSize);
        m.put("temporal_patch_size", temporalPatchSize);
        m.put("min_pixels", image.minPixels());
        m.put("max_pixels", image.maxPixels());
        if (budgetFrames != 1) {
            m.put("image_budget_frames", budgetFrames);
        }
        if (smallSides == SmallSides.UPSCALE) {
            m.put("upscale_small_sides", true);
        }
        if (smallSides == SmallSides.REFUSE) {
            m.put("min_side", factor());
        }
        if (videoTemporalMerge != 1) {
            m.put("video_temporal_merge", videoTemporalMerge);
        }
        m.put("source", source);
        return m;
    }
}
