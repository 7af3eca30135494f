package dev.posplan.multimodal;

/**
 * The ERNIE-4.5-VL processor's token layout: an image is {@code <|IMAGE_START|>} placeholders
 * {@code <|IMAGE_END|>}, a video {@code <|VIDEO_START|>} the placeholders of all its frames (contiguous, its
 * timestamps are drawn into the pixels) {@code <|VIDEO_END|>}; the start and end tokens are text.
 */
public enum ErnieFormat implements HostFormat {
    ERNIE45_VL;

    @Override
    public String apiName() {
        return "ernie45-vl";
    }

    @Override
    public void appendImage(TokenStream.Builder b, VisualBlock image) {
        b.text(1, TextRole.IMAGE_START).add(image).text(1, TextRole.IMAGE_END);
    }

    @Override
    public void appendVideo(TokenStream.Builder b, PromptPart.Video video, int source) {
        b.text(1, TextRole.VISION_START).add(video.block(source)).text(1, TextRole.VISION_END);
    }
}
