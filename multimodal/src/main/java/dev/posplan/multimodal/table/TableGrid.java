package dev.posplan.multimodal.table;

import dev.posplan.multimodal.InvalidInputException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A table serialised as the reference's token grid (table-camera.md §1.1, {@code encode_and_insert_separators}):
 * for table row k two grid rows of {@code 2C+1} items,
 * <pre>
 *   content row:   cell(k,0) '|' cell(k,1) '|' … cell(k,C-1) '|' &lt;SEP&gt;
 *   separator row: s '|' s '|' … s '|' &lt;SEP&gt;        s = '-' (k &lt; R-1) or &lt;CLS&gt; (last row)
 * </pre>
 * so the grid is {@code 2R × (2C+1)}. A cell item has the cell's tokens (each cell tokenised on its
 * own); every other item is one separator token. Tokens follow in row-major order (grid rows, items,
 * tokens). Stored as item offsets: one int per item, no per-token objects. A
 * {@link dev.posplan.multimodal.TokenStream} holds it as a {@link dev.posplan.multimodal.TableBlock}.
 */
public final class TableGrid {

    /** What an item of the grid is. */
    public enum ItemKind {
        CELL,
        /** {@code '▁|'} after a cell or a row separator. */
        COLUMN_SEPARATOR,
        /** {@code <SEP>}, the last item of every grid row. */
        ROW_END,
        /** {@code '-'} in the separator row under a table row that is not the last. */
        ROW_SEPARATOR,
        /** {@code <CLS>} in the separator row under the last table row. */
        LAST_ROW_SEPARATOR
    }

    private final int gridRows;
    private final int gridColumns;
    private final int[] itemStart;
    private final int[] ids;

    private TableGrid(int gridRows, int gridColumns, int[] itemStart, int[] ids) {
        this.gridRows = gridRows;
        this.gridColumns = gridColumns;
        this.itemStart = itemStart;
        this.ids = ids;
    }

    /**
     * Serialises a table. Text cells are encoded one by one in row-major order (the reference's call
     * order); the grid has ids only when every cell is text.
     *
     * @param tokenizer may be null when every cell is given as a token count
     */
    public static TableGrid serialise(Table table, Tokenizer tokenizer, TableSeparators separators) {
        Objects.requireNonNull(separators, "separators");
        int r2 = 2 * table.rows();
        int w = 2 * table.columns() + 1;
        int[][] cellIds = new int[table.rows() * table.columns()][];
        int[] itemStart = new int[r2 * w + 1];
        boolean allText = true;
        long total = 0;
        int k = 0;
        for (int gi = 0; gi < r2; gi++) {
            for (int gj = 0; gj < w; gj++) {
                int n = 1;
                if (kind(gi, gj, r2, w) == ItemKind.CELL) {
                    int cell = gi / 2 * table.columns() + gj / 2;
                    TableCell c = table.cell(gi / 2, gj / 2);
                    if (c instanceof TableCell.Text t) {
                        if (tokenizer == null) {
                            throw InvalidInputException.of("cell (" + gi / 2 + ", " + gj / 2
                                    + ") is text: serialising it needs a tokenizer");
                        }
                        cellIds[cell] = tokenizer.encode(t.text());
                        n = cellIds[cell].length;
                    } else {
                        allText = false;
                        n = ((TableCell.Tokens) c).count();
                    }
                }
                total += n;
                if (total > Integer.MAX_VALUE / 8) {
                    throw InvalidInputException.of("table has too many tokens (" + total + ")");
                }
                itemStart[++k] = (int) total;
            }
        }
        return new TableGrid(r2, w, itemStart, allText ? ids(table, cellIds, itemStart, separators, r2, w) : null);
    }

    private static int[] ids(Table table, int[][] cellIds, int[] itemStart, TableSeparators s, int r2, int w) {
        int[] out = new int[itemStart[itemStart.length - 1]];
        for (int gi = 0; gi < r2; gi++) {
            for (int gj = 0; gj < w; gj++) {
                int at = itemStart[gi * w + gj];
                switch (kind(gi, gj, r2, w)) {
                    case CELL -> {
                        int[] c = cellIds[gi / 2 * table.columns() + gj / 2];
                        System.arraycopy(c, 0, out, at, c.length);
                    }
                    case COLUMN_SEPARATOR -> out[at] = s.column();
                    case ROW_END -> out[at] = s.rowEnd();
                    case ROW_SEPARATOR -> out[at] = s.row();
                    case LAST_ROW_SEPARATOR -> out[at] = s.lastRow();
                }
            }
        }
        return out;
    }

    private static ItemKind kind(int gi, int gj, int r2, int w) {
        if (gj == w - 1) {
            return ItemKind.ROW_END;
        }
        if (gj % 2 == 1) {
            return ItemKind.COLUMN_SEPARATOR;
        }
        if (gi % 2 == 0) {
            return ItemKind.CELL;
        }
        return gi == r2 - 1 ? ItemKind.LAST_ROW_SEPARATOR : ItemKind.ROW_SEPARATOR;
    }

    /** Grid rows, 2R. */
    public int gridRows() {
        return gridRows;
    }

    /** Items per grid row, 2C+1. */
    public int gridColumns() {
        return gridColumns;
    }

    /** Table tokens T. */
    public int tokens() {
        return itemStart[itemStart.length - 1];
    }

    public ItemKind kind(int gridRow, int gridColumn) {
        checkItem(gridRow, gridColumn);
        return kind(gridRow, gridColumn, gridRows, gridColumns);
    }

    /** Tokens of one item (1 for separators). */
    public int itemTokens(int gridRow, int gridColumn) {
        checkItem(gridRow, gridColumn);
        int k = gridRow * gridColumns + gridColumn;
        return itemStart[k + 1] - itemStart[k];
    }

    /** Offset of the item's first token from the table's first token (row-major order). */
    public int itemOffset(int gridRow, int gridColumn) {
        checkItem(gridRow, gridColumn);
        return itemStart[gridRow * gridColumns + gridColumn];
    }

    /** Whether token ids are known (every cell was text). */
    public boolean hasIds() {
        return ids != null;
    }

    /** The grid's token ids in row-major order. */
    public int[] ids() {
        requireIds();
        return ids.clone();
    }

    /** Ids of one item. */
    public int[] itemIds(int gridRow, int gridColumn) {
        requireIds();
        int from = itemOffset(gridRow, gridColumn);
        return Arrays.copyOfRange(ids, from, from + itemTokens(gridRow, gridColumn));
    }

    private void requireIds() {
        if (ids == null) {
            throw new IllegalStateException("token ids unknown: some cells were given as token counts");
        }
    }

    private void checkItem(int gridRow, int gridColumn) {
        Objects.checkIndex(gridRow, gridRows);
        Objects.checkIndex(gridColumn, gridColumns);
    }

    @Override
    public String toString() {
        return "TableGrid[" + gridRows + "x" + gridColumns + ", " + tokens() + " tokens]";
    }
}
