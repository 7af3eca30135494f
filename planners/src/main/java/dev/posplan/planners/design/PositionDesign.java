package dev.posplan.planners.design;

import dev.posplan.multimodal.TokenStream;
import dev.posplan.planners.OnDemand;
import dev.posplan.planners.PlanShape;
import dev.posplan.planners.PositionBlocks;
import dev.posplan.planners.PositionBuffer;
import dev.posplan.planners.PositionPlan;
import dev.posplan.planners.RowFacts;
import dev.posplan.planners.WindowCopy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
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

    /** How this design plans slices and whether it has blocks; the default plans the whole row and copies. */
    default OnDemand onDemand() {
        return OnDemand.planAndSlice("positions are planned for the whole row, then the window is copied");
    }

    /**
     * Writes the row slots {@code out} holds (its window, possibly the whole row) into the caller's buffer:
     * equal to the same slots of {@link #plan}. See {@link #onDemand()} for what it costs.
     */
    default RowFacts planInto(TokenStream stream, PositionBuffer out) {
        return WindowCopy.copy(plan(stream), out);
    }

    /** {@link #planInto} for the rows of one batch, {@code outs.get(b)} for row {@code b}: equal to {@link #planBatch}. */
    default List<RowFacts> planBatchInto(List<TokenStream> rows, List<PositionBuffer> outs) {
        WindowCopy.checkRows(rows, outs);
        return WindowCopy.copy(planBatch(rows), outs);
    }

    /**
     * The row as runs and per-axis tables, equal to {@link #plan} once expanded.
     *
     * @throws UnsupportedOperationException unless {@link #onDemand()} declares blocks
     */
    default PositionBlocks planBlocks(TokenStream stream) {
        throw new UnsupportedOperationException("positions are not sums of per-axis tables: "
                + onDemand().note());
    }

    /**
     * The rows of one batch (already padded to one length) as blocks, in row order: equal to
     * {@link #planBatch} once expanded, the row facts included. The default plans each row's blocks alone.
     */
    default List<PositionBlocks> planBatchBlocks(List<TokenStream> rows) {
        return rows.stream().map(this::planBlocks).toList();
    }

    /**
     * The axes and dtype {@link #planBatch} gives these rows, known without planning them; empty where only
     * planning tells (designs that plan the whole row and copy the window).
     */
    default Optional<PlanShape> shape(List<TokenStream> rows) {
        return Optional.empty();
    }

    /** This design with {@code after} applied to each row's facts (a delta base, a decode rule), batches included. */
    default PositionDesign andThen(UnaryOperator<RowFacts> after) {
        return andThen((facts, last) -> after.apply(facts));
    }

    /**
     * This design with {@code after} applied to each row's facts, given the row's last slot (read only when a
     * rule needs it: a window that does not hold it plans it alone), in every form a row is planned: dense,
     * into a caller's window, as blocks.
     */
    default PositionDesign andThen(BiFunction<RowFacts, RowFacts.LastSlot, RowFacts> after) {
        PositionDesign inner = this;
        // after changes what follows the positions, never the positions
        return new Delegating(inner) {
            @Override
            public PositionPlan plan(TokenStream stream) {
                return follow(inner.plan(stream));
            }

            @Override
            public List<PositionPlan> planBatch(List<TokenStream> rows) {
                return inner.planBatch(rows).stream().map(this::follow).toList();
            }

            private PositionPlan follow(PositionPlan p) {
                return p.withFacts(after.apply(p.facts(), p.lastSlot()));
            }

            @Override
            public RowFacts planInto(TokenStream stream, PositionBuffer out) {
                RowFacts facts = inner.planInto(stream, out);
                return after.apply(facts, new LastSlots(inner, List.of(stream), List.of(out), List.of(facts)).row(0));
            }

            @Override
            public List<RowFacts> planBatchInto(List<TokenStream> rows, List<PositionBuffer> outs) {
                List<RowFacts> facts = inner.planBatchInto(rows, outs);
                LastSlots last = new LastSlots(inner, rows, outs, facts);
                List<RowFacts> out = new ArrayList<>(facts.size());
                for (int b = 0; b < facts.size(); b++) {
                    out.add(after.apply(facts.get(b), last.row(b)));
                }
                return out;
            }

            @Override
            public PositionBlocks planBlocks(TokenStream stream) {
                return follow(inner.planBlocks(stream));
            }

            @Override
            public List<PositionBlocks> planBatchBlocks(List<TokenStream> rows) {
                return inner.planBatchBlocks(rows).stream().map(this::follow).toList();
            }

            private PositionBlocks follow(PositionBlocks b) {
                return b.withFacts(after.apply(b.facts(), b.lastSlot()));
            }
        };
    }

    /** This design, but every stream (every row of a batch) passes {@code check} first. */
    default PositionDesign checking(Consumer<TokenStream> check) {
        PositionDesign inner = this;
        return new Delegating(inner) {
            @Override
            public PositionPlan plan(TokenStream stream) {
                check.accept(stream);
                return inner.plan(stream);
            }

            @Override
            public List<PositionPlan> planBatch(List<TokenStream> rows) {
                rows.forEach(check);
                return inner.planBatch(rows);
            }

            @Override
            public RowFacts planInto(TokenStream stream, PositionBuffer out) {
                check.accept(stream);
                return inner.planInto(stream, out);
            }

            @Override
            public List<RowFacts> planBatchInto(List<TokenStream> rows, List<PositionBuffer> outs) {
                rows.forEach(check);
                return inner.planBatchInto(rows, outs);
            }

            @Override
            public PositionBlocks planBlocks(TokenStream stream) {
                check.accept(stream);
                return inner.planBlocks(stream);
            }

            @Override
            public List<PositionBlocks> planBatchBlocks(List<TokenStream> rows) {
                rows.forEach(check);
                return inner.planBatchBlocks(rows);
            }
        };
    }

    /** A design whose positions are another's: the on-demand answers go to it. */
    abstract class Delegating implements PositionDesign {
        private final PositionDesign inner;

        Delegating(PositionDesign inner) {
            this.inner = inner;
        }

        @Override
        public OnDemand onDemand() {
            return inner.onDemand();
        }

        @Override
        public RowFacts planInto(TokenStream stream, PositionBuffer out) {
            return inner.planInto(stream, out);
        }

        @Override
        public List<RowFacts> planBatchInto(List<TokenStream> rows, List<PositionBuffer> outs) {
            return inner.planBatchInto(rows, outs);
        }

        @Override
        public PositionBlocks planBlocks(TokenStream stream) {
            return inner.planBlocks(stream);
        }

        @Override
        public List<PositionBlocks> planBatchBlocks(List<TokenStream> rows) {
            return inner.planBatchBlocks(rows);
        }

        @Override
        public Optional<PlanShape> shape(List<TokenStream> rows) {
            return inner.shape(rows);
        }
    }
}
