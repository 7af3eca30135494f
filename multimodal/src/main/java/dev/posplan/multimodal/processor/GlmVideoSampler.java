package dev.posplan.multimodal.processor;

import dev.posplan.multimodal.InvalidInputException;
import java.util.Arrays;

/**
 * transformers {@code Glm4vVideoProcessor.sample_frames} (sampling on by default at 2 fps): a video of at most
 * {@code max_duration} (300 s) takes frame {@code min(last, ceil(i · video_fps / fps))} for
 * {@code i < floor(duration · fps)}; a longer one takes {@code int(300 · fps)} frames at
 * {@code ceil(t · video_fps)} for {@code t = np.linspace(0, duration, n)} (float64), or every frame when that
 * is not fewer than the video has. Repeated indices are dropped and an odd count repeats its last frame.
 * {@code duration} is what transformers' decoders record: {@code total_frames / video_fps}.
 */
public final class GlmVideoSampler {

    /** {@code fps} class default: frames sampled per second. */
    public static final double DEFAULT_FPS = 2.0;

    /** {@code max_duration} class default, seconds. */
    public static final int MAX_DURATION = 300;

    private GlmVideoSampler() {
    }

    /** Samples at the class default of 2 fps. */
    public static SampledFrames sample(int totalFrames, double videoFps) {
        return sample(totalFrames, videoFps, DEFAULT_FPS);
    }

    /**
     * Samples at {@code fps}.
     *
     * @throws IllegalArgumentException for invalid inputs, or a video shorter than one sampling interval, which
     *                                  the reference samples to no frame at all (its resize then fails)
     */
    public static SampledFrames sample(int totalFrames, double videoFps, double fps) {
        Args.positive("totalFrames", totalFrames);
        Args.positive("videoFps", videoFps);
        Args.positive("fps", fps);
        double duration = totalFrames / videoFps;
        int last = totalFrames - 1;
        int[] picked;
        if (duration <= MAX_DURATION) {
            int n = (int) Math.floor(duration * fps);
            picked = new int[n];
            for (int i = 0; i < n; i++) {
                picked[i] = (int) Math.min(last, (long) Math.ceil(i * videoFps / fps));
            }
        } else {
            int samples = (int) (MAX_DURATION * fps);
            picked = samples >= totalFrames ? everyFrame(totalFrames) : atSeconds(duration, samples, videoFps, last);
        }
        if (picked.length == 0) {
            throw InvalidInputException.of("totalFrames: " + totalFrames + " frames at " + videoFps + " fps last "
                    + duration + " s, shorter than one frame at " + fps + " fps: Glm4vVideoProcessor samples none");
        }
        return new SampledFrames(distinct(picked), totalFrames, videoFps).evenCount();
    }

    private static int[] everyFrame(int totalFrames) {
        int[] all = new int[totalFrames];
        for (int i = 0; i < totalFrames; i++) {
            all[i] = i;
        }
        return all;
    }

    /** {@code ceil(t · video_fps)} at {@code np.linspace(0, duration, samples)}. */
    private static int[] atSeconds(double duration, int samples, double videoFps, int last) {
        if (Double.isInfinite(duration)) {
            // np.linspace(0, inf, n) starts with 0·inf = nan, and math.ceil(nan) raises
            throw InvalidInputException.of("videoFps: " + videoFps + " makes totalFrames / videoFps an infinite "
                    + "duration");
        }
        double[] seconds = PyMath.linspace(duration, samples);
        int[] out = new int[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = (int) Math.min(last, (long) Math.ceil(seconds[i] * videoFps));
        }
        return out;
    }

    /**
     * The reference's first-seen de-duplication. Every branch yields non-decreasing indices, so first-seen is
     * "differs from the previous one".
     */
    private static int[] distinct(int[] picked) {
        int[] out = new int[picked.length];
        int n = 0;
        for (int idx : picked) {
            if (n == 0 || out[n - 1] != idx) {
                out[n++] = idx;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
