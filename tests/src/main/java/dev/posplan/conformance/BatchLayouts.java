package dev.posplan.conformance;

import dev.posplan.multimodal.HostFormat;
import dev.posplan.multimodal.PromptPart;
import dev.posplan.multimodal.TokenStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/** The {@code layout.rows} and {@code inputs} of a {@code vlm-rope-golden-batch/v1} file. */
public final class BatchLayouts {

    private BatchLayouts() {
    }

    /**
     * Each row as {@code format} writes it (unpadded; the batch planner pads), text and images read the
     * shared way and videos by {@code video}.
     */
    public static List<TokenStream> rows(JsonNode golden, HostFormat format, Function<JsonNode, PromptPart> video) {
        List<TokenStream> rows = new ArrayList<>();
        for (JsonNode row : golden.get("layout").get("rows").values()) {
            List<PromptPart> parts = new ArrayList<>();
            for (JsonNode seg : row.values()) {
                String type = seg.get("type").asString();
                switch (type) {
                    case "text" -> parts.add(new PromptPart.Text(seg.get("tokens").asInt()));
                    case "image" -> parts.add(new PromptPart.Image(Layouts.grid(seg.get("grid_thw"))));
                    case "video" -> parts.add(video.apply(seg));
                    default -> throw new IllegalArgumentException("unsupported layout segment type " + type);
                }
            }
            rows.add(format.expand(parts));
        }
        return rows;
    }

    /** {@code inputs.<name>} as {@code int[B][L]}, or null when absent or null. */
    public static int[][] ints(JsonNode golden, String name) {
        return Golden.ints2(golden.get("inputs").get(name));
    }
}
