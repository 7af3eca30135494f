package dev.posplan.multimodal;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the images of a HunyuanVL batch in {@code input_ids} as its processor's {@code _build_position_ids}
 * (and vLLM's {@code get_xdrope_input_positions}) does: every {@code <image_start>} token opens the next image
 * of {@code image_grid_thw} (batch order); after it come the begin embedding and the {@code h · (w + 1)} grid
 * tokens of that grid ({@code h = grid_h / merge}, {@code w = grid_w / merge}, rounded down as the reference
 * does). Nothing else is read: every other token is text, whatever its id. Masked tokens are padding.
 */
public final class HunyuanInputIds {

    /** The ids the position code reads. */
    public record TokenIds(int imageStart) {
        /** {@code HunYuanVLConfig} defaults (tencent/HunyuanOCR). */
        public static final TokenIds HUNYUAN_VL = new TokenIds(120118);
    }

    private HunyuanInputIds() {
    }

    /**
     * One stream per row.
     *
     * @param inputIds     {@code [B][L]}
     * @param mask         {@code [B][L]} attention mask, or null for all ones
     * @param imageGridThw patch grids {@code [t, h, w]} of every image in the batch, in row order, or null
     * @param merge        spatial merge size (2)
     */
    public static List<TokenStream> rows(TokenIds ids, int[][] inputIds, int[][] mask, int[][] imageGridThw,
            int merge) {
        if (mask != null && mask.length != inputIds.length) {
            throw InvalidInputException.of("attention_mask has " + mask.length + " rows, input_ids " + inputIds.length);
        }
        int images = imageGridThw == null ? 0 : imageGridThw.length;
        int next = 0;
        List<TokenStream> out = new ArrayList<>(inputIds.length);
        for (int b = 0; b < inputIds.length; b++) {
            int[] row = inputIds[b];
            int[] m = mask == null ? null : mask[b];
            if (m != null && m.length != row.length) {
                throw InvalidInputException.of("attention_mask[" + b + "] has " + m.length + " entries, input_ids["
                        + b + "] " + row.length);
            }
            TokenStream.Builder stream = TokenStream.builder();
            int text = 0;
            int pads = 0;
            for (int i = 0; i < row.length; i++) {
                if (m != null && m[i] == 0) {
                    stream.text(text);
                    text = 0;
                    pads++;
                    continue;
                }
                stream.padding(pads);
                pads = 0;
                if (row[i] != ids.imageStart()) {
                    text++;
                    continue;
                }
                if (next >= images) {
                    throw InvalidInputException.of("input_ids[" + b + "][" + i + "] opens image " + next
                            + ", but image_grid_thw gives " + images);
                }
                Grid merged = merged(imageGridThw[next], next, merge);
                VisualBlock grid = HunyuanFormat.gridBlock(merged, next++);
                int gridAt = i + HunyuanFormat.TOKENS_BEFORE_GRID;
                requireSpan(row, m, b, i, gridAt + grid.tokens());
                stream.text(text + HunyuanFormat.TOKENS_BEFORE_GRID).add(grid);
                text = 0;
                i = gridAt + grid.tokens() - 1;
            }
            stream.text(text).padding(pads);
            out.add(stream.build());
        }
        if (next != images) {
            throw InvalidInputException.of("input_ids hold " + next + " <image_start> tokens, but image_grid_thw "
                    + "gives " + images + " images");
        }
        return out;
    }

    /**
     * The merged grid of patch grid {@code [t, h, w]}, sides divided by {@code merge} and rounded down; t is
     * not read (the reference unpacks and ignores it).
     */
    private static Grid merged(int[] thw, int index, int merge) {
        if (thw.length != 3 || thw[1] / merge < 1 || thw[2] / merge < 1) {
            throw InvalidInputException.of("image_grid_thw[" + index + "] must be [t, h, w] with h, w >= " + merge);
        }
        return new Grid(1, thw[1] / merge, thw[2] / merge);
    }

    /** The image opened at {@code start} must end (exclusive) by {@code end} within the row, unmasked. */
    private static void requireSpan(int[] row, int[] mask, int b, int start, int end) {
        if (end > row.length) {
            throw InvalidInputException.of("input_ids[" + b + "]: the image opened at " + start + " needs tokens up "
                    + "to " + (end - 1) + ", but the row has " + row.length);
        }
        for (int i = start; mask != null && i < end; i++) {
            if (mask[i] == 0) {
                throw InvalidInputException.of("attention_mask[" + b + "][" + i + "] masks a token of the image "
                        + "opened at " + start);
            }
        }
    }
}
