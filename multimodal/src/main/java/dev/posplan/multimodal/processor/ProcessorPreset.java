package dev.posplan.multimodal.processor;

import java.util.List;
import java.util.Objects;

/**
 * The processor settings of a released model family that decide its grids (qwen-mrope.md §1, §7; values from
 * the checkpoints' {@code preprocessor_config.json} / {@code video_preprocessor_config.json}, see
 * docs/models.md).
 *
 * @param model             API name of the model preset these settings belong to
 * @param patchSize         vision patch side in pixels
 * @param mergeSize         patches merged per side into one placeholder token
 * @param temporalPatchSize video frames per temporal patch
 * @param image             image {@code smart_resize} setting
 * @param video             how videos are sampled and resized
 * @param fps               frames per second sampled from a video
 * @param wholeVideo        the whole-video budget of {@link VideoPipeline#TRANSFORMERS_QWEN3}; null for the
 *                          per-frame qwen-vl-utils pipelines, whose budget depends on the frame count
 */
public record ProcessorPreset(String model, int patchSize, int mergeSize, int temporalPatchSize, ResizeSetting image,
        VideoPipeline video, double fps, ResizeSetting wholeVideo) {

    /** Qwen2-VL: HF image processor with the checkpoint budget; videos through qwen-vl-utils QVU-2 at 2 fps. */
    public static final ProcessorPreset QWEN2_VL = new ProcessorPreset("qwen2-vl", 14, 2, 2,
            ResizeSetting.QWEN2_CHECKPOINT_IMAGE, VideoPipeline.QWEN_VL_UTILS_2, QwenVlUtils.DEFAULT_FPS, null);

    /** Qwen2.5-VL: HF image processor with the checkpoint budget; videos through qwen-vl-utils QVU-3 at 2 fps. */
    public static final ProcessorPreset QWEN2_5_VL = new ProcessorPreset("qwen2.5-vl", 14, 2, 2,
            ResizeSetting.QWEN2_CHECKPOINT_IMAGE, VideoPipeline.QWEN_VL_UTILS_3, QwenVlUtils.DEFAULT_FPS, null);

    /** Qwen3-VL: HF image and video processors with the checkpoint budgets, 2 fps. */
    public static final ProcessorPreset QWEN3_VL = new ProcessorPreset("qwen3-vl", 16, 2, 2,
            ResizeSetting.QWEN3_CHECKPOINT_IMAGE, VideoPipeline.TRANSFORMERS_QWEN3, Qwen3VlVideoSampler.DEFAULT_FPS,
            ResizeSetting.QWEN3_CHECKPOINT_VIDEO);

    private static final List<ProcessorPreset> ALL = List.of(QWEN2_VL, QWEN2_5_VL, QWEN3_VL);

    public ProcessorPreset {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(video, "video");
        Args.positive("patchSize", patchSize);
        Args.positive("mergeSize", mergeSize);
        Args.positive("temporalPatchSize", temporalPatchSize);
        Args.positive("fps", fps);
        if (image.factor() != patchSize * mergeSize) {
            throw new IllegalArgumentException("image factor " + image.factor() + " must be patchSize*mergeSize = "
                    + patchSize * mergeSize);
        }
        if ((video == VideoPipeline.TRANSFORMERS_QWEN3) != (wholeVideo != null)) {
            throw new IllegalArgumentException("wholeVideo is required by, and only by, " + VideoPipeline.TRANSFORMERS_QWEN3);
        }
    }

    /** Every preset. */
    public static List<ProcessorPreset> all() {
        return ALL;
    }

    /** The preset of a model, by the model's API name. */
    public static ProcessorPreset forModel(String model) {
        for (ProcessorPreset p : ALL) {
            if (p.model.equals(model)) {
                return p;
            }
        }
        throw new IllegalArgumentException("model: no processor settings for '" + model + "'; known: "
                + ALL.stream().map(ProcessorPreset::model).toList());
    }

    /** Pixels per side of one placeholder token ({@code patch_size * merge_size}). */
    public int factor() {
        return patchSize * mergeSize;
    }
}
