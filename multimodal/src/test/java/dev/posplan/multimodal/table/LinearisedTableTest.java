package dev.posplan.multimodal.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LinearisedTableTest {

    @Test
    void turlFormWithRowLabels() {
        assertEquals(Table.ofText(List.of(List.of("film title", "year"), List.of("the big sleep", "1946"),
                        List.of("vertigo", "1958"))),
                LinearisedTable.parse("col: | film title | year | row 1: | the big sleep | 1946 | [SEP] row 2: "
                        + "| vertigo | 1958 | [SEP]"));
    }

    @Test
    void colHeaderWithoutRowLabels() {
        assertEquals(Table.ofText(List.of(List.of("k", "v"), List.of("b", "None"))),
                LinearisedTable.parse("col: | k | v | [SEP] | b | |"));
    }

    @Test
    void plainRowsFirstIsHeader() {
        assertEquals(Table.ofText(List.of(List.of("a", "b"), List.of("1", "2"))),
                LinearisedTable.parse("| a | b | [SEP] | 1 | 2 |"));
        // a header not ending with '|' gets one appended before splitting, as in the reference
        assertEquals(Table.ofText(List.of(List.of("x"))), LinearisedTable.parse("x"));
    }

    @Test
    void nonRectangularTextIsRejectedNamingTheRow() {
        NonRectangularTableException e = assertThrows(NonRectangularTableException.class,
                () -> LinearisedTable.parse("| a | b | [SEP] | 1 | 2 | 3 |"));
        assertEquals(1, e.row());
    }

    @Test
    void turlFormNeedsTheSpaceBeforeRowOne() {
        assertThrows(IllegalArgumentException.class, () -> LinearisedTable.parse("col: | a |row 1: | b |"));
    }

    @Test
    void pythonStringSemantics() {
        assertEquals(List.of("", "a", "", "b", ""), PyStrings.split("|a||b|", "|"));
        assertEquals(List.of("a", "b|c"), PyStrings.split("a|b|c", "|", 1));
        assertEquals("| x", PyStrings.strip("col: | x", "col: "));
        assertEquals("x", PyStrings.strip("\u00a0\t x \n"));
    }
}
