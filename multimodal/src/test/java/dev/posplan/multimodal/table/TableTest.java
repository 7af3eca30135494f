package dev.posplan.multimodal.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void nonRectangularTableIsRejectedNamingTheRow() {
        NonRectangularTableException e = assertThrows(NonRectangularTableException.class,
                () -> Table.ofText(List.of(List.of("a", "b"), List.of("1", "2"), List.of("x"))));
        assertEquals(2, e.row());
        assertEquals(1, e.cells());
        assertEquals(2, e.expected());
        assertEquals("table row 2 has 1 cell but row 0 (the header) has 2: a 2D-TPE table must be rectangular",
                e.getMessage());
    }

    @Test
    void theFirstOffendingRowIsNamed() {
        NonRectangularTableException e = assertThrows(NonRectangularTableException.class,
                () -> Table.ofCounts(new int[][] {{1, 1}, {1, 1, 1}, {1}}));
        assertEquals(1, e.row());
        assertTrue(e.getMessage().contains("table row 1 has 3 cells"), e.getMessage());
    }

    @Test
    void emptyTableIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Table.of(List.of()));
        assertTrue(e.getMessage().contains("at least one row"), e.getMessage());
    }

    @Test
    void rowsWithoutCellsAreARectangleOfWidthZero() {
        Table t = Table.ofCounts(new int[][] {{}, {}});
        assertEquals(2, t.rows());
        assertEquals(0, t.columns());
    }

    @Test
    void cellsMayBeTextOrTokenCounts() {
        Table t = Table.of(List.of(List.of(TableCell.text("a b"), TableCell.tokens(3))));
        assertEquals(new TableCell.Text("a b"), t.cell(0, 0));
        assertEquals(new TableCell.Tokens(3), t.cell(0, 1));
        assertThrows(IllegalArgumentException.class, () -> TableCell.tokens(-1));
    }

    @Test
    void tablesAreImmutableValues() {
        List<List<String>> rows = List.of(List.of("a"), List.of("b"));
        assertEquals(Table.ofText(rows), Table.ofText(rows));
        assertThrows(UnsupportedOperationException.class, () -> Table.ofText(rows).cells().get(0).clear());
    }
}
