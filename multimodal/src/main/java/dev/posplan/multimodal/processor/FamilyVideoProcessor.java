package dev.posplan.multimodal.processor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The video side of the GLM-4.1V/4.5V, ERNIE-4.5-VL, Qwen2.5-Omni and Ming processors: a video of {@code frames}
 * source frames at {@code videoFps}, {@code width x height} pixels, sampled, resized and cut into the
 * processor's {@code video_grid_thw} as each reference does (docs/models.md lists the constants and files).
 * Qwen3-Omni and HunyuanVL have none: their video pipelines are not among the stored references
 * (Qwen3-Omni: qwen-omni-utils is factor-28 only, and the video processor its checkpoint applies next is unknown).
 */
public enum FamilyVideoProcessor {

    /**
     * transformers {@code Glm4vVideoProcessor}: {@link GlmVideoSampler}, then GLM's {@code smart_resize} over
     * the whole video (the Qwen3-VL-shaped one, {@link SmartResize#qwen3Video}) with budget
     * 112² .. 28²·2·30000; each temporal patch is timed by its first frame, {@code index / video_fps}.
     */
    GLM4V(FamilyImageProcessor.GLM4V, new ResizeSetting(ResizeVariant.TRANSFORMERS, 28, 112 * 112,
            28 * 28 * 2 * 30000)) {
        @Override
        public SizedVisual video(int frames, double videoFps, int width, int height) {
            SampledFrames sampled = GlmVideoSampler.sample(frames, videoFps);
            Resized r = SmartResize.qwen3Video(sampled.count(), height, width, images().temporalPatchSize(), budget());
            int[] indices = sampled.indices();
            double[] seconds = new double[indices.length / 2];
            for (int k = 0; k < seconds.length; k++) {
                seconds[k] = indices[2 * k] / videoFps;
            }
            return sized(sampled.count() / 2, r, sampled.count(), Double.NaN, seconds);
        }

        @Override
        void describeSampling(Map<String, Object> m) {
            m.put("fps", GlmVideoSampler.DEFAULT_FPS);
            m.put("max_duration", GlmVideoSampler.MAX_DURATION);
            putBudget(m);
            m.put("timestamps", "int(first frame index / video fps) per temporal patch, written as digits");
        }
    },

    /**
     * transformers {@code Ernie4_5_VL_MoeVideoProcessor}: {@link ErnieVideoSampler}, then the Qwen2-VL
     * {@code smart_resize} per frame with budget 299·28² .. 1196·28²; {@code grid_thw} counts raw frames (two per
     * merged slice). Its timestamps are drawn into the pixels, not written as tokens.
     */
    ERNIE45_VL(FamilyImageProcessor.ERNIE45_VL, new ResizeSetting(ResizeVariant.TRANSFORMERS, 28, 299 * 28 * 28,
            1196 * 28 * 28)) {
        @Override
        public SizedVisual video(int frames, double videoFps, int width, int height) {
            SampledFrames sampled = ErnieVideoSampler.sample(frames, videoFps);
            Resized r = SmartResize.image(height, width, budget());
            return sized(sampled.count(), r, sampled.count(), Double.NaN, new double[0]);
        }

        @Override
        void describeSampling(Map<String, Object> m) {
            m.put("min_frames", ErnieVideoSampler.MIN_FRAMES);
            m.put("max_frames", ErnieVideoSampler.MAX_FRAMES);
            putBudget(m);
        }
    },

    /**
     * qwen-omni-utils {@code fetch_video} (v2_5): the same math as qwen-vl-utils QVU-3 for a 14-pixel patch
     * ({@link QwenVlUtils#V3} at 2 fps, {@link VideoPixelBudget#qwenVlUtils3} with {@code VIDEO_TOTAL_PIXELS}
     * 128000·28²·0.9); {@code second_per_grid_t = temporal_patch_size / fps} with the processor's {@code fps}
     * kwarg default 2.0, which the Qwen team's example does not pass. The processor's own second resize
     * (128·28² .. 768·28²) keeps every frame this budget produces as it is.
     */
    QWEN2_5_OMNI(FamilyImageProcessor.QWEN2_5_OMNI, null) {
        @Override
        public SizedVisual video(int frames, double videoFps, int width, int height) {
            SampledFrames sampled = QwenVlUtils.V3.sample(frames, videoFps, QwenVlUtils.DEFAULT_FPS);
            Resized r = SmartResize.image(height, width,
                    VideoPixelBudget.qwenVlUtils3(sampled.count(), images().patchSize()));
            int tp = images().temporalPatchSize();
            return sized((sampled.count() + tp - 1) / tp, r, sampled.count(),
                    VideoTiming.secondPerGridT(tp, OMNI_FPS_KWARG), new double[0]);
        }

        @Override
        void describeSampling(Map<String, Object> m) {
            m.put("fps", QwenVlUtils.DEFAULT_FPS);
            m.put("min_frames", QwenVlUtils.FPS_MIN_FRAMES);
            m.put("max_frames", QwenVlUtils.FPS_MAX_FRAMES);
            m.put("min_pixels", VideoPixelBudget.QVU3_VIDEO_MIN_TOKENS * 28 * 28);
            m.put("max_pixels", VideoPixelBudget.QVU3_VIDEO_MAX_TOKENS * 28 * 28);
            m.put("video_total_pixels", (long) (VideoPixelBudget.QVU3_DEFAULT_MODEL_SEQ_LEN * 28 * 28 * 0.9));
            m.put("second_per_grid_t", "temporal_patch_size / 2.0 (the processor's fps kwarg default)");
        }
    },

    /**
     * Ming's demo pipeline, inclusionAI/Ming {@code processing_bailingmm2.py} @ 017f111: {@code bailingmm_utils}
     * {@code fetch_video} samples ({@link MingVideoSampler}) and resizes every frame with its qwen-vl-utils
     * {@code smart_resize} (factor 28, 128·28² .. {@code max(96·128·28² / n · 2, int(128·28²·1.05))},
     * {@link VideoPixelBudget#bailingmmUtils}); {@code BailingMM2ImageProcessor} then runs with
     * {@code do_resize=False} (so its side-below-28 check does not apply) and cuts {@code n / 2} temporal patches.
     * The processor writes no timestamps: the interleaved format's per-frame time text is not in that code.
     */
    MING(FamilyImageProcessor.MING, null) {
        @Override
        public SizedVisual video(int frames, double videoFps, int width, int height) {
            SampledFrames sampled = MingVideoSampler.sample(frames, videoFps);
            Resized r = SmartResize.image(height, width, VideoPixelBudget.bailingmmUtils(sampled.count()));
            return sized(sampled.count() / images().temporalPatchSize(), r, sampled.count(), Double.NaN,
                    new double[0]);
        }

        @Override
        void describeSampling(Map<String, Object> m) {
            m.put("max_video_fps", MingVideoSampler.MAX_VIDEO_FPS);
            m.put("min_frames", MingVideoSampler.MIN_FRAMES);
            m.put("max_frames", MingVideoSampler.MAX_FRAMES);
            m.put("min_pixels", VideoPixelBudget.QVU2_VIDEO_MIN_PIXELS);
            m.put("video_total_pixels", VideoPixelBudget.BAILINGMM_VIDEO_TOTAL_PIXELS);
            m.put("timestamps", "format bailing-interleaved needs timestamp_tokens (its frame time text is "
                    + "tokenizer text); format bailing writes none");
        }
    };

    /** {@code Qwen2_5OmniProcessor}: the {@code fps} videos kwarg when the caller passes none. */
    public static final double OMNI_FPS_KWARG = 2.0;

    private final FamilyImageProcessor images;
    private final ResizeSetting budget;

    FamilyVideoProcessor(FamilyImageProcessor images, ResizeSetting budget) {
        this.images = images;
        this.budget = budget;
    }

    /** The video processor that belongs with a family image processor, or null where none is served. */
    public static FamilyVideoProcessor of(FamilyImageProcessor images) {
        for (FamilyVideoProcessor v : values()) {
            if (v.images.equals(images)) {
                return v;
            }
        }
        return null;
    }

    /**
     * The processor's {@code video_grid_thw} row, merged grid and timing of a video.
     *
     * @throws IllegalArgumentException for invalid inputs or a video the reference cannot process
     */
    public abstract SizedVisual video(int frames, double videoFps, int width, int height);

    abstract void describeSampling(Map<String, Object> m);

    FamilyImageProcessor images() {
        return images;
    }

    /** The fixed resize setting (null for Qwen2.5-Omni and Ming, whose frame budget depends on the frame count). */
    ResizeSetting budget() {
        return budget;
    }

    void putBudget(Map<String, Object> m) {
        m.put("min_pixels", (long) budget.minPixels());
        m.put("max_pixels", (long) budget.maxPixels());
    }

    SizedVisual sized(int t, Resized r, int sampledFrames, double secondPerGridT, double[] timestamps) {
        int p = images.patchSize();
        int[] thw = {t, r.patchRows(p), r.patchColumns(p)};
        return new SizedVisual(thw, images.merge(thw, true), r, sampledFrames, secondPerGridT, timestamps);
    }

    /** The video settings as {@code GET /v1/models} lists them. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("served", "frames + fps + width + height");
        describeSampling(m);
        return m;
    }
}
