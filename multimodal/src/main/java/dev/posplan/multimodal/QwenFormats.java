package dev.posplan.multimodal;

import java.util.List;

/**
 * The Qwen-VL token layouts (qwen-mrope.md §2).
 * <ul>
 *   <li>{@link #QWEN2_VL}: image or whole video = {@code <|vision_start|>} pads {@code <|vision_end|>}.</li>
 *   <li>{@link #QWEN3_VL}: a video of T temporal patches becomes T frame blocks, each
 *       {@code "<x.x seconds>"} {@code <|vision_start|>} pads {@code <|vision_end|>}; the chat template's
 *       outer wrapper is replaced (HF 4.57, vLLM).</li>
 *   <li>{@link #QWEN3_VL_OUTER_WRAP}: as Qwen3-VL but keeping the outer {@code <|vision_start|> …
 *       <|vision_end|>} pair around the frames (HF main, §2.3).</li>
 * </ul>
 */
public enum QwenFormats implements HostFormat {
    QWEN2_VL("qwen2-vl"),
    QWEN3_VL("qwen3-vl"),
    QWEN3_VL_OUTER_WRAP("qwen3-vl-outer-wrap");


    private final String apiName;

    QwenFormats(String apiName) {
        this.apiName = apiName;
    }

    @Override
    public String apiName() {
        return apiName;
    }

    @Override
    public TokenStream expand(List<PromptPart> parts, int leftPadding) {
        TokenStream.Builder b = TokenStream.builder().padding(leftPadding);
        int images = 0;
        int videos = 0;
        for (PromptPart part : parts) {
            if (part instanceof PromptPart.Text t) {
                b.text(t.tokens(), t.role());
            } else if (part instanceof PromptPart.Image img) {
                wrapped(b, new VisualBlock(Modality.IMAGE, img.grid(), Float.NaN, images++, 0));
            } else if (part instanceof PromptPart.Video v) {
                if (this == QWEN2_VL) {
                    wrapped(b, new VisualBlock(Modality.VIDEO, v.grid(), v.secondsPerGrid(), videos, 0));
                } else {
                    frames(b, v, videos);
                }
                videos++;
            }
        }
        return b.build();
    }

    private void frames(TokenStream.Builder b, PromptPart.Video v, int source) {
        boolean outer = this == QWEN3_VL_OUTER_WRAP;
        if (outer) {
            b.text(1, TextRole.VISION_START);
        }
        Grid frame = new Grid(1, v.grid().h(), v.grid().w());
        for (int k = 0; k < v.grid().t(); k++) {
            b.text(v.timestampTokensBefore(k), TextRole.TIMESTAMP);
            wrapped(b, new VisualBlock(Modality.VIDEO, frame, Float.NaN, source, k));
        }
        if (outer) {
            b.text(1, TextRole.VISION_END);
        }
    }

    private static void wrapped(TokenStream.Builder b, VisualBlock block) {
        b.text(1, TextRole.VISION_START).add(block).text(1, TextRole.VISION_END);
    }

    /** Looks a format up by its API name. */
    public static QwenFormats byName(String name) {
        for (QwenFormats f : values()) {
            if (f.apiName.equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown Qwen host format '" + name + "'");
    }
}
