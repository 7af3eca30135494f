package dev.posplan.multimodal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.multimodal.table.Table;
import dev.posplan.multimodal.table.TableGrid;
import dev.posplan.multimodal.table.TableSeparators;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenStreamTest {

    /** 1x2 table with cells of 1 and 3 tokens: grid 2x5, 7 + 5 = 12 tokens. */
    private static final TableGrid GRID =
            TableGrid.serialise(Table.ofCounts(new int[][] {{1, 3}}), null, TableSeparators.MINICPM);

    @Test
    void aTableIsABlockOfTheStream() {
        TokenStream s = TokenStream.builder().padding(2).text(4).table(GRID).text(0).image(1, 2, 2).text(3).build();
        assertEquals(List.of(new PaddingRun(2), TextRun.text(4), new TableBlock(GRID), VisualBlock.image(new Grid(1, 2, 2)),
                TextRun.text(3)), s.segments());
        assertSame(GRID, ((TableBlock) s.segments().get(2)).grid());
        assertEquals(12, s.segments().get(2).tokens());
        assertEquals(2 + 4 + 12 + 4 + 3, s.length());
        assertEquals(4 + 12 + 4 + 3, s.unpaddedLength());
        assertEquals(1, s.tableBlockCount());
        assertTrue(s.hasTable());
        assertEquals(1, s.visualBlockCount());
        assertEquals("TokenStream[pad×2, text×4, table 2x5×12, image 1x2x2, text×3]", s.toString());
    }

    @Test
    void negativePaddingIsRejectedNotIgnored() {
        assertEquals(0, TokenStream.builder().padding(0).build().length());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TokenStream.builder().padding(-2));
        assertTrue(e.getMessage().contains("padding") && e.getMessage().contains("-2"), e.getMessage());
        List<PromptPart> parts = List.of(new PromptPart.Text(3));
        e = assertThrows(IllegalArgumentException.class, () -> QwenFormats.QWEN2_VL.expand(parts, -1));
        assertTrue(e.getMessage().contains("leftPadding"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BareFormat.BARE.expand(parts, -4));
        assertEquals(5, BareFormat.BARE.expand(parts, 2).length());
    }

    @Test
    void streamsWithoutTablesSaySo() {
        TokenStream s = TokenStream.builder().text(3).image(1, 2, 2).build();
        assertFalse(s.hasTable());
        assertEquals(0, s.tableBlockCount());
    }

    @Test
    void aTableBlockNeedsAGrid() {
        assertThrows(NullPointerException.class, () -> new TableBlock(null));
        assertThrows(NullPointerException.class, () -> TokenStream.builder().table(null));
    }
}
