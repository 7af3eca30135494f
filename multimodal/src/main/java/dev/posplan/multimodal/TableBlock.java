package dev.posplan.multimodal;

import dev.posplan.multimodal.table.TableGrid;
import java.util.Objects;

/**
 * One table serialised as a token grid (table-camera.md §1.1): {@code grid.tokens()} tokens in the grid's
 * row-major order. Only a table scheme ({@code tpe2d}) can position it; every other planner rejects a
 * stream that holds one. A wrapper rather than {@link TableGrid} itself because the sealed
 * {@link Segment} may only permit classes of its own package.
 *
 * @param grid the serialised table (its cells' token counts, and ids when known)
 */
public record TableBlock(TableGrid grid) implements Segment {

    public TableBlock {
        Objects.requireNonNull(grid, "grid");
    }

    @Override
    public int tokens() {
        return grid.tokens();
    }
}
