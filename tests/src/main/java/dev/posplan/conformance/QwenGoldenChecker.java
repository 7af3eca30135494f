package dev.posplan.conformance;

import dev.posplan.multimodal.Modality;
import dev.posplan.multimodal.ModelPreset;
import dev.posplan.multimodal.Placeholder;
import dev.posplan.multimodal.QwenInputIds;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.planners.BatchPlan;
import dev.posplan.planners.BatchPlanner;
import dev.posplan.planners.PositionPlan;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.SchemeRegistry;
import dev.posplan.planners.compat.DecodeRule;
import dev.posplan.planners.compat.DeltaBase;
import dev.posplan.planners.compat.QwenCompat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Checks the {@code qwen} golden folder (golden/qwen/README.md). Each {@code <family>_<case>.json} is
 * replayed once per implementation in its {@code impls}: the streams are built from the file's
 * {@code input_ids}, grids and mask with that implementation's block detection, planned with the family's
 * scheme under the matching {@link QwenCompat}, and compared on position ids (every slot the reference
 * filled: unmasked tokens, and padded slots where it records a pad value), rope_deltas in that
 * implementation's semantics, and decode positions. Each implementation's declared pad value and
 * rope_deltas semantics must be those of the compat it maps to. An implementation recorded as an error must make
 * posplan reject the input too. {@code rope_freq_<family>.json} files go to {@link QwenFrequencyCheck};
 * {@code processor_*} files to the checker given to the constructor.
 */
public final class QwenGoldenChecker implements FolderChecker {

    /** Golden impl key → compat preset that reproduces it. */
    private static final Map<String, QwenCompat> IMPLS = Map.of(
            "transformers_v4_51", QwenCompat.HF_4_51,
            "transformers_v4_57", QwenCompat.HF_4_57,
            "transformers_main", QwenCompat.HF_MAIN,
            "vllm", QwenCompat.VLLM);

    private final FolderChecker processors;

    /** @param processors checks the {@code processor_*.json} files (smart_resize, frame sampling) */
    public QwenGoldenChecker(FolderChecker processors) {
        this.processors = Objects.requireNonNull(processors, "processors");
    }

    @Override
    public void check(String fileName, JsonNode golden) {
        if (fileName.startsWith("processor_")) {
            processors.check(fileName, golden);
        } else {
            check(golden);
        }
    }

    @Override
    public void check(JsonNode golden) {
        if (golden.has("inv_freq_f32_hex")) {
            QwenFrequencyCheck.check(golden, preset(golden));
        } else if (golden.has("input_ids")) {
            checkCase(golden);
        } else {
            throw new Mismatch("neither a case file nor a rope_freq file");
        }
    }

    /** The golden family names. */
    static ModelPreset preset(JsonNode golden) {
        String family = golden.get("family").asString();
        return switch (family) {
            case "qwen2_vl" -> ModelPreset.QWEN2_VL;
            case "qwen2_5_vl" -> ModelPreset.QWEN2_5_VL;
            case "qwen3_vl" -> ModelPreset.QWEN3_VL;
            default -> throw new Mismatch("unknown family " + family);
        };
    }

    /** The family's scheme with the preset's rotary constants under {@code compat}, optionally another decode rule. */
    static Scheme scheme(ModelPreset preset, QwenCompat compat, DecodeRule decode) {
        Map<String, Object> params = new LinkedHashMap<>(preset.schemeParams());
        params.put("compat", compat.apiName());
        if (decode != null) {
            params.put("decode", decode.apiName());
        }
        return SchemeRegistry.create(preset.scheme(), new SchemeParams(params));
    }

    private static void checkCase(JsonNode golden) {
        ModelPreset preset = preset(golden);
        modelConfig(golden.get("model_config"), preset);
        for (Map.Entry<String, JsonNode> impl : golden.get("impls").properties()) {
            QwenCompat compat = IMPLS.get(impl.getKey());
            if (compat == null) {
                throw new Mismatch("unknown impl " + impl.getKey());
            }
            try {
                declarations(impl.getKey(), compat, impl.getValue());
                checkImpl(golden, preset, compat, impl.getValue());
            } catch (Mismatch m) {
                throw new Mismatch(impl.getKey() + ": " + m.getMessage());
            }
        }
    }

    /**
     * The impl's own description must match what {@link #IMPLS} maps it to: its {@code padding_position_value}
     * (null: the impl never pads, nothing to match) is the compat's pad value, and its
     * {@code rope_deltas_semantics} subtracts the length the compat's {@link DeltaBase} names. A golden set
     * whose impls changed behaviour fails here, naming the drift, before any position is compared. Impls
     * recorded as errors describe nothing.
     */
    static void declarations(String impl, QwenCompat compat, JsonNode expected) {
        if (expected.has("error")) {
            return;
        }
        JsonNode pad = expected.path("padding_position_value");
        if (pad.isMissingNode()) {
            throw new Mismatch("padding_position_value: missing (use null for an implementation that never pads)");
        }
        if (!pad.isNull() && pad.asDouble() != compat.padValue()) {
            throw new Mismatch("padding_position_value " + pad + ", but compat " + compat.apiName() + " (mapped to "
                    + impl + ") writes " + fmt(compat.padValue()) + " on padded slots: the impl has drifted from "
                    + "its compat");
        }
        JsonNode semantics = expected.path("rope_deltas_semantics");
        if (!semantics.isString()) {
            throw new Mismatch("rope_deltas_semantics: missing");
        }
        DeltaBase declared = deltaBase(semantics.asString());
        if (declared != compat.deltaBase()) {
            throw new Mismatch("rope_deltas_semantics '" + semantics.asString() + "' subtracts the "
                    + declared.apiName() + " length, but compat " + compat.apiName() + " (mapped to " + impl
                    + ") uses the " + compat.deltaBase().apiName() + " one: the impl has drifted from its compat");
        }
    }

    /**
     * Which length a {@code rope_deltas_semantics} text ({@code max(position)+1 - <length>}) subtracts: the
     * padded sequence length, or the unmasked token count (vLLM: the request's tokens, it never pads).
     */
    static DeltaBase deltaBase(String semantics) {
        boolean padded = semantics.contains("padded_sequence_length");
        boolean unpadded = semantics.contains("number_of_unmasked_tokens") || semantics.contains("len(request tokens)");
        if (padded == unpadded) {
            throw new Mismatch("rope_deltas_semantics '" + semantics + "': not a semantics posplan knows (expected "
                    + "'max(position)+1 - padded_sequence_length ...', '... - number_of_unmasked_tokens' or "
                    + "'... - len(request tokens) ...')");
        }
        return padded ? DeltaBase.PADDED : DeltaBase.UNPADDED;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static void checkImpl(JsonNode golden, ModelPreset preset, QwenCompat compat, JsonNode expected) {
        if (expected.has("error")) {
            try {
                streams(golden, preset, compat, true);
            } catch (IllegalArgumentException e) {
                return;
            }
            throw new Mismatch("the reference raised (" + expected.get("error").asString()
                    + ") but posplan accepted the input");
        }
        List<TokenStream> streams = streams(golden, preset, compat, true);
        BatchPlan plan = new BatchPlanner(scheme(preset, compat, null)).plan(streams);
        positions("position_ids", expected.get("position_ids"), plan);
        values("rope_deltas", expected.get("rope_deltas"), plan.ropeDeltas());
        JsonNode decode = expected.path("decode");
        int steps = decode.path("steps").asInt(0);
        if (decode.has("generate_position_ids")) {
            decodes("decode.generate_position_ids", decode.get("generate_position_ids"), plan.decodePositions(steps));
        }
        if (decode.has("derived_position_ids")) {
            decodes("decode.derived_position_ids", decode.get("derived_position_ids"), plan.decodePositions(steps));
        }
        if (decode.has("forward_kv_no_mask_position_ids")) {
            // The reference recomputed rope_deltas in that forward() call without second_per_grid_ts (HF's
            // prepare_inputs_for_generation does not pass it, transformers#41152), so videos count 1.0 s/grid.
            List<TokenStream> noTiming = streams(golden, preset, compat, false);
            BatchPlan forward = new BatchPlanner(scheme(preset, compat, DecodeRule.FORWARD_NO_MASK)).plan(noTiming);
            decodes("decode.forward_kv_no_mask_position_ids", decode.get("forward_kv_no_mask_position_ids"),
                    forward.decodePositions(steps));
        }
        if (expected.has("per_sample")) {
            perSample(expected.get("per_sample"), plan, Golden.ints2(golden.get("attention_mask")));
        }
    }

    /**
     * The file's processor outputs as streams, blocks located the way {@code compat}'s implementation does;
     * {@code timing} false drops {@code second_per_grid_ts}.
     */
    private static List<TokenStream> streams(JsonNode golden, ModelPreset preset, QwenCompat compat,
            boolean timing) {
        QwenInputIds.Builder b = QwenInputIds.builder(preset)
                .inputIds(Golden.ints2(golden.get("input_ids")))
                .attentionMask(Golden.ints2(golden.get("attention_mask")))
                .imageGridThw(Golden.ints2(golden.get("image_grid_thw")))
                .videoGridThw(Golden.ints2(golden.get("video_grid_thw")))
                .detection(compat.detection());
        JsonNode spgt = golden.path("second_per_grid_ts");
        if (timing && spgt.isArray()) {
            b.secondPerGridTs(Golden.doubles(spgt));
        }
        if (compat == QwenCompat.VLLM && golden.has("vllm_placeholder_offsets")) {
            b.placeholders(placeholders(golden.get("vllm_placeholder_offsets")));
        }
        return b.build();
    }

    private static List<List<Placeholder>> placeholders(JsonNode rows) {
        List<List<Placeholder>> out = new ArrayList<>();
        for (JsonNode row : rows.values()) {
            List<Placeholder> items = new ArrayList<>();
            for (JsonNode item : row.values()) {
                Modality m = item.get("modality").asString().equals("image") ? Modality.IMAGE : Modality.VIDEO;
                items.add(new Placeholder(m, item.get("offset").asInt()));
            }
            out.add(items);
        }
        return out;
    }

    /** {@code [3][B][L]}; null entries (vLLM's padded slots) are skipped. */
    private static void positions(String what, JsonNode expected, BatchPlan plan) {
        if (expected.size() != plan.axes() || expected.get(0).size() != plan.batchSize()
                || expected.get(0).get(0).size() != plan.length()) {
            throw new Mismatch(what + ": expected shape [" + expected.size() + "][" + expected.get(0).size() + "]["
                    + expected.get(0).get(0).size() + "], actual [" + plan.axes() + "][" + plan.batchSize() + "]["
                    + plan.length() + "]");
        }
        for (int a = 0; a < expected.size(); a++) {
            for (int b = 0; b < plan.batchSize(); b++) {
                JsonNode row = expected.get(a).get(b);
                for (int i = 0; i < row.size(); i++) {
                    if (!row.get(i).isNull()) {
                        Expect.scalar(what + " axis " + "thw".charAt(a) + " row " + b + " token " + i,
                                row.get(i).asDouble(), plan.get(a, b, i));
                    }
                }
            }
        }
    }

    private static void values(String what, JsonNode expected, double[] actual) {
        if (expected.size() != actual.length) {
            throw new Mismatch(what + ": expected " + expected.size() + " values, actual " + actual.length);
        }
        for (int i = 0; i < actual.length; i++) {
            Expect.scalar(what + "[" + i + "]", expected.get(i).asDouble(), actual[i]);
        }
    }

    /** {@code [3][B][steps]}. */
    private static void decodes(String what, JsonNode expected, double[][][] actual) {
        for (int a = 0; a < expected.size(); a++) {
            for (int b = 0; b < expected.get(a).size(); b++) {
                values(what + " axis " + "thw".charAt(a) + " row " + b, expected.get(a).get(b), actual[a][b]);
            }
        }
    }

    /** vLLM's per-request results: positions over the unpadded request, its delta and its decode positions. */
    private static void perSample(JsonNode samples, BatchPlan plan, int[][] mask) {
        for (int b = 0; b < samples.size(); b++) {
            JsonNode sample = samples.get(b);
            PositionPlan row = plan.row(b);
            String where = "per_sample[" + b + "]";
            JsonNode pos = sample.get("position_ids");
            for (int a = 0; a < pos.size(); a++) {
                int k = 0;
                for (int i = 0; i < row.length(); i++) {
                    if (mask == null || mask[b][i] == 1) {
                        if (k >= pos.get(a).size()) {
                            throw new Mismatch(where + ".position_ids: more unmasked tokens than the request has");
                        }
                        Expect.scalar(where + ".position_ids axis " + "thw".charAt(a) + " token " + k,
                                pos.get(a).get(k++).asDouble(), row.get(a, i));
                    }
                }
                if (k != pos.get(a).size()) {
                    throw new Mismatch(where + ".position_ids: expected " + pos.get(a).size() + " tokens, actual " + k);
                }
            }
            Expect.scalar(where + ".rope_delta", sample.get("rope_delta").asDouble(), row.ropeDeltaUnpadded());
            for (String field : List.of("decode_position_ids", "decode_position_ids_tensor_path")) {
                JsonNode dec = sample.path(field);
                for (int a = 0; a < dec.size(); a++) {
                    for (int k = 0; k < dec.get(a).size(); k++) {
                        Expect.scalar(where + "." + field + " axis " + "thw".charAt(a) + " step " + k,
                                dec.get(a).get(k).asDouble(), row.decodePosition(a, k));
                    }
                }
            }
        }
    }

    /** The preset's constants must be the ones the reference ran with. */
    private static void modelConfig(JsonNode c, ModelPreset p) {
        Expect.scalar("model_config.spatial_merge_size", c.get("spatial_merge_size").asInt(), p.spatialMergeSize());
        Expect.scalar("model_config.patch_size", c.get("patch_size").asInt(), p.patchSize());
        Expect.scalar("model_config.temporal_patch_size", c.get("temporal_patch_size").asInt(), p.temporalPatchSize());
        JsonNode tps = c.path("tokens_per_second");
        Expect.scalar("model_config.tokens_per_second", tps.isNumber() ? tps.asInt() : 0, p.tokensPerSecond());
        Expect.scalar("model_config.head_dim", c.get("head_dim").asInt(), p.headDim());
        Expect.scalar("model_config.rope_theta", c.get("rope_theta").asDouble(), p.ropeTheta());
        Expect.ints("model_config.mrope_section", c.get("mrope_section"), p.mropeSection());
        if (c.get("mrope_interleaved").asBoolean() != p.interleaved()) {
            throw new Mismatch("model_config.mrope_interleaved: expected " + c.get("mrope_interleaved")
                    + ", preset " + p.apiName() + " says " + p.interleaved());
        }
        Expect.scalar("model_config.max_position_embeddings", c.get("max_position_embeddings").asInt(),
                p.maxPositionEmbeddings());
        Expect.scalar("model_config.image_token_id", c.get("image_token_id").asInt(), p.tokenIds().imagePad());
        Expect.scalar("model_config.video_token_id", c.get("video_token_id").asInt(), p.tokenIds().videoPad());
        Expect.scalar("model_config.vision_start_token_id", c.get("vision_start_token_id").asInt(),
                p.tokenIds().visionStart());
        Expect.scalar("model_config.vision_end_token_id", c.get("vision_end_token_id").asInt(),
                p.tokenIds().visionEnd());
    }
}
