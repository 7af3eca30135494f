package dev.posplan.multimodal.processor;

import dev.posplan.multimodal.Grid;

/**
 * Turns image parts given by pixel size and video parts given by frame count, frame rate and size into grids
 * through a {@link ProcessorPreset} (qwen-mrope.md §7), and converts the processor's unmerged
 * {@code grid_thw} into the merged grid.
 */
public final class PartSizer {

    private static final double[] NO_TIMESTAMPS = {};

    private PartSizer() {
    }

    /** An image of {@code width x height} pixels: {@code smart_resize}, then {@code [1, h/patch, w/patch]}. */
    public static SizedVisual image(ProcessorPreset preset, int width, int height) {
        Resized r = SmartResize.image(height, width, preset.image());
        int[] thw = {1, r.patchRows(preset.patchSize()), r.patchColumns(preset.patchSize())};
        return new SizedVisual(thw, merge(thw, preset.mergeSize()), r, 1, Double.NaN, NO_TIMESTAMPS);
    }

    /**
     * A video of {@code frames} source frames at {@code videoFps}, {@code width x height} pixels, sampled and
     * resized as the preset's {@link VideoPipeline} does.
     */
    public static SizedVisual video(ProcessorPreset preset, int frames, double videoFps, int width, int height) {
        int tp = preset.temporalPatchSize();
        return switch (preset.video()) {
            case QWEN_VL_UTILS_2, QWEN_VL_UTILS_3 -> {
                boolean v2 = preset.video() == VideoPipeline.QWEN_VL_UTILS_2;
                SampledFrames sampled = (v2 ? QwenVlUtils.V2 : QwenVlUtils.V3).sample(frames, videoFps, preset.fps());
                int n = sampled.count();
                ResizeSetting budget = v2 ? VideoPixelBudget.qwenVlUtils2(n)
                        : VideoPixelBudget.qwenVlUtils3(n, preset.patchSize());
                Resized r = SmartResize.image(height, width, budget);
                yield sized(preset, r, sampled, VideoTiming.secondPerGridT(tp, sampled), NO_TIMESTAMPS);
            }
            case TRANSFORMERS_QWEN3 -> {
                SampledFrames sampled = Qwen3VlVideoSampler.sample(frames, videoFps, preset.fps());
                Resized r = SmartResize.qwen3Video(sampled.count(), height, width, tp, preset.wholeVideo());
                yield sized(preset, r, sampled, Double.NaN, Qwen3Timestamps.of(sampled, tp));
            }
        };
    }

    private static SizedVisual sized(ProcessorPreset preset, Resized r, SampledFrames sampled, double secondPerGridT,
            double[] timestamps) {
        int tp = preset.temporalPatchSize();
        // patchify repeats the last frame up to a whole temporal patch
        int t = (sampled.count() + tp - 1) / tp;
        int[] thw = {t, r.patchRows(preset.patchSize()), r.patchColumns(preset.patchSize())};
        return new SizedVisual(thw, merge(thw, preset.mergeSize()), r, sampled.count(), secondPerGridT, timestamps);
    }

    /**
     * The merged grid of a processor {@code grid_thw} row: {@code [t, h/m, w/m]}.
     *
     * @throws IllegalArgumentException naming {@code grid_thw} when h or w is not a multiple of the merge size,
     *                                  which is what a merged {@code grid} passed as {@code grid_thw} looks like
     */
    public static Grid merge(int[] gridThw, int mergeSize) {
        Args.positive("mergeSize", mergeSize);
        if (gridThw.length != 3) {
            throw new IllegalArgumentException("grid_thw must have 3 entries [t, h, w], got " + gridThw.length);
        }
        String[] axis = {"t", "h", "w"};
        for (int i = 0; i < 3; i++) {
            if (gridThw[i] < 1) {
                throw new IllegalArgumentException("grid_thw " + axis[i] + " must be >= 1, got " + gridThw[i]);
            }
        }
        for (int i = 1; i < 3; i++) {
            if (gridThw[i] % mergeSize != 0) {
                throw new IllegalArgumentException("grid_thw " + axis[i] + " = " + gridThw[i]
                        + " is not a multiple of the merge size " + mergeSize
                        + " (grid_thw is the processor's unmerged grid; a merged grid goes in 'grid')");
            }
        }
        return new Grid(gridThw[0], gridThw[1] / mergeSize, gridThw[2] / mergeSize);
    }
}
