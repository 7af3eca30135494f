package dev.posplan.multimodal;

/**
 * The Bailing (Ling-VL / Ming) token layouts: an image is {@code <image_start>} patches {@code <image_end>};
 * a video is {@code <video_start>} … {@code <video_end>}, where … is either all its patches as one block
 * ({@link #BAILING}, {@code use_interleaved_frame_timestamp=False}) or, per frame, the frame's timestamp text
 * ({@link PromptPart.Video#timestampTokensBefore}), {@code <image_start>} the frame's patches
 * {@code <image_end>} ({@link #BAILING_INTERLEAVED}, Ming's default), each frame its own block.
 */
public enum BailingFormat implements HostFormat {
    BAILING("bailing"),
    BAILING_INTERLEAVED("bailing-interleaved");

    private final String apiName;

    BailingFormat(String apiName) {
        this.apiName = apiName;
    }

    @Override
    public String apiName() {
        return apiName;
    }

    /** The format of {@code use_interleaved_frame_timestamp}. */
    public static BailingFormat of(boolean interleavedFrameTimestamps) {
        return interleavedFrameTimestamps ? BAILING_INTERLEAVED : BAILING;
    }

    @Override
    public void appendImage(TokenStream.Builder b, VisualBlock image) {
        b.text(1, TextRole.IMAGE_START).add(image).text(1, TextRole.IMAGE_END);
    }

    @Override
    public void appendVideo(TokenStream.Builder b, PromptPart.Video video, int source) {
        b.text(1, TextRole.VISION_START);
        if (this == BAILING) {
            b.add(video.block(source));
        } else {
            for (int k = 0; k < video.grid().t(); k++) {
                b.text(video.timestampTokensBefore(k), TextRole.TIMESTAMP);
                appendImage(b, video.frameBlock(source, k));
            }
        }
        b.text(1, TextRole.VISION_END);
    }
}
