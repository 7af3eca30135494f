package dev.posplan.multimodal.table;

import dev.posplan.multimodal.InvalidInputException;

/**
 * A table whose rows do not all have as many cells as row 0 (the header). 2D-TPE's grid needs a
 * rectangle; the reference drops such examples silently (table-camera.md §1.1), posplan rejects them.
 */
public final class NonRectangularTableException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final int row;
    private final int cells;
    private final int expected;

    public NonRectangularTableException(int row, int cells, int expected) {
        super(null, "table row " + row + " has " + cells + " cell" + (cells == 1 ? "" : "s") + " but row 0 (the header) has "
                + expected + ": a 2D-TPE table must be rectangular");
        this.row = row;
        this.cells = cells;
        this.expected = expected;
    }

    /** Index of the first row whose length differs from row 0 (0 = header). */
    public int row() {
        return row;
    }

    /** Cells in that row. */
    public int cells() {
        return cells;
    }

    /** Cells in row 0. */
    public int expected() {
        return expected;
    }
}
