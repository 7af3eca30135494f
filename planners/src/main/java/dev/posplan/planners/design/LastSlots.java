package dev.posplan.planners.design;

import dev.posplan.multimodal.TokenStream;
import dev.posplan.planners.PositionBuffer;
import dev.posplan.planners.RowFacts;
import java.util.ArrayList;
import java.util.List;

/**
 * The last slot of each row of a batch written into windows, for a decode rule that continues from it: read
 * from a window that holds it, else the batch is planned once more into one-slot windows (only when a rule
 * asks, and then once for all rows, so per-batch draws see the same batch).
 */
final class LastSlots {

    private final PositionDesign design;
    private final List<TokenStream> rows;
    private final List<PositionBuffer> outs;
    private final List<RowFacts> facts;
    private List<PositionBuffer> planned;

    LastSlots(PositionDesign design, List<TokenStream> rows, List<PositionBuffer> outs, List<RowFacts> facts) {
        this.design = design;
        this.rows = rows;
        this.outs = outs;
        this.facts = facts;
    }

    RowFacts.LastSlot row(int b) {
        return axis -> {
            int last = facts.get(b).length() - 1;
            PositionBuffer out = outs.get(b);
            if (out.length() > 0 && out.from() + out.length() - 1 == last) {
                return out.get(axis, last);
            }
            return planned().get(b).get(axis, last);
        };
    }

    private List<PositionBuffer> planned() {
        if (planned == null) {
            List<PositionBuffer> ones = new ArrayList<>(rows.size());
            for (RowFacts f : facts) {
                ones.add(PositionBuffer.window(f.dtype(), f.axes(), f.length() - 1, 1));
            }
            design.planBatchInto(rows, ones);
            planned = ones;
        }
        return planned;
    }
}
