package dev.posplan.multimodal;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the blocks of a GLM-4.1V / GLM-4.5V batch in {@code input_ids} as its {@code get_rope_index} does: every
 * {@code <|image|>} token is a video token between {@code <|begin_of_video|>} and {@code <|end_of_video|>} and
 * an image token elsewhere; each maximal run of one kind is one group. An image group takes the next
 * {@code image_grid_thw} entry whole; a video group is one frame ({@code 1 × h/m × w/m}) of the current
 * {@code video_grid_thw} entry, which is used up after its {@code t}-th frame. Grids are consumed across the
 * batch in row order. Masked tokens become padding; a group must not straddle one.
 */
public final class GlmInputIds {

    /** The ids the position code reads; every other id is text. */
    public record TokenIds(int image, int videoStart, int videoEnd) {
        /** GLM-4.1V-9B-Thinking and GLM-4.5V. */
        public static final TokenIds GLM4V = new TokenIds(151343, 151341, 151342);
    }

    private enum Kind { TEXT, IMAGE, VIDEO }

    private final TokenIds ids;
    private final int merge;
    private final int[][] images;
    private final int[][] videos;
    private int image;
    private int video;
    private int frame;

    private GlmInputIds(TokenIds ids, int merge, int[][] images, int[][] videos) {
        this.ids = ids;
        this.merge = merge;
        this.images = images == null ? new int[0][] : images;
        this.videos = videos == null ? new int[0][] : videos;
    }

    /**
     * One stream per row.
     *
     * @param inputIds     {@code [B][L]}
     * @param mask         {@code [B][L]} attention mask, or null for all ones
     * @param imageGridThw patch grids {@code [t, h, w]} of every image in the batch, or null
     * @param videoGridThw patch grids of every video in the batch, or null
     * @param merge        spatial merge size (2)
     */
    public static List<TokenStream> rows(TokenIds ids, int[][] inputIds, int[][] mask, int[][] imageGridThw,
            int[][] videoGridThw, int merge) {
        GlmInputIds scan = new GlmInputIds(ids, merge, imageGridThw, videoGridThw);
        List<TokenStream> out = new ArrayList<>(inputIds.length);
        for (int b = 0; b < inputIds.length; b++) {
            out.add(scan.row(b, inputIds[b], mask == null ? null : mask[b]));
        }
        if (scan.image != scan.images.length || scan.video != scan.videos.length) {
            throw new IllegalArgumentException("input_ids use " + scan.image + " of " + scan.images.length
                    + " image grids and " + scan.video + " of " + scan.videos.length + " video grids");
        }
        return out;
    }

    private TokenStream row(int b, int[] tokens, int[] mask) {
        if (mask != null && mask.length != tokens.length) {
            throw new IllegalArgumentException("attention_mask[" + b + "] has " + mask.length + " entries, input_ids["
                    + b + "] " + tokens.length);
        }
        TokenStream.Builder out = TokenStream.builder();
        boolean inVideo = false;
        Kind group = null;
        int groupLength = 0;
        for (int i = 0; i < tokens.length; i++) {
            if (mask != null && mask[i] == 0) {
                if (group != null && group != Kind.TEXT) {
                    throw new IllegalArgumentException("attention_mask[" + b + "][" + i + "] masks a token inside a "
                            + group.name().toLowerCase() + " group");
                }
                flush(out, group, groupLength, b);
                group = null;
                groupLength = 0;
                out.padding(1);
                continue;
            }
            int id = tokens[i];
            if (id == ids.videoStart()) {
                inVideo = true;
            } else if (id == ids.videoEnd()) {
                inVideo = false;
            }
            Kind kind = id != ids.image() ? Kind.TEXT : inVideo ? Kind.VIDEO : Kind.IMAGE;
            if (kind != group) {
                flush(out, group, groupLength, b);
                group = kind;
                groupLength = 0;
            }
            groupLength++;
        }
        flush(out, group, groupLength, b);
        return out.build();
    }

    private void flush(TokenStream.Builder out, Kind kind, int n, int row) {
        if (kind == null || n == 0) {
            return;
        }
        switch (kind) {
            case TEXT -> out.text(n);
            case IMAGE -> {
                if (image >= images.length) {
                    throw new IllegalArgumentException("input_ids row " + row + " has more image groups than "
                            + "image_grid_thw entries (" + images.length + ")");
                }
                Grid g = merged("image_grid_thw", image, images[image]);
                block(out, new VisualBlock(Modality.IMAGE, g, Float.NaN, image, 0), n, "image_grid_thw", image);
                image++;
            }
            case VIDEO -> {
                if (video >= videos.length) {
                    throw new IllegalArgumentException("input_ids row " + row + " has more video frames than "
                            + "video_grid_thw entries give");
                }
                Grid g = merged("video_grid_thw", video, videos[video]);
                Grid one = new Grid(1, g.h(), g.w());
                block(out, new VisualBlock(Modality.VIDEO, one, Float.NaN, video, frame), n, "video_grid_thw", video);
                if (++frame == g.t()) {
                    frame = 0;
                    video++;
                }
            }
        }
    }

    private static void block(TokenStream.Builder out, VisualBlock block, int n, String field, int index) {
        if (block.tokens() != n) {
            throw new IllegalArgumentException(field + "[" + index + "] makes " + block.tokens() + " tokens per "
                    + "group, but input_ids have " + n + " there");
        }
        out.add(block);
    }

    private Grid merged(String field, int index, int[] thw) {
        if (thw.length != 3 || thw[1] % merge != 0 || thw[2] % merge != 0) {
            throw new IllegalArgumentException(field + "[" + index + "] must be [t, h, w] with h and w divisible by "
                    + merge);
        }
        return new Grid(thw[0], thw[1] / merge, thw[2] / merge);
    }
}
