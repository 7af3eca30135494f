package dev.posplan.multimodal.processor;

import dev.posplan.multimodal.InvalidInputException;

/**
 * Frame sampling of the official qwen-vl-utils {@code fetch_video} (qwen-mrope.md §7.3), used by the Qwen
 * team's pipeline for Qwen2.5-VL and Qwen3-VL: {@code smart_nframes} picks an even frame count from the
 * requested fps, the readers take {@code torch.linspace(0, total-1, n).round().long()} (float32), and
 * {@code sample_fps = n / total * video_fps}. {@code video_start}/{@code video_end} trimming is not modelled.
 */
public enum QwenVlUtils {

    /**
     * QVU-2, {@code QwenLM/Qwen2-VL @ 35ba6e18}: clamps to {@code [min, max]} and rounds half to even to a
     * multiple of 2, with no clamp to the frame count (too large a count is an error).
     */
    V2,

    /**
     * QVU-3, {@code QwenLM/Qwen3-VL @ 96588727}: clamps to {@code [min, max]}, then to the frame count, then
     * floors to a multiple of 2.
     */
    V3;

    /** {@code FRAME_FACTOR}: frame counts are multiples of this. */
    public static final int FRAME_FACTOR = 2;

    /** {@code FPS}: default sampling rate. */
    public static final double DEFAULT_FPS = 2.0;

    /** {@code FPS_MIN_FRAMES}. */
    public static final int FPS_MIN_FRAMES = 4;

    /** {@code FPS_MAX_FRAMES}. */
    public static final int FPS_MAX_FRAMES = 768;

    /** {@link #smartNframes(int, double, double, int, int)} with the default frame limits. */
    public int smartNframes(int totalFrames, double videoFps, double fps) {
        Args.positive("totalFrames", totalFrames);
        return smartNframes(totalFrames, videoFps, fps, FPS_MIN_FRAMES, Math.min(FPS_MAX_FRAMES, totalFrames));
    }

    /**
     * {@code smart_nframes} with an explicit {@code fps}: {@code n = total / video_fps * fps} clamped to
     * {@code [ceil2(minFrames), floor2(maxFrames)]}, then made even as this version does.
     *
     * @param maxFrames the user's {@code max_frames}; the default is {@code min(768, totalFrames)}
     * @throws IllegalArgumentException for invalid inputs, or when the count leaves {@code [2, totalFrames]}
     */
    public int smartNframes(int totalFrames, double videoFps, double fps, int minFrames, int maxFrames) {
        Args.positive("totalFrames", totalFrames);
        Args.positive("videoFps", videoFps);
        Args.positive("fps", fps);
        Args.nonNegative("minFrames", minFrames);
        Args.nonNegative("maxFrames", maxFrames);
        long min = PyMath.ceilByFactor(minFrames, FRAME_FACTOR);
        long max = PyMath.floorByFactor(maxFrames, FRAME_FACTOR);
        double n = Math.min(Math.max(totalFrames / videoFps * fps, min), max);
        long nframes = this == V3
                ? PyMath.floorByFactor(Math.min(n, totalFrames), FRAME_FACTOR)
                : PyMath.roundByFactor(n, FRAME_FACTOR);
        if (nframes < FRAME_FACTOR || nframes > totalFrames) {
            throw InvalidInputException.of("totalFrames: nframes should be in [" + FRAME_FACTOR + ", " + totalFrames
                    + "], got " + nframes + " (qwen-vl-utils " + this + ")");
        }
        return (int) nframes;
    }

    /** Samples at {@code fps} with the default frame limits. */
    public SampledFrames sample(int totalFrames, double videoFps, double fps) {
        int n = smartNframes(totalFrames, videoFps, fps);
        return new SampledFrames(frameIndices(totalFrames, n), totalFrames, videoFps);
    }

    /** Samples at {@code fps} with the user's {@code min_frames} / {@code max_frames}. */
    public SampledFrames sample(int totalFrames, double videoFps, double fps, int minFrames, int maxFrames) {
        int n = smartNframes(totalFrames, videoFps, fps, minFrames, maxFrames);
        return new SampledFrames(frameIndices(totalFrames, n), totalFrames, videoFps);
    }

    /** The readers' {@code torch.linspace(0, totalFrames - 1, nframes).round().long()} (float32, ties to even). */
    public static int[] frameIndices(int totalFrames, int nframes) {
        Args.positive("totalFrames", totalFrames);
        Args.positive("nframes", nframes);
        return TorchRange.roundHalfEven(TorchRange.linspace(0f, (float) (totalFrames - 1), nframes));
    }
}
