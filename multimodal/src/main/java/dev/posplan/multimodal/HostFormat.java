package dev.posplan.multimodal;

import java.util.List;

/**
 * How a model family writes images and videos into its token sequence (wrapper tokens, per-frame
 * blocks, timestamps). Formats turn {@link PromptPart}s into a {@link TokenStream}: the dispatch over
 * part kinds is written once here ({@link #expand(List, int)}); a format only says how it writes one
 * image block and one video.
 */
public interface HostFormat {

    /** Stable name used in the API. */
    String apiName();

    /**
     * Expands the prompt parts, preceded by {@code leftPadding} padding tokens: text parts become text runs
     * with their role, images and videos are numbered per modality in prompt order and handed to
     * {@link #appendImage} and {@link #appendVideo}.
     *
     * @throws IllegalArgumentException if {@code leftPadding} is negative
     */
    default TokenStream expand(List<PromptPart> parts, int leftPadding) {
        if (leftPadding < 0) {
            throw InvalidInputException.of("leftPadding must be >= 0, got " + leftPadding);
        }
        TokenStream.Builder b = TokenStream.builder().padding(leftPadding);
        int images = 0;
        int videos = 0;
        for (PromptPart part : parts) {
            if (part instanceof PromptPart.Text t) {
                b.text(t.tokens(), t.role());
            } else if (part instanceof PromptPart.Image img) {
                requireImageGrid(img.grid(), images);
                appendImage(b, img.block(images++));
            } else if (part instanceof PromptPart.Video v) {
                appendVideo(b, v, videos++);
            } else if (part instanceof PromptPart.Table t) {
                b.table(t.grid());
            } else if (part instanceof PromptPart.Audio a) {
                appendAudio(b, a);
            } else if (part instanceof PromptPart.VideoWithAudio av) {
                appendVideoWithAudio(b, av, videos++);
            } else {
                throw InvalidInputException.of(apiName() + " cannot write " + part);
            }
        }
        return b.build();
    }

    default TokenStream expand(List<PromptPart> parts) {
        return expand(parts, 0);
    }

    /**
     * Whether an image grid's {@code t} counts tiles stacked on the t axis (InternVL: crops plus thumbnail,
     * vlm-ropes.md §1) rather than temporal slices. Formats that answer {@code false}, the default, give an
     * image temporal slices only if {@link #multiSliceImages()}; otherwise an image is exactly one slice
     * (VRoPE, vlm-ropes.md §8: an image is a video with {@code T = 1}) and {@link #expand} rejects an image
     * grid with {@code t != 1}.
     */
    default boolean imageTilesOnT() {
        return false;
    }

    /**
     * Whether an image may have several temporal slices, written as one block of {@code t·h·w} pads like a
     * video's: the Qwen formats, because the reference position code (HF and Multimodal-RoPEs
     * {@code get_rope_index}) plans whatever {@code image_grid_thw} says; the position scheme then decides
     * what the slices' positions are, or that its reference cannot plan them.
     */
    default boolean multiSliceImages() {
        return false;
    }

    private void requireImageGrid(Grid grid, int image) {
        if (grid.t() != 1 && !imageTilesOnT() && !multiSliceImages()) {
            throw InvalidInputException.of(apiName() + ": image " + image + " has grid.t = " + grid.t()
                    + ", but an image is one slice in this format (grid.t must be 1); several frames are a video");
        }
    }

    /** Writes one image block (its camera, if any, already attached) with the format's wrapper tokens. */
    void appendImage(TokenStream.Builder b, VisualBlock image);

    /** Writes video number {@code source} (counted among the prompt's videos). */
    void appendVideo(TokenStream.Builder b, PromptPart.Video video, int source);

    /** Writes an audio clip; formats of models without audio reject it. */
    default void appendAudio(TokenStream.Builder b, PromptPart.Audio audio) {
        throw InvalidInputException.of("host format " + apiName() + " has no audio");
    }

    /** Writes a video with its audio track ({@code use_audio_in_video}); formats without audio reject it. */
    default void appendVideoWithAudio(TokenStream.Builder b, PromptPart.VideoWithAudio video, int source) {
        throw InvalidInputException.of("host format " + apiName() + " has no audio in video");
    }
}
