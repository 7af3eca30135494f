package dev.posplan.conformance;

import dev.posplan.multimodal.BailingFormat;
import dev.posplan.multimodal.BailingInputIds;
import dev.posplan.multimodal.ErnieFormat;
import dev.posplan.multimodal.ErnieInputIds;
import dev.posplan.multimodal.GlmFormat;
import dev.posplan.multimodal.GlmInputIds;
import dev.posplan.multimodal.PromptPart;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.planners.scheme.Bailing;
import dev.posplan.planners.BatchPlanner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** Checkers of the families whose golden files use the batch schema ({@link BatchGoldenChecker}). */
final class FamilyCheckers {

    private FamilyCheckers() {
    }

    /** GLM-4.1V / 4.5V: the checkpoint's rotary constants, GLM's processor stream and its block detection. */
    static BatchGoldenChecker glm4v() {
        return new BatchGoldenChecker("glm4v", FamilyCheckers::glmParams,
                g -> BatchLayouts.rows(g, GlmFormat.GLM4V, FamilyCheckers::glmVideo),
                g -> GlmInputIds.rows(glmIds(g.get("model_config")), BatchLayouts.ints(g, "input_ids"),
                        BatchLayouts.ints(g, "attention_mask"), BatchLayouts.ints(g, "image_grid_thw"),
                        BatchLayouts.ints(g, "video_grid_thw"), g.get("model_config").get("spatial_merge_size").asInt()));
    }

    /**
     * ERNIE-4.5-VL: the primary reference ({@code compat} transformers) from layout and from
     * {@code mm_token_type_ids}, then the file's cross-checks as compatibility modes: the earlier transformers
     * ({@code transformers-prev}) on the same padded batch, SGLang ({@code sglang}) on each unpadded row alone.
     */
    static FolderChecker ernie45Vl() {
        BatchGoldenChecker primary = ernie("transformers");
        BatchGoldenChecker prev = ernie("transformers-prev");
        BatchGoldenChecker sglang = ernie("sglang");
        return golden -> {
            primary.check(golden);
            JsonNode cross = golden.get("cross_check");
            if (cross == null) {
                return;
            }
            JsonNode p = cross.get("transformers_prev");
            List<String> axes = BatchGoldenChecker.Recorded.axes(golden.get("position_ids").get("axes"));
            BatchGoldenChecker.compare("transformers-prev", new BatchGoldenChecker.Recorded(p.get("position_ids"), axes,
                    false, p.get("rope_deltas"), null), new BatchPlanner(prev.create(golden)).plan(prev.layoutRows().apply(golden)));
            JsonNode s = cross.get("sglang");
            List<TokenStream> rows = sglang.layoutRows().apply(golden);
            for (int b = 0; b < rows.size(); b++) {
                JsonNode row = s.get("rows_position_ids").get(b);
                ArrayNode batchOfOne = JsonNodeFactory.instance.arrayNode();
                for (JsonNode axis : row.values()) {
                    batchOfOne.add(JsonNodeFactory.instance.arrayNode().add(axis));
                }
                BatchGoldenChecker.compare("sglang row " + b, new BatchGoldenChecker.Recorded(batchOfOne, axes, false,
                        JsonNodeFactory.instance.arrayNode().add(s.get("rows_rope_deltas").get(b)), null),
                        new BatchPlanner(sglang.create(golden)).plan(List.of(rows.get(b))));
            }
        };
    }

    private static BatchGoldenChecker ernie(String compat) {
        return new BatchGoldenChecker("ernie45-vl", g -> ernieParams(g, compat),
                g -> BatchLayouts.rows(g, ErnieFormat.ERNIE45_VL,
                        seg -> PromptPart.Video.uniform(Layouts.grid(seg.get("grid_thw")), 0)),
                g -> ErnieInputIds.rows(BatchLayouts.ints(g, "mm_token_type_ids"), BatchLayouts.ints(g, "attention_mask"),
                        BatchLayouts.ints(g, "image_grid_thw"), BatchLayouts.ints(g, "video_grid_thw"),
                        g.get("model_config").get("spatial_merge_size").asInt(),
                        g.get("model_config").get("temporal_merge_size").asInt()));
    }

    private static Map<String, Object> ernieParams(JsonNode golden, String compat) {
        JsonNode f = golden.get("frequency_allocation");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("head_dim", f.get("head_dim").asInt());
        out.put("rope_theta", f.get("theta").asDouble());
        out.put("mrope_section", Golden.plain(f.get("mrope_section")));
        out.put("compat", compat);
        return out;
    }

    /**
     * Bailing: the format of the file's {@code use_interleaved_frame_timestamp}, patch-token detection; the
     * probe file's cos/sin come from vLLM's cache lookup (see {@link BatchGoldenChecker#rotary}).
     */
    static BatchGoldenChecker bailing() {
        return new BatchGoldenChecker("bailing", FamilyCheckers::bailingParams,
                g -> BatchLayouts.rows(g, BailingFormat.of(interleaved(g)),
                        seg -> PromptPart.Video.uniform(Layouts.grid(seg.get("grid_thw")),
                                seg.path("timestamp_tokens_per_frame").asInt(0))),
                g -> BailingInputIds.rows(new BailingInputIds.TokenIds(
                        g.get("model_config").get("image_patch_token").asInt(),
                        g.get("model_config").get("video_patch_token").asInt()),
                        BatchLayouts.ints(g, "input_ids"), BatchLayouts.ints(g, "attention_mask"),
                        BatchLayouts.ints(g, "image_grid_thw"), BatchLayouts.ints(g, "video_grid_thw"),
                        g.get("model_config").get("spatial_merge_size").asInt(), interleaved(g)),
                p -> Bailing.NegativePositions.VLLM_CACHE_ROW.row(p, VLLM_TEST_MAX_POSITIONS));
    }

    /** The cos/sin cache size of the probe file (rope_freq_bailing.json: vLLM's tests, 4096 rows). */
    private static final int VLLM_TEST_MAX_POSITIONS = 4096;

    private static boolean interleaved(JsonNode golden) {
        return golden.get("model_config").get("use_interleaved_frame_timestamp").asBoolean();
    }

    private static Map<String, Object> bailingParams(JsonNode golden) {
        JsonNode f = golden.get("frequency_allocation");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("head_dim", f.get("head_dim").asInt());
        out.put("rope_theta", f.get("theta").asDouble());
        out.put("mrope_section", Golden.plain(f.get("mrope_section")));
        return out;
    }

    private static Map<String, Object> glmParams(JsonNode golden) {
        JsonNode f = golden.get("frequency_allocation");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("head_dim", f.get("head_dim").asInt());
        out.put("rope_theta", f.get("theta").asDouble());
        out.put("partial_rotary_factor", f.get("partial_rotary_factor").asDouble());
        out.put("mrope_section", Golden.plain(f.get("mrope_section")));
        return out;
    }

    /** A GLM video: one timestamp text run per frame, as many tokens as {@code str(int(t))} has digits. */
    private static PromptPart glmVideo(JsonNode seg) {
        double[] seconds = Golden.doubles(seg.get("timestamps"));
        int[] tokens = new int[seconds.length];
        for (int k = 0; k < tokens.length; k++) {
            tokens[k] = GlmFormat.timestampTokens(seconds[k]);
        }
        return new PromptPart.Video(Layouts.grid(seg.get("grid_thw")), Float.NaN, tokens);
    }

    private static GlmInputIds.TokenIds glmIds(JsonNode config) {
        return new GlmInputIds.TokenIds(config.get("image_token_id").asInt(), config.get("video_start_token_id").asInt(),
                config.get("video_end_token_id").asInt());
    }
}
