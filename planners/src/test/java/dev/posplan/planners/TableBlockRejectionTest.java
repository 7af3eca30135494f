package dev.posplan.planners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.posplan.planners.design.QwenWalker;

import dev.posplan.multimodal.TokenStream;
import dev.posplan.multimodal.table.Table;
import dev.posplan.multimodal.table.TableGrid;
import dev.posplan.multimodal.table.TableSeparators;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Only {@code tpe2d} positions tables: every other scheme rejects a table block, naming itself and tpe2d. */
class TableBlockRejectionTest {

    private static final TableGrid GRID =
            TableGrid.serialise(Table.ofCounts(new int[][] {{1, 2}, {1, 1}}), null, TableSeparators.MINICPM);

    /** Text, a table and an image: the image keeps schemes that need one (v2pe) from failing for that reason. */
    private static final List<TokenStream> STREAMS = List.of(
            TokenStream.builder().text(4).table(GRID).text(3).build(),
            TokenStream.builder().text(4).image(1, 2, 2).text(2).table(GRID).text(3).build(),
            TokenStream.builder().padding(2).table(GRID).build());

    @Test
    void everySchemeButTpe2dRejectsATableBlock() {
        assertTrue(SchemeRegistry.contains("tpe2d"));   // the one exception below must still exist
        int checked = 0;
        for (SchemeDeclaration f : SchemeRegistry.all()) {
            if (f.name().equals("tpe2d")) {
                continue;   // plans tables: Tpe2dTest
            }
            Scheme scheme = SchemeRegistry.create(f.name());
            for (TokenStream stream : STREAMS) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> scheme.plan(stream),
                        f.name() + " planned " + stream);
                assertEquals("scheme '" + f.name() + "' cannot plan a table block; use scheme 'tpe2d' for tables",
                        e.getMessage());
                checked++;
            }
        }
        assertEquals(STREAMS.size() * (SchemeRegistry.all().size() - 1), checked);
    }

    @Test
    void theWalkerItselfRejectsATableBlock() {
        QwenWalker walker = new QwenWalker(List.of("p"), DType.INT32, (block, walk) -> fail("no visual block here"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> walker.plan(STREAMS.get(0)));
        assertTrue(e.getMessage().contains("table block") && e.getMessage().contains("'tpe2d'"), e.getMessage());
    }
}
