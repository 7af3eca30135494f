package dev.posplan.multimodal.processor;

import dev.posplan.multimodal.InvalidInputException;

/**
 * transformers {@code Qwen3VLVideoProcessor.sample_frames} (qwen-mrope.md §7.3; on by default at 2 fps):
 * {@code n = int(total / video_fps * fps)} clamped to {@code [min_frames, max_frames]} and the frame count, then
 * {@code np.linspace(0, total-1, n).round()} in float64 (ties to even). The count need not be even:
 * {@code patchify} repeats the last frame. vLLM recomputes the same indices.
 */
public final class Qwen3VlVideoSampler {

    /** {@code fps} class default. */
    public static final double DEFAULT_FPS = 2.0;

    /** {@code min_frames} class default. */
    public static final int DEFAULT_MIN_FRAMES = 4;

    /** {@code max_frames} class default. */
    public static final int DEFAULT_MAX_FRAMES = 768;

    /** The frame rate transformers assumes (with a warning) when the video metadata has none. */
    public static final double UNKNOWN_VIDEO_FPS = 24.0;

    private Qwen3VlVideoSampler() {
    }

    /** Samples at {@code fps} with the class defaults. */
    public static SampledFrames sample(int totalFrames, double videoFps, double fps) {
        int n = frameCount(totalFrames, videoFps, fps, DEFAULT_MIN_FRAMES, DEFAULT_MAX_FRAMES);
        return new SampledFrames(frameIndices(totalFrames, n), totalFrames, videoFps);
    }

    /** {@code min(max(int(total / video_fps * fps), minFrames), maxFrames, total)}. */
    public static int frameCount(int totalFrames, double videoFps, double fps, int minFrames, int maxFrames) {
        Args.positive("totalFrames", totalFrames);
        Args.positive("videoFps", videoFps);
        Args.positive("fps", fps);
        Args.nonNegative("minFrames", minFrames);
        Args.nonNegative("maxFrames", maxFrames);
        long n = (long) (totalFrames / videoFps * fps);
        long count = Math.min(Math.min(Math.max(n, minFrames), maxFrames), totalFrames);
        if (count <= 0) {
            throw InvalidInputException.of("maxFrames: no frame left to sample (maxFrames=" + maxFrames
                    + ", minFrames=" + minFrames + ")");
        }
        return (int) count;
    }

    /** {@code np.linspace(0, totalFrames - 1, count).round()}: {@code i * step} in double, last value exact. */
    public static int[] frameIndices(int totalFrames, int count) {
        Args.positive("totalFrames", totalFrames);
        Args.positive("count", count);
        double[] at = PyMath.linspace(totalFrames - 1, count);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = (int) Math.rint(at[i]);
        }
        return out;
    }
}
