package dev.posplan.multimodal.processor;

/** Sampled frame rate and Qwen2.5-VL {@code second_per_grid_t} (qwen-mrope.md §7.3, §7.5). */
public final class VideoTiming {

    /** The {@code fps} kwarg default of transformers 4.5x {@code Qwen2_5_VLProcessor}. */
    public static final double DEFAULT_FPS_KWARG = 2.0;

    private VideoTiming() {
    }

    /**
     * {@code sampled / total * video_fps}: qwen-vl-utils' {@code sample_fps} and transformers'
     * {@code VideoMetadata.sampled_fps}.
     */
    public static double sampledFps(int sampledFrames, int totalFrames, double videoFps) {
        Args.nonNegative("sampledFrames", sampledFrames);
        Args.positive("totalFrames", totalFrames);
        Args.positive("videoFps", videoFps);
        return (double) sampledFrames / totalFrames * videoFps;
    }

    /**
     * {@code temporal_patch_size / fps}. transformers 4.5x passes the {@code fps} processor kwarg (default 2.0,
     * correct only if the caller forwards qwen-vl-utils' {@code sample_fps}); transformers main passes the
     * sampled rate, see {@link #secondPerGridT(int, SampledFrames)}.
     */
    public static double secondPerGridT(int temporalPatchSize, double fps) {
        Args.positive("temporalPatchSize", temporalPatchSize);
        Args.positive("fps", fps);
        return temporalPatchSize / fps;
    }

    /** transformers main: {@code temporal_patch_size / metadata.sampled_fps}. */
    public static double secondPerGridT(int temporalPatchSize, SampledFrames frames) {
        return secondPerGridT(temporalPatchSize, frames.sampledFps());
    }
}
