package dev.posplan.planners;

import dev.posplan.multimodal.Grid;
import java.util.List;
import java.util.Objects;

/**
 * A row's integral positions as its runs instead of per-token values, exactly reconstructible
 * ({@code layout: blocks} of the HTTP API, one record per wire object): a {@link Run} of {@code length}
 * slots gets {@code base[a] + i * step[a]} on axis {@code a} (text advances by 1, padding by 0), and cell
 * {@code (ti, hi, wi)} of a {@link Block} gets {@code t[a][ti] + h[a][hi] + w[a][wi]}. A one-hour video is
 * a few thousand numbers instead of millions. Parts are in slot order and cover the row without gaps.
 *
 * @param axisNames names of the position axes
 * @param facts     the row's length, M and decode state, as its dense plan has them
 * @param parts     runs and blocks in slot order
 */
public record PositionBlocks(List<String> axisNames, RowFacts facts, List<Part> parts) {

    public PositionBlocks {
        axisNames = List.copyOf(axisNames);
        parts = List.copyOf(parts);
        int length = facts.length();
        if (facts.axes() != axisNames.size()) {
            throw new IllegalArgumentException("facts of " + facts.axes() + " axes for " + axisNames);
        }
        int next = 0;
        for (Part p : parts) {
            if (p.start() != next || p.axes() != axisNames.size()) {
                throw new IllegalArgumentException("part at slot " + p.start() + " does not continue the row at "
                        + next + " with " + axisNames.size() + " axes");
            }
            next += p.length();
        }
        if (next != length) {
            throw new IllegalArgumentException("parts cover " + next + " of " + length + " slots");
        }
    }

    /** Slots in the row, padding included. */
    public int length() {
        return facts.length();
    }

    /** The scheme's M over the whole row, as its plan has it. */
    public double maxPosition() {
        return facts.maxPosition();
    }

    /** The same parts with other facts: another decode rule or delta base. */
    public PositionBlocks withFacts(RowFacts facts) {
        return new PositionBlocks(axisNames, facts, parts);
    }

    /** The value of the row's last slot on each axis, from its last part. */
    public RowFacts.LastSlot lastSlot() {
        return axis -> {
            Part last = parts.get(parts.size() - 1);
            return last instanceof Run r ? r.base[axis] + (r.length() - 1) * r.step[axis] : ((Block) last).last(axis);
        };
    }

    /** A text run, a padding run or a visual block. */
    public sealed interface Part permits Run, Block {
        int start();

        int length();

        int axes();
    }

    /** {@code length} slots from {@code start}; slot {@code start + i} gets {@code base[a] + i * step[a]}. */
    public record Run(int start, int length, long[] base, long[] step) implements Part {
        public Run {
            if (base.length != step.length) {
                throw new IllegalArgumentException("base and step need one value per axis");
            }
            base = base.clone();
            step = step.clone();
        }

        @Override
        public int axes() {
            return base.length;
        }

        @Override
        public long[] base() {
            return base.clone();
        }

        @Override
        public long[] step() {
            return step.clone();
        }
    }

    /**
     * A visual block of {@code grid.tokens()} slots from {@code start}, in (t, h, w) raster order; on axis
     * {@code a} cell {@code (ti, hi, wi)} gets {@code t[a][ti] + h[a][hi] + w[a][wi]}. A class rather than a
     * record so that the planner can hand over its tables without a copy; callers get copies.
     */
    public static final class Block implements Part {
        private final int start;
        private final Grid grid;
        private final long[][] t;
        private final long[][] h;
        private final long[][] w;

        /** A block with copies of the given tables, one per axis. */
        public Block(int start, Grid grid, long[][] t, long[][] h, long[][] w) {
            this(start, grid, deepCopy(t), deepCopy(h), deepCopy(w), true);
        }

        /** Takes the tables as they are: the recorder's, which nobody else holds. */
        Block(int start, Grid grid, long[][] t, long[][] h, long[][] w, boolean owned) {
            Objects.requireNonNull(grid, "grid");
            if (t.length != h.length || t.length != w.length) {
                throw new IllegalArgumentException("t, h and w need one table per axis");
            }
            for (int a = 0; a < t.length; a++) {
                if (t[a].length != grid.t() || h[a].length != grid.h() || w[a].length != grid.w()) {
                    throw new IllegalArgumentException("tables of axis " + a + " do not match the grid " + grid);
                }
            }
            this.start = start;
            this.grid = grid;
            this.t = t;
            this.h = h;
            this.w = w;
        }

        @Override
        public int start() {
            return start;
        }

        public Grid grid() {
            return grid;
        }

        @Override
        public int length() {
            return grid.tokens();
        }

        @Override
        public int axes() {
            return t.length;
        }

        /** {@code t[a][ti]}: the temporal table of each axis (a copy). */
        public long[][] t() {
            return deepCopy(t);
        }

        /** {@code h[a][hi]}: the row table of each axis (a copy). */
        public long[][] h() {
            return deepCopy(h);
        }

        /** {@code w[a][wi]}: the column table of each axis (a copy). */
        public long[][] w() {
            return deepCopy(w);
        }

        /** The value of the block's last cell on {@code axis}. */
        long last(int axis) {
            return t[axis][t[axis].length - 1] + h[axis][h[axis].length - 1] + w[axis][w[axis].length - 1];
        }

        private static long[][] deepCopy(long[][] tables) {
            long[][] out = new long[tables.length][];
            for (int a = 0; a < tables.length; a++) {
                out[a] = tables[a].clone();
            }
            return out;
        }
    }

    /** The dense {@code [axes * length]} values, axis-major: the expander. */
    public long[] expand() {
        int axes = axisNames.size();
        int length = length();
        long[] out = new long[Math.multiplyExact(axes, length)];
        for (Part p : parts) {
            for (int a = 0; a < axes; a++) {
                int at = a * length + p.start();
                if (p instanceof Run r) {
                    for (int i = 0; i < r.length(); i++) {
                        out[at + i] = r.base[a] + i * r.step[a];
                    }
                } else if (p instanceof Block b) {
                    for (long tv : b.t[a]) {
                        for (long hv : b.h[a]) {
                            for (long wv : b.w[a]) {
                                out[at++] = tv + hv + wv;
                            }
                        }
                    }
                }
            }
        }
        return out;
    }
}
