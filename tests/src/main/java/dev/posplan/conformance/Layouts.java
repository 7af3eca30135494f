package dev.posplan.conformance;

import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.InternVlFormat;
import dev.posplan.multimodal.PromptPart;
import dev.posplan.multimodal.TokenStream;
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

    /**
     * An InternVL2 layout (the {@code v2pe} goldens: {@code image.tiles}, {@code video.frames} with
     * {@code frame_prefix_tokens} / {@code frame_sep_tokens}) as the token stream {@link InternVlFormat}
     * writes; every tile is a {@code 1 x numImageToken} grid.
     */
    public static TokenStream internVl(JsonNode layout, int numImageToken) {
        List<PromptPart> parts = new ArrayList<>();
        int separator = -1;
        for (JsonNode seg : layout.get("segments").values()) {
            String type = seg.get("type").asString();
            switch (type) {
                case "text" -> parts.add(new PromptPart.Text(seg.get("tokens").asInt()));
                case "image" -> parts.add(new PromptPart.Image(new Grid(seg.get("tiles").asInt(), 1, numImageToken)));
                case "video" -> {
                    int sep = seg.path("frame_sep_tokens").asInt(1);
                    if (separator >= 0 && sep != separator) {
                        throw new IllegalArgumentException("videos with different frame separators in one layout");
                    }
                    separator = sep;
                    parts.add(PromptPart.Video.uniform(new Grid(seg.get("frames").asInt(), 1, numImageToken),
                            seg.path("frame_prefix_tokens").asInt(0)));
                }
                default -> throw new IllegalArgumentException("unsupported InternVL layout segment type " + type);
            }
        }
        InternVlFormat format = separator < 0 ? InternVlFormat.INTERNVL2 : new InternVlFormat(separator);
        return format.expand(parts, leftPadding(layout));
    }

    public static Grid grid(JsonNode thw) {
        return new Grid(thw.get(0).asInt(), thw.get(1).asInt(), thw.get(2).asInt());
    }

    public static int leftPadding(JsonNode layout) {
        return layout.path("pad_left").asInt(0);
    }
}
