package dev.posplan.multimodal;

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

    /** Qwen images keep their grid's t slices in one block (qwen-mrope.md §3.1, issue 15 #4). */
    @Override
    public boolean multiSliceImages() {
        return true;
    }

    @Override
    public void appendImage(TokenStream.Builder b, VisualBlock image) {
        wrapped(b, image);
    }

    @Override
    public void appendVideo(TokenStream.Builder b, PromptPart.Video v, int source) {
        if (this == QWEN2_VL) {
            wrapped(b, v.block(source));
        } else {
            frames(b, v, source);
        }
    }

    private void frames(TokenStream.Builder b, PromptPart.Video v, int source) {
        boolean outer = this == QWEN3_VL_OUTER_WRAP;
        if (outer) {
            b.text(1, TextRole.VISION_START);
        }
        for (int k = 0; k < v.grid().t(); k++) {
            b.text(v.timestampTokensBefore(k), TextRole.TIMESTAMP);
            wrapped(b, v.frameBlock(source, k));
        }
        if (outer) {
            b.text(1, TextRole.VISION_END);
        }
    }

    private static void wrapped(TokenStream.Builder b, VisualBlock block) {
        b.text(1, TextRole.VISION_START).add(block).text(1, TextRole.VISION_END);
    }
}
