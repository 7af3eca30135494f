package dev.posplan.multimodal;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the blocks of a GLM-4.1V / GLM-4.5V batch in {@code input_ids} as its {@code get_rope_index} does: every
 * {@code <|image|>} token is a video token between {@code <|begin_of_video|>} and {@code <|end_of_video|>} and
 * an image token elsewhere; each maximal run of one kind is one group ({@link TokenTypeRuns}). An image group
 * takes the next {@code image_grid_thw} entry whole; a video group is one frame ({@code 1 × h/m × w/m}) of the
 * current {@code video_grid_thw} entry, used up after its {@code t}-th frame.
 */
public final class GlmInputIds {

    /** The ids the position code reads; every other id is text. */
    public record TokenIds(int image, int videoStart, int videoEnd) {
        /** GLM-4.1V-9B-Thinking and GLM-4.5V. */
        public static final TokenIds GLM4V = new TokenIds(151343, 151341, 151342);
    }

    private GlmInputIds() {
    }

    /**
     * One stream per row.
     *
     * @param inputIds     {@code [B][L]}
     * @param mask         {@code [B][L]} attention mask, or null for all ones
     * @param imageGridThw patch grids {@code [t, h, w]} of every image in the batch, or null
     * @param videoGridThw patch grids of every video in the batch ({@code t} temporal grids), or null
     * @param merge        spatial merge size (2)
     */
    public static List<TokenStream> rows(TokenIds ids, int[][] inputIds, int[][] mask, int[][] imageGridThw,
            int[][] videoGridThw, int merge) {
        int[][] types = new int[inputIds.length][];
        for (int b = 0; b < inputIds.length; b++) {
            types[b] = types(ids, inputIds[b]);
        }
        List<VisualBlock> images = new ArrayList<>();
        for (int i = 0; imageGridThw != null && i < imageGridThw.length; i++) {
            Grid g = TokenTypeRuns.merged("image_grid_thw", i, imageGridThw[i], 1, merge);
            images.add(new VisualBlock(Modality.IMAGE, g, Float.NaN, i, 0));
        }
        List<VisualBlock> frames = new ArrayList<>();
        for (int v = 0; videoGridThw != null && v < videoGridThw.length; v++) {
            Grid g = TokenTypeRuns.merged("video_grid_thw", v, videoGridThw[v], 1, merge);
            for (int k = 0; k < g.t(); k++) {
                frames.add(new VisualBlock(Modality.VIDEO, new Grid(1, g.h(), g.w()), Float.NaN, v, k));
            }
        }
        return TokenTypeRuns.rows(types, mask, images, frames);
    }

    /** Labels of one row: image tokens inside a video's start/end are video. */
    private static int[] types(TokenIds ids, int[] row) {
        int[] out = new int[row.length];
        boolean inVideo = false;
        for (int i = 0; i < row.length; i++) {
            int id = row[i];
            if (id == ids.videoStart()) {
                inVideo = true;
            } else if (id == ids.videoEnd()) {
                inVideo = false;
            }
            out[i] = id != ids.image() ? TokenTypeRuns.TEXT : inVideo ? TokenTypeRuns.VIDEO : TokenTypeRuns.IMAGE;
        }
        return out;
    }
}
