package dev.posplan.multimodal.table;

/**
 * The single-token separators {@code encode_and_insert_separators} puts into the grid
 * (table-camera.md §1.1). The reference hard-codes the MiniCPM ids ({@link #MINICPM}); a model with
 * another vocabulary needs its own.
 *
 * @param column        after every cell and every row separator ({@code '▁|'})
 * @param row           the separator row under every table row but the last ({@code '-'})
 * @param rowEnd        the last item of every grid row ({@code <SEP>})
 * @param lastRow       the separator row under the last table row ({@code <CLS>})
 */
public record TableSeparators(int column, int row, int rowEnd, int lastRow) {

    /** The ids hard-coded by zyx-hfut/2D-TPE: {@code '▁|'} 1425, {@code '-'} 48017, {@code <SEP>} 3, {@code <CLS>} 4. */
    public static final TableSeparators MINICPM = new TableSeparators(1425, 48017, 3, 4);
}
