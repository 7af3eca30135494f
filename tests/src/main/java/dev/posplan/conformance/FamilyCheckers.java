package dev.posplan.conformance;

import dev.posplan.multimodal.GlmFormat;
import dev.posplan.multimodal.GlmInputIds;
import dev.posplan.multimodal.PromptPart;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

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
