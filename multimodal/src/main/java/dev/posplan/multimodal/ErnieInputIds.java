package dev.posplan.multimodal;

import java.util.ArrayList;
import java.util.List;

/**
 * The blocks of an ERNIE-4.5-VL batch as its {@code get_rope_index} finds them: by {@code mm_token_type_ids}
 * (0 text, 1 image placeholder, 2 video placeholder; {@link TokenTypeRuns}). Patch grids merge 2 × 2 in space,
 * and a video's raw frames 2 in time: image {@code [1, 2h, 2w]} is {@code 1 × h × w}, video {@code [2T, 2h, 2w]}
 * is {@code T × h × w}.
 */
public final class ErnieInputIds {

    private ErnieInputIds() {
    }

    /**
     * One stream per row.
     *
     * @param tokenTypes    {@code mm_token_type_ids [B][L]}
     * @param mask          attention mask {@code [B][L]}, or null for all ones
     * @param imageGridThw  patch grids of every image of the batch, or null
     * @param videoGridThw  patch grids of every video of the batch ({@code t} raw frames), or null
     * @param merge         spatial merge size (2)
     * @param temporalMerge frames merged per temporal slice (2)
     */
    public static List<TokenStream> rows(int[][] tokenTypes, int[][] mask, int[][] imageGridThw,
            int[][] videoGridThw, int merge, int temporalMerge) {
        return TokenTypeRuns.rows(tokenTypes, mask, blocks(Modality.IMAGE, imageGridThw, 1, merge),
                blocks(Modality.VIDEO, videoGridThw, temporalMerge, merge));
    }

    private static List<VisualBlock> blocks(Modality modality, int[][] thw, int temporalMerge, int merge) {
        List<VisualBlock> out = new ArrayList<>();
        String field = modality == Modality.IMAGE ? "image_grid_thw" : "video_grid_thw";
        for (int i = 0; thw != null && i < thw.length; i++) {
            Grid g = TokenTypeRuns.merged(field, i, thw[i], temporalMerge, merge);
            out.add(new VisualBlock(modality, g, Float.NaN, i, 0));
        }
        return out;
    }
}
