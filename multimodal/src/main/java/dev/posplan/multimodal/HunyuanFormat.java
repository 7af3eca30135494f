package dev.posplan.multimodal;

/**
 * The HunyuanVL processor's token layout ({@code HunYuanVLProcessor.__call__}): a merged {@code h × w} image is
 * {@code <image_start>}, {@code h · (w + 1) + 2} image tokens, {@code <image_end>}. The vision tower fills those
 * image tokens with a "begin" embedding, h rows of w cells each followed by a newline embedding, and an "end"
 * embedding. The position code treats the start token and the begin embedding as text (written here as one
 * {@link TextRole#IMAGE_START} run of 2), the rows with their newline as one {@code 1 × h × (w + 1)} block (the
 * newline is column w), and the end embedding and end token as text ({@link TextRole#IMAGE_END}, 2). The
 * processor has no video path.
 */
public enum HunyuanFormat implements HostFormat {
    HUNYUAN_VL;

    /** Tokens before an image's grid: {@code <image_start>} and the begin embedding. */
    public static final int TOKENS_BEFORE_GRID = 2;

    @Override
    public String apiName() {
        return "hunyuan-vl";
    }

    @Override
    public void appendImage(TokenStream.Builder b, VisualBlock image) {
        b.text(TOKENS_BEFORE_GRID, TextRole.IMAGE_START).add(gridBlock(image.grid(), image.source()))
                .text(2, TextRole.IMAGE_END);
    }

    @Override
    public void appendVideo(TokenStream.Builder b, PromptPart.Video video, int source) {
        throw InvalidInputException.of("host format " + apiName() + " has no video (the HunyuanVL processor has no "
                + "video path)");
    }

    /** The block of a merged {@code 1 × h × w} image: its rows with one newline token each. */
    public static VisualBlock gridBlock(Grid merged, int source) {
        return new VisualBlock(Modality.IMAGE, new Grid(1, merged.h(), merged.w() + 1), Float.NaN, source, 0);
    }

    /** Tokens of a merged {@code h × w} image in the prompt, wrappers included: {@code h · (w + 1) + 4}. */
    public static int imageTokens(Grid merged) {
        return merged.h() * (merged.w() + 1) + 4;
    }
}
