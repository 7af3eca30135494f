package dev.posplan.multimodal.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.multimodal.TableBlock;
import org.junit.jupiter.api.Test;

class TableInstructTest {

    private static final TableInstruct.Example EXAMPLE =
            new TableInstruct.Example("Answer.", "Who?", "[TAB] | a | b | [SEP] | 1 | 2 |", "a");

    @Test
    void questionPrecedesTheTable() {
        TableInstruct.Split s = TableInstruct.split(TableInstruct.prompt(EXAMPLE));
        assertTrue(s.beforeTable().endsWith("### Question:\nWho?\n\n### Input:\n[TAB] "), s.beforeTable());
        assertEquals("| a | b | [SEP] | 1 | 2 |", s.table());
        assertEquals("\n\n### Response:", s.afterTable());
    }

    @Test
    void trainingEncodingAppendsTargetAndEosAndLabelsOnlyThem() {
        WordLevelTokenizer tok = new WordLevelTokenizer();
        TableInstruct.Encoded e = TableInstruct.encode(EXAMPLE, tok, TableSeparators.MINICPM, true);
        int[] ids = e.inputIds();
        assertEquals(1, ids[0]);
        assertEquals(2, ids[ids.length - 1]);
        assertEquals(ids.length, e.prefixTokens() + e.table().tokens() + e.suffixTokens());
        // "\n \n ### Response:a" + EOS
        assertEquals(5, e.suffixTokens());
        int[] labels = e.labels();
        for (int i = 0; i < ids.length - 2; i++) {
            assertEquals(-100, labels[i], "label " + i);
        }
        assertEquals(ids[ids.length - 2], labels[ids.length - 2]);
        assertEquals(4, e.substart().length);
        assertArrayEquals(java.util.Arrays.copyOfRange(ids, e.prefixTokens() + e.table().tokens(),
                e.prefixTokens() + e.table().tokens() + 4), e.subend());
    }

    @Test
    void inferenceEncodingStopsAfterTheResponseHeader() {
        TableInstruct.Encoded e = TableInstruct.encode(EXAMPLE, new WordLevelTokenizer(), TableSeparators.MINICPM,
                false);
        assertNull(e.labels());
        assertEquals(4, e.suffixTokens());
        assertEquals(3, e.sequence().segments().size());
        assertSame(e.table(), ((TableBlock) e.sequence().segments().get(1)).grid());
    }

    @Test
    void promptsWithoutExactlyOneTableAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> TableInstruct.split(TableInstruct.prompt(
                new TableInstruct.Example("i", "q", "| a |", "o"))));
        assertThrows(IllegalArgumentException.class, () -> TableInstruct.split(TableInstruct.prompt(
                new TableInstruct.Example("i", "q", "[TAB] | a | [TAB] | b |", "o"))));
        assertThrows(IllegalArgumentException.class, () -> TableInstruct.split(TableInstruct.prompt(
                new TableInstruct.Example("i\n\n### Response: x", "q", "[TAB] | a |", "o"))));
    }

    @Test
    void nonRectangularTablesAreRejected() {
        assertThrows(NonRectangularTableException.class, () -> TableInstruct.encode(
                new TableInstruct.Example("i", "q", "[TAB] | a | b | [SEP] | 1 |", "o"), new WordLevelTokenizer(),
                TableSeparators.MINICPM, true));
    }

    @Test
    void wordLevelTokenizerCountsNewlinesAndNumbersWordsInFirstSeenOrder() {
        WordLevelTokenizer tok = new WordLevelTokenizer();
        assertArrayEquals(new int[] {100000, 100001, 100001, 100002, 100000}, tok.encode(" a\n\nb  a"));
        assertArrayEquals(new int[] {100002}, tok.encode("b"));
        assertArrayEquals(new int[0], tok.encode(" \t "));
    }
}
