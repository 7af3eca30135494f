package dev.posplan.planners;

import dev.posplan.multimodal.Grid;
import java.util.ArrayList;
import java.util.List;

/**
 * A position buffer that keeps a row's runs and grid tables instead of its values ({@link PositionBlocks}).
 * The walker hands it text and padding as {@link #rampAll}/{@link #fillAll}, and {@link dev.posplan.planners.design.GridFill#axis}
 * hands it each axis of a visual block as a per-slice table plus row and column steps, which is exactly a
 * sum of per-axis tables. Layouts that write any other way ({@link #set}, single-axis fills) have no such
 * form; schemes using them do not declare blocks ({@link OnDemand#blocks()}), so reaching one here is a bug.
 * Values are integral and checked like an int32 plan's, so blocks fail exactly when the dense plan does.
 */
public final class BlockRecorder extends PositionBuffer {

    private final List<PositionBlocks.Part> parts = new ArrayList<>();
    private Pending pending;

    public BlockRecorder(int axes, int length) {
        super(axes, 0, length, 0, length);
    }

    @Override
    public DType dtype() {
        return DType.INT32;
    }

    @Override
    public void rampAll(int index, int n, double start) {
        if (n > 0) {
            stored(start + (n - 1) * 1.0);
            run(index, n, integral(start), 1);
        }
    }

    @Override
    public void fillAll(int index, int n, double value) {
        // a fill stores its truncated value everywhere: exact whatever the value
        long v = (long) stored(value);
        if (n > 0) {
            run(index, n, v, 0);
        }
    }

    private void run(int index, int n, long base, long step) {
        flush();
        long[] bases = new long[axes];
        long[] steps = new long[axes];
        java.util.Arrays.fill(bases, base);
        java.util.Arrays.fill(steps, step);
        parts.add(new PositionBlocks.Run(index, n, bases, steps));
    }

    /** Axis {@code axis} of the block at {@code at}: {@code slice[ti] + hi * rowStep + wi * colStep}. */
    public void grid(int axis, int at, Grid grid, double[] slice, double rowStep, double colStep) {
        long[] t = new long[grid.t()];
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (int ti = 0; ti < t.length; ti++) {
            double v = slice[ti];
            // an int32 integer (compared, not converted twice), or the slow path that says what is wrong with it
            long x = v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE && v == Math.rint(v) ? (long) v : integral(v);
            t[ti] = x;
            if (x < lo) {
                lo = x;
            }
            if (x > hi) {
                hi = x;
            }
        }
        set(axis, at, grid, t, lo, hi, rowStep, colStep);
    }

    /** Axis {@code axis} of the block at {@code at} whose slices start at {@code offset + ti * sliceStep}. */
    public void grid(int axis, int at, Grid grid, double offset, double sliceStep, double rowStep, double colStep) {
        if (offset != (int) offset || sliceStep != (int) sliceStep) {
            double[] slice = new double[grid.t()];
            for (int ti = 0; ti < slice.length; ti++) {
                slice[ti] = offset + ti * sliceStep;
            }
            grid(axis, at, grid, slice, rowStep, colStep);
            return;
        }
        // an integral progression: no per-value conversion
        long first = (long) offset;
        long step = (long) sliceStep;
        long[] t = new long[grid.t()];
        for (int ti = 0; ti < t.length; ti++) {
            t[ti] = first + ti * step;
        }
        set(axis, at, grid, t, Math.min(t[0], t[t.length - 1]), Math.max(t[0], t[t.length - 1]), rowStep, colStep);
    }

    private void set(int axis, int at, Grid grid, long[] t, long lo, long hi, double rowStep, double colStep) {
        if (pending == null || pending.at != at) {
            flush();
            pending = new Pending(at, grid, axes);
        }
        long[] h = steps(grid.h(), rowStep);
        long[] w = steps(grid.w(), colStep);
        long rows = h[h.length - 1];
        long cols = w[w.length - 1];
        stored(lo + Math.min(0, rows) + Math.min(0, cols));
        stored(hi + Math.max(0, rows) + Math.max(0, cols));
        pending.t[axis] = t;
        pending.h[axis] = h;
        pending.w[axis] = w;
    }

    private long[] steps(int n, double step) {
        long s = integral(step);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = i * s;
        }
        return out;
    }

    /** The value, which must be an int32 integer: int32 truncation of a fraction is no sum of tables. */
    private long integral(double value) {
        stored(value);
        if (value != Math.rint(value)) {
            throw notSums("a fractional value " + value);
        }
        return (long) value;
    }

    private void flush() {
        if (pending == null) {
            return;
        }
        for (int a = 0; a < axes; a++) {
            if (pending.t[a] == null) {
                throw notSums("a block without axis " + a);
            }
        }
        parts.add(new PositionBlocks.Block(pending.at, pending.grid, pending.t, pending.h, pending.w, true));
        pending = null;
    }

    /** The recorded row, with its facts (length, M and decode state). */
    public PositionBlocks blocks(List<String> axisNames, RowFacts facts) {
        flush();
        return new PositionBlocks(axisNames, facts, parts);
    }

    @Override
    public void set(int axis, int index, double value) {
        throw notSums("a single value");
    }

    @Override
    public void fill(int axis, int index, int n, double value) {
        throw notSums("a single-axis fill");
    }

    @Override
    public void ramp(int axis, int index, int n, double start, double step) {
        throw notSums("a single-axis ramp");
    }

    @Override
    public double get(int axis, int index) {
        throw new UnsupportedOperationException("a block recorder holds tables, not values");
    }

    @Override
    void put(int at, double value) {
        throw new AssertionError("unreachable");
    }

    @Override
    double read(int at) {
        throw new AssertionError("unreachable");
    }

    @Override
    void putFill(int at, int n, double value) {
        throw new AssertionError("unreachable");
    }

    @Override
    void putRamp(int at, int n, double start, double step, int first) {
        throw new AssertionError("unreachable");
    }

    private static IllegalStateException notSums(String what) {
        return new IllegalStateException("a layout declared as sums of per-axis tables wrote " + what);
    }

    /** The block being recorded, one axis at a time. */
    private static final class Pending {
        final int at;
        final Grid grid;
        final long[][] t;
        final long[][] h;
        final long[][] w;

        Pending(int at, Grid grid, int axes) {
            this.at = at;
            this.grid = grid;
            this.t = new long[axes][];
            this.h = new long[axes][];
            this.w = new long[axes][];
        }
    }
}
