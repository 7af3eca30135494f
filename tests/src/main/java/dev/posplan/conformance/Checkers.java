package dev.posplan.conformance;

import dev.posplan.multimodal.HostFormat;
import dev.posplan.multimodal.QwenFormats;
import dev.posplan.multimodal.TokenStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/** Which checker reads which golden folder. */
final class Checkers {

    private Checkers() {
    }

    static final Map<String, FolderChecker> ALL = build();

    private static Map<String, FolderChecker> build() {
        Map<String, FolderChecker> m = new LinkedHashMap<>();
        m.put("mrope_i", mr("mrope-i", QwenFormats.QWEN3_VL));
        m.put("mrope_i_qwen3vl", mr("mrope-interleave", QwenFormats.QWEN3_VL));
        m.put("mhrope", mr("mhrope", QwenFormats.QWEN3_VL));
        m.put("mr_mrope", mr("mrope", QwenFormats.QWEN3_VL));
        m.put("mr_vanilla", mr("vanilla", QwenFormats.QWEN3_VL));
        m.put("qwen2vl_mrope", new VlmRopeChecker("mrope", formatted(QwenFormats.QWEN2_VL),
                p -> Map.of("head_dim", 128, "rope_theta", 1_000_000.0,
                        "mrope_section", Golden.plain(p.get("mrope_section")))));
        m.put("mr_v2pe", mr("v2pe-mr", QwenFormats.QWEN3_VL));
        m.put("mr_circlerope", mr("circlerope", QwenFormats.QWEN3_VL).withTolerance(1e-4));
        m.put("mr_ilrope", mr("ilrope", QwenFormats.QWEN3_VL));
        m.put("mr_omnirope", mr("omnirope", QwenFormats.QWEN3_VL));
        // MM-RoPE's allocation ignores the mrope_section its config inherits.
        m.put("mr_mmrope", mr("mmrope", QwenFormats.QWEN3_VL, Set.of("mrope_section")));
        // Settings of GRAPE's learned modes; the canonical mode never reads them.
        m.put("mr_grape", mr("grape", QwenFormats.QWEN3_VL,
                Set.of("num_planes", "block_size", "planes_per_block", "rope_init", "learnable")));
        m.put("v2pe", Checkers::v2pe);
        return m;
    }

    /**
     * An official V2PE file (InternVL2 stream). {@code v2pe_rnd} cases are checked twice: with the recorded
     * Python seed, and with the recorded draws given as an explicit {@code strides} list.
     */
    static void v2pe(JsonNode golden) {
        JsonNode params = golden.get("params");
        Function<JsonNode, TokenStream> stream = layout -> Layouts.internVl(layout,
                params.get("num_image_token").asInt());
        new VlmRopeChecker("v2pe", stream, p -> v2peParams(p, false)).check(golden);
        if (params.has("chosen_stride_per_image")) {
            new VlmRopeChecker("v2pe", stream, p -> v2peParams(p, true)).check(golden);
        }
    }

    /**
     * The V2PE golden parameters as scheme parameters: the Python seed of {@code v2pe_rnd} cases becomes
     * {@code seed}, or with {@code drawn} the recorded strides become {@code strides}; tile counts and δ
     * are derived bookkeeping.
     */
    static Map<String, Object> v2peParams(JsonNode params, boolean drawn) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rope_pos_id_version", params.get("rope_pos_id_version").asString());
        out.put("num_image_token", params.get("num_image_token").asInt());
        if (!params.path("rope_pos_id_stride").isNull() && params.has("rope_pos_id_stride")) {
            out.put("rope_pos_id_stride", Golden.plain(params.get("rope_pos_id_stride")));
        }
        if (drawn) {
            out.put("strides", Golden.plain(params.get("chosen_stride_per_image")));
        } else if (params.has("python_random_seed")) {
            out.put("seed", Golden.plain(params.get("python_random_seed")));
        }
        return out;
    }

    /** Parameters of the Multimodal-RoPEs config objects that are not scheme parameters. */
    private static final Set<String> MR_BOOKKEEPING = Set.of("rope_name", "spatial_merge_size", "notes", "note");

    /** A Multimodal-RoPEs folder: the config's {@code dim}/{@code base} are head_dim/rope_theta. */
    static VlmRopeChecker mr(String scheme, HostFormat format) {
        return new VlmRopeChecker(scheme, formatted(format), Checkers::mrParams);
    }

    /** As {@link #mr(String, HostFormat)}, also leaving out config attributes the scheme does not read. */
    static VlmRopeChecker mr(String scheme, HostFormat format, Set<String> unread) {
        return new VlmRopeChecker(scheme, formatted(format), params -> mrParams(params, unread));
    }

    static Map<String, Object> mrParams(JsonNode params) {
        return mrParams(params, Set.of());
    }

    static Map<String, Object> mrParams(JsonNode params, Set<String> unread) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : params.properties()) {
            String key = e.getKey();
            if (MR_BOOKKEEPING.contains(key) || unread.contains(key)) {
                continue;
            }
            String name = switch (key) {
                case "dim" -> "head_dim";
                case "base" -> "rope_theta";
                default -> key;
            };
            out.put(name, Golden.plain(e.getValue()));
        }
        return out;
    }

    static Function<JsonNode, TokenStream> formatted(HostFormat format) {
        return layout -> format.expand(Layouts.parts(layout), Layouts.leftPadding(layout));
    }
}
