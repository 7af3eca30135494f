package dev.posplan.planners.design;

import dev.posplan.multimodal.TokenStream;
import dev.posplan.planners.PositionPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** The position half of a scheme: the position of every token on each axis. */
@FunctionalInterface
public interface PositionDesign {

    PositionPlan plan(TokenStream stream);

    /**
     * Positions of the rows of one batch (already padded to one length), in row order. The default plans
     * each row on its own; designs whose references decide something once per batch override it: the
     * tensor dtype ({@link QwenWalker}) or a random draw that continues from row to row
     * ({@link BlockPlacement#forBatch}).
     */
    default List<PositionPlan> planBatch(List<TokenStream> rows) {
        return rowByRow(rows, this);
    }

    /** Each row planned on its own, in row order: the batch rule of every design without a per-batch choice. */
    static List<PositionPlan> rowByRow(List<TokenStream> rows, PositionDesign design) {
        List<PositionPlan> out = new ArrayList<>(rows.size());
        for (TokenStream row : rows) {
            out.add(design.plan(row));
        }
        return out;
    }

    /** This design with {@code after} applied to each plan (a decode rule, a delta base, …), batches included. */
    default PositionDesign andThen(UnaryOperator<PositionPlan> after) {
        PositionDesign inner = this;
        return new PositionDesign() {
            @Override
            public PositionPlan plan(TokenStream stream) {
                return after.apply(inner.plan(stream));
            }

            @Override
            public List<PositionPlan> planBatch(List<TokenStream> rows) {
                return inner.planBatch(rows).stream().map(after).toList();
            }
        };
    }
}
