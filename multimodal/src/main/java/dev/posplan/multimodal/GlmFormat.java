package dev.posplan.multimodal;

/**
 * The GLM-4.1V / GLM-4.5V processor's token layout: an image is {@code <|begin_of_image|>} pads
 * {@code <|end_of_image|>}; a video is {@code <|begin_of_video|>}, then for each temporal grid k its own
 * {@code <|begin_of_image|>} pads {@code <|end_of_image|>} followed by the frame's timestamp as text
 * ({@code str(int(t))}, one token per digit, {@link PromptPart.Video#timestampTokensBefore} read as the tokens
 * that go with frame k), then {@code <|end_of_video|>}. Frames never touch, so each is its own block.
 */
public enum GlmFormat implements HostFormat {
    GLM4V;

    @Override
    public String apiName() {
        return "glm4v";
    }

    @Override
    public void appendImage(TokenStream.Builder b, VisualBlock image) {
        b.text(1, TextRole.IMAGE_START).add(image).text(1, TextRole.IMAGE_END);
    }

    @Override
    public void appendVideo(TokenStream.Builder b, PromptPart.Video video, int source) {
        b.text(1, TextRole.VISION_START);
        for (int k = 0; k < video.grid().t(); k++) {
            appendImage(b, video.frameBlock(source, k));
            b.text(video.timestampTokensBefore(k), TextRole.TIMESTAMP);
        }
        b.text(1, TextRole.VISION_END);
    }

    /** Digit tokens of a frame timestamp as the processor writes it: {@code str(int(seconds))}. */
    public static int timestampTokens(double seconds) {
        return Long.toString((long) seconds).length();
    }
}
