package dev.posplan.conformance;

import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.OmniInputIds;
import dev.posplan.multimodal.PromptPart;
import dev.posplan.multimodal.QwenOmniFormat;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.planners.BatchPlan;
import dev.posplan.planners.BatchPlanner;
import dev.posplan.planners.DType;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeRegistry;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Checks one {@code qwen-omni-rope-golden/v1} file (golden-incoming/qwen_omni/README.md): the batch from
 * {@code input_ids} (the README's port contract: ids, mask, grids, {@code audio_seqlens}, the float32
 * {@code second_per_grid} and {@code use_audio_in_video}) and from {@code layout.rows} through the host format,
 * against the position IDs (float32 bits for Qwen3-Omni; pads against {@code padding_position_value} where
 * the file gives one) and rope_deltas. The file's implementations must agree: posplan has one answer.
 */
final class OmniChecker implements FolderChecker {

    @Override
    public void check(JsonNode golden) {
        boolean qwen3 = golden.get("family").asString().equals("qwen3_omni_moe");
        QwenOmniFormat format = qwen3 ? QwenOmniFormat.QWEN3_OMNI : QwenOmniFormat.QWEN2_5_OMNI;
        Scheme scheme = SchemeRegistry.create(qwen3 ? "qwen3-omni" : "qwen2.5-omni");
        for (JsonNode agree : golden.get("agreement").values()) {
            for (JsonNode flag : agree.values()) {
                if (!flag.asBoolean()) {
                    throw new Mismatch("the file's implementations disagree: posplan has one rule");
                }
            }
        }
        compare("input_ids", golden, new BatchPlanner(scheme).plan(OmniInputIds.rows(format, ids(golden), inputs(golden))));
        compare("layout", golden, new BatchPlanner(scheme).plan(layoutRows(golden, format)));
    }

    private static OmniInputIds.TokenIds ids(JsonNode golden) {
        JsonNode c = golden.get("model_config");
        return new OmniInputIds.TokenIds(c.get("image_token_id").asInt(), c.get("video_token_id").asInt(),
                c.get("audio_token_id").asInt(), c.get("vision_start_token_id").asInt(),
                c.get("audio_start_token_id").asInt(), c.get("audio_end_token_id").asInt());
    }

    private static OmniInputIds.Inputs inputs(JsonNode golden) {
        JsonNode spg = golden.get("video_second_per_grid_float32");
        float[] seconds = null;
        if (spg != null && !spg.isNull()) {
            seconds = new float[spg.size()];
            for (int i = 0; i < seconds.length; i++) {
                seconds[i] = (float) spg.get(i).asDouble();
            }
        }
        JsonNode seqlens = golden.get("audio_seqlens");
        return new OmniInputIds.Inputs(Golden.ints2(golden.get("input_ids")), Golden.ints2(golden.get("attention_mask")),
                Golden.ints2(golden.get("image_grid_thw")), Golden.ints2(golden.get("video_grid_thw")), seconds,
                seqlens == null || seqlens.isNull() ? null : Golden.ints(seqlens),
                golden.get("use_audio_in_video").asBoolean(), golden.get("model_config").get("spatial_merge_size").asInt());
    }

    /** {@code layout.rows}: patch grids merged 2 × 2, audio by its mel frames, spg = 2 / fps unless given. */
    private static List<TokenStream> layoutRows(JsonNode golden, QwenOmniFormat format) {
        int merge = golden.get("model_config").get("spatial_merge_size").asInt();
        boolean audioInVideo = golden.get("layout").get("use_audio_in_video").asBoolean();
        List<TokenStream> rows = new ArrayList<>();
        for (JsonNode row : golden.get("layout").get("rows").values()) {
            List<PromptPart> parts = new ArrayList<>();
            for (JsonNode seg : row.values()) {
                switch (seg.get("type").asString()) {
                    case "text" -> parts.add(new PromptPart.Text(seg.get("n").asInt()));
                    case "image" -> parts.add(new PromptPart.Image(merged(seg.get("grid_thw"), merge)));
                    case "audio" -> parts.add(new PromptPart.Audio(format.model().audioTokens(seg.get("mel_frames").asInt())));
                    case "video" -> {
                        Grid g = merged(seg.get("grid_thw"), merge);
                        float spg = seg.has("spg") ? (float) seg.get("spg").asDouble()
                                : (float) (2.0 / seg.get("fps").asDouble());
                        PromptPart.Video video = new PromptPart.Video(g, spg, new int[g.t()]);
                        parts.add(audioInVideo && seg.has("audio_mel_frames")
                                ? new PromptPart.VideoWithAudio(video,
                                        format.model().audioTokens(seg.get("audio_mel_frames").asInt()))
                                : video);
                    }
                    default -> throw new IllegalArgumentException("unsupported layout segment " + seg);
                }
            }
            rows.add(format.expand(parts));
        }
        return rows;
    }

    private static Grid merged(JsonNode thw, int merge) {
        return new Grid(thw.get(0).asInt(), thw.get(1).asInt() / merge, thw.get(2).asInt() / merge);
    }

    private static void compare(String from, JsonNode golden, BatchPlan plan) {
        boolean float32 = golden.get("position_dtype").asString().equals("float32");
        if (float32 != (plan.dtype() == DType.FLOAT32)) {
            throw new Mismatch(from + ": dtype: expected " + golden.get("position_dtype").asString() + ", actual "
                    + plan.dtype());
        }
        JsonNode values = golden.get("position_ids");
        JsonNode mask = golden.get("attention_mask");
        JsonNode pad = golden.get("padding_position_value");
        if (plan.batchSize() != mask.size() || plan.length() != mask.get(0).size()) {
            throw new Mismatch(from + ": shape: expected " + mask.size() + "x" + mask.get(0).size() + ", actual "
                    + plan.batchSize() + "x" + plan.length());
        }
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < plan.batchSize(); b++) {
                for (int i = 0; i < plan.length(); i++) {
                    boolean padded = mask.get(b).get(i).asInt() == 0;
                    if (padded && (pad == null || pad.isNull())) {
                        continue;
                    }
                    double expected = padded ? pad.asDouble() : values.get(a).get(b).get(i).asDouble();
                    same(from + ": row " + b + " token " + i + " axis " + "thw".charAt(a), expected, plan.get(a, b, i),
                            float32);
                }
            }
        }
        double[] deltas = plan.ropeDeltas();
        for (int b = 0; b < deltas.length; b++) {
            same(from + ": rope_deltas row " + b, golden.get("rope_deltas").get(b).asDouble(), deltas[b], float32);
        }
    }

    private static void same(String what, double expected, double actual, boolean float32) {
        boolean equal = float32 ? Float.floatToIntBits((float) expected) == Float.floatToIntBits((float) actual)
                : expected == actual;
        if (!equal) {
            throw new Mismatch(what + ": expected " + expected + ", actual " + actual);
        }
    }
}
