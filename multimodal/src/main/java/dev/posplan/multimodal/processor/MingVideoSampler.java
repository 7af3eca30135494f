package dev.posplan.multimodal.processor;

import dev.posplan.multimodal.InvalidInputException;

/**
 * Frame sampling of Ming's demo pipeline, inclusionAI/Ming {@code bailingmm_utils.py} @ 017f111
 * ({@code fetch_video} through the decord or torchvision reader, both alike here) with its defaults: no
 * {@code nframes}, {@code min_frames}, {@code max_frames}; {@code max_video_fps} 2.0; {@code sample}
 * "sequence". Unlike qwen-vl-utils it never multiplies by an fps: a video longer than 4 s at more than 2 fps
 * counts as {@code int(frames / video_fps · 2.0)} frames, any other as all its frames; {@code get_frames} then
 * takes that count capped at 128, at least 4, floored to even, and refuses a count above the (reduced) total.
 * The frames are {@code np.linspace(0, frames - 1, n, dtype=int)} of the <em>source</em> video.
 */
public final class MingVideoSampler {

    /** {@code FRAME_FACTOR}. */
    public static final int FRAME_FACTOR = 2;

    /** {@code FPS_MIN_FRAMES}. */
    public static final int MIN_FRAMES = 4;

    /** {@code FPS_MAX_FRAMES}. */
    public static final int MAX_FRAMES = 128;

    /** The readers' {@code max_video_fps} default. */
    public static final double MAX_VIDEO_FPS = 2.0;

    /** Videos longer than this many seconds (at more than {@link #MAX_VIDEO_FPS}) are thinned. */
    public static final double THINNED_AFTER_SECONDS = 4.0;

    private MingVideoSampler() {
    }

    /**
     * The frames the readers pick of a video of {@code totalFrames} frames at {@code videoFps}.
     *
     * @throws IllegalArgumentException for invalid inputs, or (as {@code get_frames}' {@code ValueError}) a video
     *                                  of fewer than 4 frames
     */
    public static SampledFrames sample(int totalFrames, double videoFps) {
        Args.positive("totalFrames", totalFrames);
        Args.positive("videoFps", videoFps);
        int counted = totalFrames;
        if (videoFps > MAX_VIDEO_FPS && totalFrames / videoFps > THINNED_AFTER_SECONDS) {
            // int(total / float(video_fps) * max_video_fps): below totalFrames, so it fits an int
            counted = (int) (totalFrames / videoFps * MAX_VIDEO_FPS);
        }
        int n = frameCount(counted);
        return new SampledFrames(linspaceInt(totalFrames - 1, n), totalFrames, videoFps);
    }

    /**
     * {@code get_frames}: {@code floor2(max(min(total, floor2(min(128, total))), ceil2(4)))}, which must lie in
     * {@code [2, total]}.
     */
    static int frameCount(int total) {
        long max = PyMath.floorByFactor(Math.min(MAX_FRAMES, total), FRAME_FACTOR);
        long min = PyMath.ceilByFactor(MIN_FRAMES, FRAME_FACTOR);
        long n = PyMath.floorByFactor(Math.max(Math.min(total, max), min), FRAME_FACTOR);
        if (n < FRAME_FACTOR || n > total) {
            throw InvalidInputException.of("totalFrames: nframes should be in [" + FRAME_FACTOR + ", " + total
                    + "], got " + n + " (Ming bailingmm_utils get_frames needs at least " + MIN_FRAMES + " frames)");
        }
        return (int) n;
    }

    /** {@code np.linspace(0, stop, n, dtype=int)}: the float64 values floored (never negative, so as astype). */
    static int[] linspaceInt(int stop, int n) {
        double[] at = PyMath.linspace(stop, n);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = (int) Math.floor(at[i]);
        }
        return out;
    }
}
