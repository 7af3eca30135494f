package dev.posplan.multimodal.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.multimodal.table.TableGrid.ItemKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableGridTest {

    private static final TableSeparators S = TableSeparators.MINICPM;

    @Test
    void textTableSerialisesWithSeparatorsLikeTheReference() {
        WordLevelTokenizer tok = new WordLevelTokenizer();
        TableGrid g = TableGrid.serialise(Table.ofText(List.of(List.of("h1", "h2 x"), List.of("a", "b"))), tok, S);
        assertEquals(4, g.gridRows());
        assertEquals(5, g.gridColumns());
        // cells are encoded row-major, so h1 h2 x a b get 100000..100004
        assertArrayEquals(new int[] {
            100000, 1425, 100001, 100002, 1425, 3,
            48017, 1425, 48017, 1425, 3,
            100003, 1425, 100004, 1425, 3,
            4, 1425, 4, 1425, 3}, g.ids());
        assertArrayEquals(new int[] {100001, 100002}, g.itemIds(0, 2));
        assertEquals(2, g.itemTokens(0, 2));
        assertEquals(2, g.itemOffset(0, 2));
        assertEquals(21, g.tokens());
    }

    @Test
    void itemKinds() {
        TableGrid g = TableGrid.serialise(Table.ofCounts(new int[][] {{1, 1}, {1, 1}}), null, S);
        assertEquals(ItemKind.CELL, g.kind(2, 2));
        assertEquals(ItemKind.COLUMN_SEPARATOR, g.kind(1, 3));
        assertEquals(ItemKind.ROW_END, g.kind(0, 4));
        assertEquals(ItemKind.ROW_SEPARATOR, g.kind(1, 0));
        assertEquals(ItemKind.LAST_ROW_SEPARATOR, g.kind(3, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> g.kind(4, 0));
    }

    @Test
    void cellsGivenAsTokenCountsNeedNoTokenizerAndHaveNoIds() {
        TableGrid g = TableGrid.serialise(Table.ofCounts(new int[][] {{1, 1, 2}, {2, 1, 0}}), null, S);
        assertEquals(4, g.gridRows());
        assertEquals(7, g.gridColumns());
        // 7 cell tokens, 4 separators in each content row, 7 tokens in each separator row
        assertEquals(7 + 2 * 4 + 2 * 7, g.tokens());
        assertEquals(0, g.itemTokens(2, 4));
        assertEquals(2, g.itemTokens(2, 0));
        assertFalse(g.hasIds());
        assertThrows(IllegalStateException.class, g::ids);
    }

    @Test
    void textCellsNeedATokenizer() {
        Table t = Table.of(List.of(List.of(TableCell.tokens(1), TableCell.text("x"))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TableGrid.serialise(t, null, S));
        assertTrue(e.getMessage().contains("cell (0, 1)"), e.getMessage());
    }

    @Test
    void mixedCellsGiveTokenCountsOnly() {
        Table t = Table.of(List.of(List.of(TableCell.tokens(2), TableCell.text("x y z"))));
        TableGrid g = TableGrid.serialise(t, new WordLevelTokenizer(), S);
        assertEquals(3, g.itemTokens(0, 2));
        assertFalse(g.hasIds());
    }

    @Test
    void rowsWithoutCellsGiveOnlyTheRowEndColumn() {
        TableGrid g = TableGrid.serialise(Table.ofCounts(new int[][] {{}}), null, S);
        assertEquals(2, g.gridRows());
        assertEquals(1, g.gridColumns());
        assertEquals(ItemKind.ROW_END, g.kind(1, 0));
        assertEquals(2, g.tokens());
    }
}
