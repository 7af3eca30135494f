package dev.posplan.multimodal.table;

import dev.posplan.multimodal.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A rectangular table: {@code rows() × columns()} cells, row 0 being the header (table-camera.md §1.1).
 * Immutable. At least one row is required; rows may have no cells (the grid is then only the
 * {@code <SEP>} column, as in the reference).
 */
public final class Table {

    private final List<List<TableCell>> rows;
    private final int columns;

    private Table(List<List<TableCell>> rows) {
        if (rows.isEmpty()) {
            // the reference has no grid width for an empty table and drops the example
            throw InvalidInputException.of("a table needs at least one row (the header), got none");
        }
        int expected = rows.get(0).size();
        List<List<TableCell>> copy = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            List<TableCell> row = List.copyOf(Objects.requireNonNull(rows.get(r), "row " + r));
            if (row.size() != expected) {
                throw new NonRectangularTableException(r, row.size(), expected);
            }
            copy.add(row);
        }
        this.rows = List.copyOf(copy);
        this.columns = expected;
    }

    /**
     * A table from its rows.
     *
     * @throws NonRectangularTableException naming the first row whose length differs from row 0
     * @throws IllegalArgumentException     when there are no rows
     */
    public static Table of(List<? extends List<? extends TableCell>> rows) {
        List<List<TableCell>> copy = new ArrayList<>(rows.size());
        for (List<? extends TableCell> row : rows) {
            copy.add(row == null ? null : List.copyOf(row));
        }
        return new Table(copy);
    }

    /** A table of text cells. */
    public static Table ofText(List<? extends List<String>> rows) {
        List<List<TableCell>> cells = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            cells.add(row.stream().<TableCell>map(TableCell.Text::new).toList());
        }
        return new Table(cells);
    }

    /** A table of cells given as token counts, {@code counts[row][column]}. */
    public static Table ofCounts(int[][] counts) {
        List<List<TableCell>> cells = new ArrayList<>(counts.length);
        for (int[] row : counts) {
            List<TableCell> r = new ArrayList<>(row.length);
            for (int n : row) {
                r.add(new TableCell.Tokens(n));
            }
            cells.add(r);
        }
        return new Table(cells);
    }

    /** Number of rows R (header included). */
    public int rows() {
        return rows.size();
    }

    /** Number of columns C. */
    public int columns() {
        return columns;
    }

    public TableCell cell(int row, int column) {
        return rows.get(row).get(column);
    }

    /** The rows, row 0 first (unmodifiable). */
    public List<List<TableCell>> cells() {
        return rows;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Table t && rows.equals(t.rows);
    }

    @Override
    public int hashCode() {
        return rows.hashCode();
    }

    @Override
    public String toString() {
        return "Table[" + rows() + "x" + columns + ", " + rows + "]";
    }
}
