package dev.posplan.multimodal.processor;

/**
 * The per-frame pixel budget of qwen-vl-utils {@code fetch_video} (qwen-mrope.md §7.4): a total pixel budget
 * shared by the sampled frames, {@code max = max(min(frame_max, total / nframes * 2), int(min * 1.05))},
 * after which each frame goes through {@link SmartResize#image} with a {@link ResizeVariant#QWEN_VL_UTILS}
 * setting.
 */
public final class VideoPixelBudget {

    /** QVU-2 {@code VIDEO_MIN_PIXELS} (128·28²). */
    public static final int QVU2_VIDEO_MIN_PIXELS = 100_352;

    /** QVU-2 {@code VIDEO_MAX_PIXELS} (768·28²). */
    public static final int QVU2_VIDEO_MAX_PIXELS = 602_112;

    /** QVU-2 {@code VIDEO_TOTAL_PIXELS} (24576·28²). */
    public static final int QVU2_VIDEO_TOTAL_PIXELS = 19_267_584;

    /** QVU-2 {@code IMAGE_FACTOR}: the side factor of its videos. */
    public static final int QVU2_FACTOR = 28;

    /** QVU-3 {@code SPATIAL_MERGE_SIZE}: factor = patch size · this. */
    public static final int QVU3_SPATIAL_MERGE_SIZE = 2;

    /** QVU-3 {@code VIDEO_MIN_TOKEN_NUM}: minimum frame pixels = this · factor². */
    public static final int QVU3_VIDEO_MIN_TOKENS = 128;

    /** QVU-3 {@code VIDEO_MAX_TOKEN_NUM}: maximum frame pixels = this · factor². */
    public static final int QVU3_VIDEO_MAX_TOKENS = 768;

    /** QVU-3 {@code MODEL_SEQ_LEN} default (environment variable): total pixels = this · factor² · 0.9. */
    public static final int QVU3_DEFAULT_MODEL_SEQ_LEN = 128_000;

    /**
     * Ming {@code bailingmm_utils.py} @ 017f111 {@code VIDEO_TOTAL_PIXELS} (96·128·28²); its
     * {@code VIDEO_MIN_PIXELS} is QVU-2's 128·28² and its factor 28. It has a {@code VIDEO_MAX_PIXELS} too, but
     * its {@code fetch_video} leaves it out of the budget (the capped formula is commented out).
     */
    public static final int BAILINGMM_VIDEO_TOTAL_PIXELS = 9_633_792;

    private VideoPixelBudget() {
    }

    /** {@code max(min(frameMaxPixels, totalPixels / nframes * FRAME_FACTOR), int(minPixels * 1.05))}. */
    public static double maxPixels(int nframes, double minPixels, double frameMaxPixels, double totalPixels) {
        Args.positive("nframes", nframes);
        Args.nonNegative("minPixels", minPixels);
        Args.positive("frameMaxPixels", frameMaxPixels);
        Args.positive("totalPixels", totalPixels);
        return Math.max(Math.min(frameMaxPixels, shared(nframes, totalPixels)), floorOfMinTimes105(minPixels));
    }

    /** {@code total_pixels / nframes * FRAME_FACTOR}, left to right in double. */
    private static double shared(int nframes, double totalPixels) {
        return totalPixels / nframes * QwenVlUtils.FRAME_FACTOR;
    }

    /** {@code int(min_pixels * 1.05)}. */
    private static double floorOfMinTimes105(double minPixels) {
        return (double) (long) (minPixels * 1.05);
    }

    /** The resize setting for {@code nframes} frames with explicit budget parameters. */
    public static ResizeSetting of(int nframes, int factor, double minPixels, double frameMaxPixels,
            double totalPixels) {
        return new ResizeSetting(ResizeVariant.QWEN_VL_UTILS, factor, minPixels,
                maxPixels(nframes, minPixels, frameMaxPixels, totalPixels));
    }

    /** QVU-2 defaults (factor 28). */
    public static ResizeSetting qwenVlUtils2(int nframes) {
        return of(nframes, QVU2_FACTOR, QVU2_VIDEO_MIN_PIXELS, QVU2_VIDEO_MAX_PIXELS, QVU2_VIDEO_TOTAL_PIXELS);
    }

    /**
     * Ming's {@code bailingmm_utils} budget: {@code max(total / nframes * 2, int(min * 1.05))}, no per-frame cap.
     */
    public static ResizeSetting bailingmmUtils(int nframes) {
        Args.positive("nframes", nframes);
        double max = Math.max(shared(nframes, BAILINGMM_VIDEO_TOTAL_PIXELS),
                floorOfMinTimes105(QVU2_VIDEO_MIN_PIXELS));
        return new ResizeSetting(ResizeVariant.QWEN_VL_UTILS, QVU2_FACTOR, QVU2_VIDEO_MIN_PIXELS, max);
    }

    /** QVU-3 defaults for a vision patch size (14 for Qwen2.5-VL, 16 for Qwen3-VL), {@code MODEL_SEQ_LEN} 128000. */
    public static ResizeSetting qwenVlUtils3(int nframes, int patchSize) {
        return qwenVlUtils3(nframes, patchSize, QVU3_DEFAULT_MODEL_SEQ_LEN);
    }

    /** QVU-3 defaults with a given {@code MODEL_SEQ_LEN}. */
    public static ResizeSetting qwenVlUtils3(int nframes, int patchSize, int modelSeqLen) {
        Args.positive("patchSize", patchSize);
        Args.positive("modelSeqLen", modelSeqLen);
        long f = (long) patchSize * QVU3_SPATIAL_MERGE_SIZE;
        double f2 = (double) (f * f);
        double total = (double) (modelSeqLen * f * f) * 0.9;
        return of(nframes, (int) f, QVU3_VIDEO_MIN_TOKENS * f2, QVU3_VIDEO_MAX_TOKENS * f2, total);
    }

    /** A user's {@code max_pixels} can only lower the budget: {@code min(userMaxPixels, budget max)}. */
    public static ResizeSetting capped(ResizeSetting budget, double userMaxPixels) {
        Args.positive("userMaxPixels", userMaxPixels);
        return budget.withBudget(budget.minPixels(), Math.min(userMaxPixels, budget.maxPixels()));
    }
}
