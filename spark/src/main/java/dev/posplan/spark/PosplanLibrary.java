package dev.posplan.spark;

import dev.posplan.multimodal.ModelPreset;
import dev.posplan.multimodal.QwenInputIds;
import dev.posplan.multimodal.QwenTokenIds;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.multimodal.VisionModel;
import dev.posplan.multimodal.processor.QwenVlUtils;
import dev.posplan.multimodal.processor.Qwen3Timestamps;
import dev.posplan.multimodal.processor.Qwen3VlVideoSampler;
import dev.posplan.multimodal.processor.ResizeSetting;
import dev.posplan.multimodal.processor.Resized;
import dev.posplan.multimodal.processor.SampledFrames;
import dev.posplan.multimodal.processor.SmartResize;
import dev.posplan.multimodal.processor.VideoPixelBudget;
import dev.posplan.multimodal.processor.VideoTiming;
import dev.posplan.planners.BatchPlan;
import dev.posplan.planners.BatchPlanner;
import dev.posplan.planners.PositionPlan;
import dev.posplan.planners.compat.QwenCompat;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.SchemeRegistry;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The only class of this module that calls the posplan library: everything else sees primitive arrays and
 * the records below, so a change of the library's types or packages is followed here alone. One instance
 * plans one model preset under one compat; it is built inside each Spark task (never serialised) and is
 * thread-confined there.
 */
final class PosplanLibrary {

    /** Positions of one row: {@code int[axes * length]} axis-major, as the library stores them. */
    record Positions(int axes, int length, int[] values, long ropeDelta, int maxPosition) {
    }

    /** One sampled video as a processor reports it: patch grid, Qwen2.5-VL timing, Qwen3-VL timestamps. */
    record Video(int[] gridThw, double secondPerGridT, double[] timestamps) {
    }

    private final ModelPreset preset;
    private final QwenCompat compat;
    private final BatchPlanner planner;

    private PosplanLibrary(ModelPreset preset, QwenCompat compat) {
        this.preset = preset;
        this.compat = compat;
        Map<String, Object> params = new LinkedHashMap<>(preset.schemeParams());
        params.put("compat", compat.apiName());
        this.planner = new BatchPlanner(SchemeRegistry.create(preset.scheme(), new SchemeParams(params)));
    }

    /** @throws IllegalArgumentException naming the known models or compats */
    static PosplanLibrary of(String model, String compat) {
        return new PosplanLibrary(qwenPreset(model), QwenCompat.byName(compat));
    }

    static List<String> models() {
        return ModelPreset.all().stream().map(ModelPreset::apiName).toList();
    }

    static List<String> compats() {
        return Arrays.stream(QwenCompat.values()).map(QwenCompat::apiName).toList();
    }

    /** Validates a model name, so that a job fails on the driver, not in every task. */
    static void requireModel(String model) {
        qwenPreset(model);
    }

    /** The Qwen-VL preset of a model: input_ids are read with Qwen token ids, so other families are refused. */
    private static ModelPreset qwenPreset(String model) {
        if (!(VisionModel.byName(model) instanceof ModelPreset preset)) {
            throw new IllegalArgumentException("model '" + model + "' is not supported here: the input_ids path "
                    + "reads Qwen-VL token ids; supported: " + models());
        }
        return preset;
    }

    /** Validates a compat name on the driver. */
    static void requireCompat(String compat) {
        QwenCompat.byName(compat);
    }

    /** The checkpoint's {@code max_position_embeddings} (its {@code config.json}). */
    int maxPositionEmbeddings() {
        return preset.maxPositionEmbeddings();
    }

    int spatialMergeSize() {
        return preset.spatialMergeSize();
    }

    int temporalPatchSize() {
        return preset.temporalPatchSize();
    }

    /** Whether the processor writes each temporal patch of a video as its own block with a timestamp. */
    boolean videoFramesAsBlocks() {
        return preset.videoFramesAsBlocks();
    }

    /** Whether rows carry {@code second_per_grid_ts} (Qwen2.5-VL). */
    boolean absoluteTime() {
        return preset.absoluteTime();
    }

    int visionStart() {
        return ids().visionStart();
    }

    int visionEnd() {
        return ids().visionEnd();
    }

    int imagePad() {
        return ids().imagePad();
    }

    int videoPad() {
        return ids().videoPad();
    }

    private QwenTokenIds ids() {
        return preset.tokenIds();
    }

    /**
     * Plans one processor row as a batch of one, its blocks located by the compat's detection rule.
     *
     * @param mask            null: every token counts
     * @param imageGrids      {@code [n][3]} patch grids, or null
     * @param videoGrids      {@code [n][3]} patch grids, or null
     * @param secondPerGridTs one per video, or null
     * @throws IllegalArgumentException for input the reference would reject, naming the field
     */
    Positions plan(int[] inputIds, int[] mask, int[][] imageGrids, int[][] videoGrids, double[] secondPerGridTs) {
        List<TokenStream> streams = QwenInputIds.builder(preset)
                .inputIds(new int[][] {inputIds})
                .attentionMask(mask == null ? null : new int[][] {mask})
                .imageGridThw(imageGrids)
                .videoGridThw(videoGrids)
                .secondPerGridTs(secondPerGridTs)
                .detection(compat.detection())
                .build();
        BatchPlan batch = planner.plan(streams);
        if (!(batch.row(0) instanceof PositionPlan.Int32 row)) {
            throw new IllegalStateException(preset.scheme() + " planned " + batch.row(0).dtype()
                    + " positions; the Qwen presets are int32");
        }
        int[] values = new int[row.axes() * row.length()];
        for (int a = 0; a < row.axes(); a++) {
            row.copyAxis(a, values, a * row.length());
        }
        return new Positions(row.axes(), row.length(), values, (long) row.ropeDelta(),
                (int) row.maxPosition());
    }

    /** The patch grid {@code (1, h, w)} of an image of {@code height x width} pixels under a token budget. */
    int[] imageGrid(int height, int width, int maxTokens) {
        ResizeSetting setting = imageSetting(maxTokens);
        Resized r = SmartResize.image(height, width, setting);
        return new int[] {1, r.patchRows(preset.patchSize()), r.patchColumns(preset.patchSize())};
    }

    private ResizeSetting imageSetting(int maxTokens) {
        ResizeSetting checkpoint = preset.patchSize() == 16 ? ResizeSetting.QWEN3_CHECKPOINT_IMAGE
                : ResizeSetting.QWEN2_CHECKPOINT_IMAGE;
        double factor = checkpoint.factor();
        return checkpoint.withBudget(checkpoint.minPixels(), Math.max(checkpoint.minPixels(), maxTokens * factor * factor));
    }

    /**
     * A video of {@code totalFrames} at {@code videoFps} and {@code height x width} pixels as this family's usual
     * pipeline samples and resizes it: qwen-vl-utils at 2 fps for Qwen2/2.5-VL (per-frame budget), the
     * transformers video processor for Qwen3-VL (whole-video budget), at most {@code maxFrames} frames;
     * {@code maxFramePixels} lowers the Qwen2/2.5-VL per-frame budget as training pipelines do.
     */
    Video video(int totalFrames, double videoFps, int height, int width, int maxFrames, int maxFramePixels) {
        int tp = preset.temporalPatchSize();
        int p = preset.patchSize();
        if (preset.videoFramesAsBlocks()) {
            SampledFrames frames = Qwen3VlVideoSampler.sample(totalFrames, videoFps, Qwen3VlVideoSampler.DEFAULT_FPS);
            int n = Math.min(frames.count(), maxFrames) / tp * tp;
            int[] indices = Arrays.copyOf(frames.indices(), Math.max(n, tp));
            Resized r = SmartResize.qwen3Video(indices.length, height, width, ResizeSetting.QWEN3_CHECKPOINT_VIDEO);
            int[] grid = {indices.length / tp, r.patchRows(p), r.patchColumns(p)};
            return new Video(grid, Double.NaN, Qwen3Timestamps.of(indices, videoFps, tp));
        }
        int nframes = QwenVlUtils.V2.smartNframes(totalFrames, videoFps, QwenVlUtils.DEFAULT_FPS,
                QwenVlUtils.FPS_MIN_FRAMES, Math.min(maxFrames, totalFrames));
        ResizeSetting budget = VideoPixelBudget.capped(VideoPixelBudget.qwenVlUtils2(nframes), maxFramePixels);
        Resized r = SmartResize.image(height, width, budget);
        double sampledFps = VideoTiming.sampledFps(nframes, totalFrames, videoFps);
        return new Video(new int[] {nframes / tp, r.patchRows(p), r.patchColumns(p)},
                VideoTiming.secondPerGridT(tp, sampledFps), null);
    }

    /** Qwen3-VL's {@code "<x.x seconds>"} text before a frame. */
    static String timestampText(double seconds) {
        return Qwen3Timestamps.text(seconds);
    }
}
