package dev.posplan.conformance;

import dev.posplan.multimodal.HostFormat;
import dev.posplan.multimodal.HostFormats;
import dev.posplan.multimodal.QwenFormats;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.SchemeRegistry;
import dev.posplan.planners.allocation.PairAllocation;
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
        m.put("mr_videorope", mr("videorope-mr", QwenFormats.QWEN3_VL));
        m.put("mr_hope", Checkers::mrHope);
        m.put("qwen2vl_mrope", withFileRotary(new VlmRopeChecker("mrope", referenceFormat("mrope"),
                p -> Map.of("mrope_section", Golden.plain(p.get("mrope_section"))))));
        m.put("tpe2d", new Tpe2dChecker());
        m.put("videorope", withFileRotary(new VlmRopeChecker("videorope", referenceFormat("videorope"),
                p -> Map.of("scale_factor", p.get("scale_factor").asDouble(),
                        "mrope_section", Golden.plain(p.get("mrope_section"))))));
        m.put("hope", Checkers::hope);
        m.put("vrope", new VlmRopeChecker("vrope", referenceFormat("vrope"), Checkers::vropeParams));
        m.put("mr_v2pe", mr("v2pe-mr", QwenFormats.QWEN3_VL));
        // The golden README's 1e-4 is the contract; CircleRopePrecisionTest pins the actual 1 ulp.
        m.put("mr_circlerope", mr("circlerope", QwenFormats.QWEN3_VL).withTolerance(1e-4));
        m.put("mr_ilrope", mr("ilrope", QwenFormats.QWEN3_VL));
        m.put("mr_omnirope", mr("omnirope", QwenFormats.QWEN3_VL));
        // MM-RoPE's allocation ignores the mrope_section its config inherits.
        m.put("mr_mmrope", mr("mmrope", QwenFormats.QWEN3_VL, Set.of("mrope_section")));
        // Settings of GRAPE's learned modes; the canonical mode never reads them.
        m.put("mr_grape", mr("grape", QwenFormats.QWEN3_VL,
                Set.of("num_planes", "block_size", "planes_per_block", "rope_init", "learnable")));
        m.put("v2pe", Checkers::v2pe);
        m.put("qwen", new QwenGoldenChecker(new ProcessorGoldenChecker()));
        m.put("plucker", new PluckerChecker());
        m.put("prope", new PropeChecker());
        m.put("ucpe", new UcpeChecker());
        m.put("gta", new GtaChecker());
        m.put("glm4v", FamilyCheckers.glm4v());
        m.put("ernie45_vl", FamilyCheckers.ernie45Vl());
        m.put("bailing", FamilyCheckers.bailing());
        m.put("qwen_omni", new OmniChecker());
        m.put("hunyuan_vl", new HunyuanChecker());
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
        return new VlmRopeChecker(scheme, formatted(format), p -> mrParams(p, Set.of()));
    }

    /** As {@link #mr(String, HostFormat)}, also leaving out config attributes the scheme does not read. */
    static VlmRopeChecker mr(String scheme, HostFormat format, Set<String> unread) {
        return new VlmRopeChecker(scheme, formatted(format), params -> mrParams(params, unread));
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

    // MR's HoPE config carries temporal_stride, which its HoPE never reads (vlm-ropes.md §5.4)
    private static final VlmRopeChecker MR_HOPE = new VlmRopeChecker("hope-mr", formatted(QwenFormats.QWEN3_VL),
            p -> mrParams(p, Set.of("temporal_stride")));

    /**
     * Multimodal-RoPEs' HoPE; its allocation before the t positions are zeroed must be its VideoRoPE's
     * (same config, which does read temporal_stride).
     */
    private static void mrHope(JsonNode golden) {
        MR_HOPE.check(golden);
        JsonNode before = golden.get("frequency_allocation").get("pair_axis_before_t_zeroing");
        if (before != null) {
            Map<String, Object> params = mrParams(golden.get("params"), Set.of("temporal_stride_lst"));
            Expect.ints("pair_axis_before_t_zeroing", before,
                    ((PairAllocation) SchemeRegistry.create("videorope-mr", new SchemeParams(params)).frequencies()).pairAxis());
        }
    }

    private static final VlmRopeChecker HOPE =
            new VlmRopeChecker("hope", referenceFormat("hope"), Checkers::hopeParams);

    /**
     * Official HoPE: the intended decode by default, the official code's decode in its compatibility mode,
     * and a recorded training draw both by its seed and replayed as explicit per-block scales.
     */
    private static void hope(JsonNode golden) {
        VlmRopeChecker hope = HOPE.with(p -> rotary(golden));
        hope.check(golden);
        hope.with(p -> Map.of("decode", "official-code")).checkDecode(golden, "next_positions_official_code");
        if (golden.get("params").has("chosen_scale_per_visual_block")) {
            new VlmRopeChecker("hope", referenceFormat("hope"),
                    p -> Map.of("mrope_section", Golden.plain(p.get("mrope_section")),
                            "block_scales", Golden.plain(p.get("chosen_scale_per_visual_block"))))
                    .with(p -> rotary(golden))
                    .checkPositions(golden);
        }
    }

    /**
     * The official Qwen2-VL-format files (VideoRoPE, HoPE, Qwen2-VL M-RoPE) record the rotary constants only in
     * their {@code frequency_allocation} (their {@code params} are the reference's arguments): each file runs
     * with its own {@code head_dim} and {@code theta}.
     */
    static FolderChecker withFileRotary(VlmRopeChecker checker) {
        return golden -> checker.with(p -> rotary(golden)).check(golden);
    }

    /** {@code head_dim} and {@code rope_theta} from a file's {@code frequency_allocation}, where it gives them. */
    static Map<String, Object> rotary(JsonNode golden) {
        JsonNode alloc = golden.path("frequency_allocation");
        Map<String, Object> out = new LinkedHashMap<>();
        if (alloc.path("head_dim").isNumber()) {
            out.put("head_dim", alloc.get("head_dim").asInt());
        }
        if (alloc.path("theta").isNumber()) {
            out.put("rope_theta", alloc.get("theta").asDouble());
        }
        return out;
    }

    /**
     * The reference's {@code scale_factors} list: one value is the inference mode (a fixed scale), more are
     * the training mode, drawn with {@code python_random_seed}.
     */
    static Map<String, Object> hopeParams(JsonNode params) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mrope_section", Golden.plain(params.get("mrope_section")));
        JsonNode scales = params.get("scale_factors");
        if (scales.size() == 1) {
            out.put("scale_factor", scales.get(0).asDouble());
        } else {
            out.put("scale_factors", Golden.plain(scales));
            if (params.has("python_random_seed")) {
                out.put("seed", params.get("python_random_seed").asInt());
            }
        }
        return out;
    }

    /** VRoPE's only parameter is the head size; its time-centred channels are forced off in the reference. */
    static Map<String, Object> vropeParams(JsonNode params) {
        if (params.path("half_time_dim_effective").asInt(0) != 0) {
            throw new IllegalArgumentException("posplan's vrope has no time-centred pairs (half_time_dim 0)");
        }
        return Map.of("head_dim", 2 * params.get("half_head_dim").asInt());
    }

    /** The stream of an official reference's golden file: the host format the scheme declares first. */
    static Function<JsonNode, TokenStream> referenceFormat(String scheme) {
        return formatted(HostFormats.byName(SchemeRegistry.declaration(scheme).referenceFormat()));
    }

    static Function<JsonNode, TokenStream> formatted(HostFormat format) {
        return layout -> format.expand(Layouts.parts(layout), Layouts.leftPadding(layout));
    }
}
