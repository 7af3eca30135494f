package dev.posplan.planners;

import java.util.Locale;
import java.util.Objects;

/**
 * What a scheme can answer without materialising a whole row, as it declares it.
 *
 * @param slicing how token slots {@code [start, start + n)} of a row are planned
 * @param blocks  whether the scheme's rows have the compact form {@link PositionBlocks} (integral positions
 *                that are sums of per-axis tables)
 * @param note    why a scheme falls back or has no blocks (empty when it does both)
 */
public record OnDemand(Slicing slicing, boolean blocks, String note) {

    /** How a slice is planned. */
    public enum Slicing {
        /**
         * The walk visits every segment of the row (so draws and running values see everything before) but
         * writes only the slots in the window: cost proportional to the window plus the blocks' tables.
         */
        DIRECT,
        /** The whole row is planned and the window copied out. */
        PLAN_AND_SLICE,
        /** The encoding plans no position ids (a camera encoding: output tensors only), so there is no window. */
        NONE;

        /** The name {@code GET /v1/schemes} shows. */
        public String apiName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public OnDemand {
        Objects.requireNonNull(slicing, "slicing");
        Objects.requireNonNull(note, "note");
    }

    /** No position ids to slice or block; {@code why} says what the encoding plans instead. */
    public static OnDemand none(String why) {
        return new OnDemand(Slicing.NONE, false, why);
    }

    /** Plans the whole row and copies the window; no blocks. */
    public static OnDemand planAndSlice(String why) {
        return new OnDemand(Slicing.PLAN_AND_SLICE, false, why);
    }
}
