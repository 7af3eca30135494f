package dev.posplan.multimodal;

import java.util.ArrayList;
import java.util.List;

/**
 * The media of Bailing requests in {@code input_ids}, found in order by their patch tokens
 * ({@code <imagePatch>}, {@code <videoPatch>}; every other id is text) as SGLang's
 * {@code bailing_3drope_get_input_positions_tensor} does: each run of one patch id is one medium
 * ({@link TokenTypeRuns}); with interleaved frame timestamps a video is {@code t} one-frame media.
 */
public final class BailingInputIds {

    /** The patch ids; the start/end markers are text to the position code. */
    public record TokenIds(int imagePatch, int videoPatch) {
        /** Ming's {@code BailingMoeV2Config} defaults. */
        public static final TokenIds MING = new TokenIds(157157, 157175);
    }

    private BailingInputIds() {
    }

    /**
     * One stream per request (row); grids are patch grids {@code [t, h, w]} of the whole batch in row order.
     *
     * @param interleavedFrames {@code use_interleaved_frame_timestamp}
     */
    public static List<TokenStream> rows(TokenIds ids, int[][] inputIds, int[][] mask, int[][] imageGridThw,
            int[][] videoGridThw, int merge, boolean interleavedFrames) {
        int[][] types = new int[inputIds.length][];
        for (int b = 0; b < inputIds.length; b++) {
            types[b] = new int[inputIds[b].length];
            for (int i = 0; i < types[b].length; i++) {
                int id = inputIds[b][i];
                types[b][i] = id == ids.imagePatch() ? TokenTypeRuns.IMAGE
                        : id == ids.videoPatch() ? TokenTypeRuns.VIDEO : TokenTypeRuns.TEXT;
            }
        }
        List<VisualBlock> images = new ArrayList<>();
        for (int i = 0; imageGridThw != null && i < imageGridThw.length; i++) {
            images.add(new VisualBlock(Modality.IMAGE, TokenTypeRuns.merged("image_grid_thw", i, imageGridThw[i], 1,
                    merge), Float.NaN, i, 0));
        }
        List<VisualBlock> videos = new ArrayList<>();
        for (int v = 0; videoGridThw != null && v < videoGridThw.length; v++) {
            Grid g = TokenTypeRuns.merged("video_grid_thw", v, videoGridThw[v], 1, merge);
            if (!interleavedFrames) {
                videos.add(new VisualBlock(Modality.VIDEO, g, Float.NaN, v, 0));
                continue;
            }
            for (int k = 0; k < g.t(); k++) {
                videos.add(new VisualBlock(Modality.VIDEO, new Grid(1, g.h(), g.w()), Float.NaN, v, k));
            }
        }
        return TokenTypeRuns.rows(types, mask, images, videos);
    }
}
