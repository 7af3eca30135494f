package dev.posplan.multimodal.processor;

import dev.posplan.multimodal.InvalidInputException;

/**
 * transformers {@code Ernie4_5_VL_MoeVideoProcessor.sample_frames} with its class defaults (no {@code fps}, no
 * {@code num_frames}): {@code n = min(max(total, min_frames), max_frames, total)} frames at
 * {@code torch.arange(0, total, total / n).int()} (float32, truncated); {@code _prepare_input_videos} then
 * repeats the last frame of an odd count, since a temporal slice is 2 raw frames.
 */
public final class ErnieVideoSampler {

    /** {@code min_frames} class default. */
    public static final int MIN_FRAMES = 16;

    /** {@code max_frames} class default. */
    public static final int MAX_FRAMES = 180;

    private ErnieVideoSampler() {
    }

    /**
     * The frames the processor keeps of a video of {@code totalFrames} frames, padded to an even count.
     *
     * @throws IllegalArgumentException for invalid inputs, or when the float32 arange runs to frame
     *                                  {@code totalFrames} itself (transformers then fails indexing the video)
     */
    public static SampledFrames sample(int totalFrames, double videoFps) {
        Args.positive("totalFrames", totalFrames);
        Args.positive("videoFps", videoFps);
        int n = Math.min(Math.min(Math.max(totalFrames, MIN_FRAMES), MAX_FRAMES), totalFrames);
        int[] indices = Qwen2VlVideoSampler.frameIndices(totalFrames, n, TorchRange.DEFAULT_FLOAT_LANES);
        int last = indices[indices.length - 1];
        if (last >= totalFrames) {
            throw InvalidInputException.of("totalFrames: torch.arange(0, " + totalFrames + ", " + totalFrames + "/" + n
                    + ") ends at frame " + last + ", past the last frame " + (totalFrames - 1));
        }
        return new SampledFrames(indices, totalFrames, videoFps).evenCount();
    }
}
