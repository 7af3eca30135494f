package dev.posplan.conformance;

import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.PromptPart;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The shared golden layout ({@code layout.segments}) as prompt parts. */
public final class Layouts {

    private Layouts() {
    }

    public static List<PromptPart> parts(JsonNode layout) {
        List<PromptPart> parts = new ArrayList<>();
        for (JsonNode seg : layout.get("segments").values()) {
            String type = seg.get("type").asString();
            switch (type) {
                case "text" -> parts.add(new PromptPart.Text(seg.get("tokens").asInt()));
                case "shared_text" -> parts.add(PromptPart.Text.shared(seg.get("tokens").asInt()));
                case "image" -> parts.add(new PromptPart.Image(grid(seg.get("grid_thw"))));
                case "video" -> parts.add(PromptPart.Video.uniform(grid(seg.get("grid_thw")),
                        seg.path("frame_text_tokens").asInt(0)));
                default -> throw new IllegalArgumentException("unsupported layout segment type " + type);
            }
        }
        return parts;
    }

    public static Grid grid(JsonNode thw) {
        return new Grid(thw.get(0).asInt(), thw.get(1).asInt(), thw.get(2).asInt());
    }

    public static int leftPadding(JsonNode layout) {
        return layout.path("pad_left").asInt(0);
    }
}
