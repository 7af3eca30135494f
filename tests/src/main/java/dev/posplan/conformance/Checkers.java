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
        m.put("plucker", new PluckerChecker());
        m.put("prope", new PropeChecker());
        m.put("ucpe", new UcpeChecker());
        m.put("gta", new GtaChecker());
        return m;
    }

    /** Parameters of the Multimodal-RoPEs config objects that are not scheme parameters. */
    private static final Set<String> MR_BOOKKEEPING = Set.of("rope_name", "spatial_merge_size", "notes", "note");

    /** A Multimodal-RoPEs folder: the config's {@code dim}/{@code base} are head_dim/rope_theta. */
    static VlmRopeChecker mr(String scheme, HostFormat format) {
        return new VlmRopeChecker(scheme, formatted(format), Checkers::mrParams);
    }

    static Map<String, Object> mrParams(JsonNode params) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : params.properties()) {
            String key = e.getKey();
            if (MR_BOOKKEEPING.contains(key)) {
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
