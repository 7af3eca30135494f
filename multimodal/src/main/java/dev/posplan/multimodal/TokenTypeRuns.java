package dev.posplan.multimodal;

import java.util.ArrayList;
import java.util.List;

/**
 * Block detection by token type, shared by the families that label every token first (ERNIE-4.5-VL's
 * {@code mm_token_type_ids}, GLM's image/video labels): each maximal run of one type among a row's unmasked
 * tokens is one group; a text run (type 0) is text, an image run (1) takes the next image block and a video
 * run (2) the next video block, in order across the whole batch. A block must be exactly as long as its run.
 * Masked tokens become padding; a visual run must not straddle one.
 */
public final class TokenTypeRuns {

    /** Token types as ERNIE's {@code mm_token_type_ids} number them. */
    public static final int TEXT = 0;
    public static final int IMAGE = 1;
    public static final int VIDEO = 2;

    private final List<VisualBlock> images;
    private final List<VisualBlock> videos;
    private int image;
    private int video;

    private TokenTypeRuns(List<VisualBlock> images, List<VisualBlock> videos) {
        this.images = images;
        this.videos = videos;
    }

    /**
     * One stream per row.
     *
     * @param types  {@code [B][L]} token types (0 text, 1 image, 2 video)
     * @param mask   {@code [B][L]} attention mask, or null for all ones
     * @param images every image block of the batch, in order
     * @param videos every video block (or frame block, for families that split videos) of the batch, in order
     */
    public static List<TokenStream> rows(int[][] types, int[][] mask, List<VisualBlock> images,
            List<VisualBlock> videos) {
        if (mask != null && mask.length != types.length) {
            throw InvalidInputException.of("attention_mask has " + mask.length + " rows, input_ids " + types.length);
        }
        TokenTypeRuns scan = new TokenTypeRuns(images, videos);
        List<TokenStream> out = new ArrayList<>(types.length);
        for (int b = 0; b < types.length; b++) {
            out.add(scan.row(b, types[b], mask == null ? null : mask[b]));
        }
        if (scan.image != images.size() || scan.video != videos.size()) {
            throw InvalidInputException.of("input_ids hold " + scan.image + " of " + images.size()
                    + " image blocks and " + scan.video + " of " + videos.size() + " video blocks the grids give");
        }
        return out;
    }

    private TokenStream row(int b, int[] types, int[] mask) {
        if (mask != null && mask.length != types.length) {
            throw InvalidInputException.of("attention_mask[" + b + "] has " + mask.length + " entries, input_ids["
                    + b + "] " + types.length);
        }
        TokenStream.Builder out = TokenStream.builder();
        int group = -1;
        int length = 0;
        int pads = 0;
        for (int i = 0; i < types.length; i++) {
            if (mask != null && mask[i] == 0) {
                if (group > TEXT) {
                    throw InvalidInputException.of("attention_mask[" + b + "][" + i + "] masks a token inside a "
                            + (group == IMAGE ? "image" : "video") + " block");
                }
                flush(out, group, length, b);
                group = -1;
                length = 0;
                pads++;
                continue;
            }
            out.padding(pads);
            pads = 0;
            int type = types[i];
            if (type < TEXT || type > VIDEO) {
                throw InvalidInputException.of("token type " + type + " at [" + b + "][" + i + "]: expected 0 (text), "
                        + "1 (image) or 2 (video)");
            }
            if (type != group) {
                flush(out, group, length, b);
                group = type;
                length = 0;
            }
            length++;
        }
        out.padding(pads);
        flush(out, group, length, b);
        return out.build();
    }

    private void flush(TokenStream.Builder out, int type, int n, int row) {
        if (type < 0 || n == 0) {
            return;
        }
        if (type == TEXT) {
            out.text(n);
            return;
        }
        boolean isImage = type == IMAGE;
        List<VisualBlock> queue = isImage ? images : videos;
        int index = isImage ? image++ : video++;
        String field = isImage ? "image_grid_thw" : "video_grid_thw";
        if (index >= queue.size()) {
            throw InvalidInputException.of("input_ids row " + row + " has more " + (isImage ? "image" : "video")
                    + " blocks than " + field + " gives (" + queue.size() + ")");
        }
        VisualBlock block = queue.get(index);
        if (block.tokens() != n) {
            throw InvalidInputException.of(field + " block " + index + " has " + block.tokens() + " tokens, but "
                    + "input_ids row " + row + " has " + n + " there");
        }
        out.add(block);
    }

    /**
     * The merged grid of patch grid {@code thw} ({@code [t, h, w]}): {@code t / temporalMerge} slices of
     * {@code h / merge × w / merge}; every side must divide.
     */
    public static Grid merged(String field, int index, int[] thw, int temporalMerge, int merge) {
        if (thw.length != 3 || thw[0] % temporalMerge != 0 || thw[1] % merge != 0 || thw[2] % merge != 0) {
            throw InvalidInputException.of(field + "[" + index + "] must be [t, h, w] with t divisible by "
                    + temporalMerge + " and h, w by " + merge);
        }
        return new Grid(thw[0] / temporalMerge, thw[1] / merge, thw[2] / merge);
    }
}
