package dev.posplan.multimodal.processor;

import dev.posplan.multimodal.InvalidInputException;

/**
 * transformers {@code Qwen2VLVideoProcessor.sample_frames} with {@code fps} (qwen-mrope.md §7.3; off unless
 * {@code do_sample_frames=True}): an even count {@code n}, then {@code torch.arange(0, total, total/n).int()}
 * in float32. The arange length rule can return {@code n + 1} indices (see {@link TorchRange#arange}).
 */
public final class Qwen2VlVideoSampler {

    /** {@code min_frames} class default. */
    public static final int DEFAULT_MIN_FRAMES = 4;

    /** {@code max_frames} class default. */
    public static final int DEFAULT_MAX_FRAMES = 768;

    /** {@code temporal_patch_size}: the count is a multiple of this. */
    public static final int DEFAULT_TEMPORAL_PATCH_SIZE = 2;

    private Qwen2VlVideoSampler() {
    }

    /**
     * Samples at {@code fps} with the class defaults.
     *
     * @throws IllegalArgumentException for invalid inputs, or when the arange yields {@code n + 1} values whose
     *                                  last one is {@code totalFrames} itself (for example 367 frames at 24 fps):
     *                                  transformers then fails indexing the video
     */
    public static SampledFrames sample(int totalFrames, double videoFps, double fps) {
        int n = frameCount(totalFrames, videoFps, fps, DEFAULT_MIN_FRAMES, DEFAULT_MAX_FRAMES,
                DEFAULT_TEMPORAL_PATCH_SIZE);
        int[] indices = frameIndices(totalFrames, n, TorchRange.DEFAULT_FLOAT_LANES);
        int last = indices[indices.length - 1];
        if (last >= totalFrames) {
            throw InvalidInputException.of("totalFrames: torch.arange(0, " + totalFrames + ", " + totalFrames + "/" + n
                    + ") yields " + indices.length + " indices ending at frame " + last + ", past the last frame "
                    + (totalFrames - 1) + " (transformers fails indexing the video)");
        }
        return new SampledFrames(indices, totalFrames, videoFps);
    }

    /**
     * {@code max = floor_tp(min(maxFrames, total))}; {@code n = min(max(total / video_fps * fps, minFrames), max,
     * total)}, floored to a multiple of the temporal patch size.
     *
     * @throws IllegalArgumentException for invalid inputs, or a count of 0 (the reference divides by it)
     */
    public static int frameCount(int totalFrames, double videoFps, double fps, int minFrames, int maxFrames,
            int temporalPatchSize) {
        Args.positive("totalFrames", totalFrames);
        Args.positive("videoFps", videoFps);
        Args.positive("fps", fps);
        Args.nonNegative("minFrames", minFrames);
        Args.nonNegative("maxFrames", maxFrames);
        Args.positive("temporalPatchSize", temporalPatchSize);
        long max = PyMath.floorByFactor(Math.min(maxFrames, totalFrames), temporalPatchSize);
        double n = Math.min(Math.min(Math.max(totalFrames / videoFps * fps, minFrames), max), totalFrames);
        long count = PyMath.floorByFactor(n, temporalPatchSize);
        if (count <= 0) {
            throw InvalidInputException.of("totalFrames: " + totalFrames + " frames give no temporal patch of "
                    + temporalPatchSize + " frames to sample");
        }
        return (int) count;
    }

    /**
     * {@code torch.arange(0, totalFrames, totalFrames / count).int()} for a float32 build with {@code lanes}, as
     * torch returns it: possibly {@code count + 1} values, the last equal to {@code totalFrames}.
     */
    public static int[] frameIndices(int totalFrames, int count, int lanes) {
        Args.positive("totalFrames", totalFrames);
        Args.positive("count", count);
        if (count > totalFrames) {
            throw InvalidInputException.of("count (" + count + ") exceeds totalFrames (" + totalFrames + ")");
        }
        return TorchRange.truncate(TorchRange.arange(0, totalFrames, (double) totalFrames / count, lanes));
    }
}
