package dev.posplan.multimodal;

/**
 * The InternVL2 token layout (vlm-ropes.md §1, V2PE §9):
 * <ul>
 *   <li>an image is {@code <img>}, its context tokens, {@code </img>}. Its grid is
 *       {@code (tiles, rows, cols)}: the tiles (crops plus thumbnail) are stacked on the t axis and each
 *       tile has {@code rows * cols} = {@code num_image_token} tokens, so the block has
 *       {@code num_image_token * tiles} tokens in one run;</li>
 *   <li>a video with grid {@code (F, rows, cols)} is F one-tile images, frame k preceded by
 *       {@code timestampTokensBefore(k)} tokens of {@code "FrameN:"} text, and frames separated by
 *       {@code frameSeparatorTokens} tokens (the {@code "\n"} of {@code video_get_item}).</li>
 * </ul>
 *
 * @param frameSeparatorTokens text tokens between consecutive frames of a video (1 for InternVL2's newline)
 */
public record InternVlFormat(int frameSeparatorTokens) implements HostFormat {

    /** InternVL2 as {@code video_get_item} writes it: one newline token between frames. */
    public static final InternVlFormat INTERNVL2 = new InternVlFormat(1);

    public InternVlFormat {
        if (frameSeparatorTokens < 0) {
            throw InvalidInputException.of("frame separator tokens must be >= 0, got " + frameSeparatorTokens);
        }
    }

    @Override
    public String apiName() {
        return "internvl2";
    }

    /** An image's grid t is its tile count. */
    @Override
    public boolean imageTilesOnT() {
        return true;
    }

    @Override
    public void appendImage(TokenStream.Builder b, VisualBlock image) {
        wrapped(b, image);
    }

    @Override
    public void appendVideo(TokenStream.Builder b, PromptPart.Video v, int source) {
        for (int k = 0; k < v.grid().t(); k++) {
            if (k > 0) {
                b.text(frameSeparatorTokens, TextRole.FRAME_SEPARATOR);
            }
            b.text(v.timestampTokensBefore(k), TextRole.FRAME_PREFIX);
            wrapped(b, v.frameBlock(source, k));
        }
    }

    private static void wrapped(TokenStream.Builder b, VisualBlock block) {
        b.text(1, TextRole.IMAGE_START).add(block).text(1, TextRole.IMAGE_END);
    }
}
