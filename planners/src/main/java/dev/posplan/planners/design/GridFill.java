package dev.posplan.planners.design;

import dev.posplan.multimodal.Grid;
import dev.posplan.planners.BlockRecorder;
import dev.posplan.planners.PositionBuffer;

/**
 * Fills a visual block whose positions are affine in the grid coordinates, in closed form:
 * on each axis, token (ti, hi, wi) gets {@code slice[ti] + hi * rowStep + wi * colStep}. This covers
 * every layout that is a per-slice offset plus scaled row and column indices (M-RoPE and its time
 * variants, spatial reset, MM-RoPE scales, VideoRoPE's diagonal), with one bulk write per row at most.
 */
public final class GridFill {

    private GridFill() {
    }

    /**
     * @param out      buffer to write
     * @param axis     axis to write
     * @param at       index of the block's first token
     * @param grid     the block's grid
     * @param slice    value of the first token of each temporal slice ({@code grid.t()} entries)
     * @param rowStep  added per row
     * @param colStep  added per column
     */
    public static void axis(PositionBuffer out, int axis, int at, Grid grid, double[] slice, double rowStep,
            double colStep) {
        if (out instanceof BlockRecorder blocks) {
            blocks.grid(axis, at, grid, slice, rowStep, colStep);
            return;
        }
        checkExtremes(out, grid, slice, rowStep, colStep);
        Rows rows = Rows.of(out, at, grid);
        if (rows == null) {
            return;
        }
        int h = grid.h();
        int w = grid.w();
        int perSlice = h * w;
        // slices wholly inside the window go in bulk; the (at most two) cut by its ends row by row
        int firstWhole = rows.firstSlice() + (at + rows.firstSlice() * perSlice >= out.from() ? 0 : 1);
        int lastWhole = rows.lastSlice() - (at + (rows.lastSlice() + 1) * perSlice <= out.from() + out.length() ? 0 : 1);
        for (int ti = rows.firstSlice(); ti <= rows.lastSlice(); ti++) {
            int sliceAt = at + ti * perSlice;
            if (rowStep == 0 && colStep == 0) {
                out.fill(axis, sliceAt, perSlice, slice[ti]);
            } else if (ti == firstWhole && lastWhole >= firstWhole) {
                out.slices(axis, sliceAt, h, w, slice, firstWhole, lastWhole, rowStep, colStep);
                ti = lastWhole;
            } else {
                sliceRows(out, axis, sliceAt, w, slice[ti], rows.firstRowOf(ti), rows.lastRowOf(ti), rowStep, colStep);
            }
        }
    }

    /** Rows {@code first … last} of one slice: rows cut by the window's ends clipped, whole rows in bulk. */
    private static void sliceRows(PositionBuffer out, int axis, int sliceAt, int w, double sliceValue, int first,
            int last, double rowStep, double colStep) {
        int firstWhole = sliceAt + first * w >= out.from() ? first : first + 1;
        int lastWhole = sliceAt + (last + 1) * w <= out.from() + out.length() ? last : last - 1;
        if (firstWhole > first) {
            row(out, axis, sliceAt, w, sliceValue, first, rowStep, colStep);
        }
        if (lastWhole >= firstWhole) {
            out.rows(axis, sliceAt + firstWhole * w, w, sliceValue, firstWhole, lastWhole - firstWhole + 1, rowStep,
                    colStep);
        }
        if (lastWhole < last && last >= firstWhole) {
            row(out, axis, sliceAt, w, sliceValue, last, rowStep, colStep);
        }
    }

    private static void row(PositionBuffer out, int axis, int sliceAt, int w, double sliceValue, int hi,
            double rowStep, double colStep) {
        double rowStart = sliceValue + hi * rowStep;
        if (colStep == 0) {
            out.fill(axis, sliceAt + hi * w, w, rowStart);
        } else {
            out.ramp(axis, sliceAt + hi * w, w, rowStart, colStep);
        }
    }

    /**
     * The smallest and largest value of a block go through {@link PositionBuffer#stored} even when the rows
     * holding them lie outside the buffer's window, so that a slice fails exactly when the whole plan does.
     */
    private static void checkExtremes(PositionBuffer out, Grid grid, double[] slice, double rowStep, double colStep) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int ti = 0; ti < grid.t(); ti++) {
            double v = slice[ti];
            // plain comparisons (Math.min/max on doubles are slow here); a NaN goes through stored itself
            if (v < lo) {
                lo = v;
            }
            if (v > hi) {
                hi = v;
            }
            if (v != v) {
                out.stored(v);
            }
        }
        double rows = (grid.h() - 1) * rowStep;
        double cols = (grid.w() - 1) * colStep;
        out.stored(lo + Math.min(0, rows) + Math.min(0, cols));
        out.stored(hi + Math.max(0, rows) + Math.max(0, cols));
    }

    /**
     * The temporal slices and grid rows of a block at {@code at} that meet the buffer's window: a window
     * costs what it holds, whatever the size of the block. Rows are numbered within their slice.
     */
    private record Rows(int firstSlice, int lastSlice, int firstRow, int lastRow, int h) {

        /** Null when the block lies outside the window. */
        static Rows of(PositionBuffer out, int at, Grid grid) {
            int lo = Math.max(out.from() - at, 0);
            int hi = Math.min(out.from() + out.length() - at, grid.tokens());
            if (lo >= hi) {
                return null;
            }
            int first = lo / grid.w();
            int last = (hi - 1) / grid.w();
            return new Rows(first / grid.h(), last / grid.h(), first, last, grid.h());
        }

        int firstRowOf(int ti) {
            return ti == firstSlice ? firstRow - ti * h : 0;
        }

        int lastRowOf(int ti) {
            return ti == lastSlice ? lastRow - ti * h : h - 1;
        }
    }

    /**
     * Values that depend on one grid coordinate only, each given exactly rather than as affine steps (for
     * layouts that round every value on its own): token (ti, hi, wi) gets {@code values[ti]},
     * {@code values[hi]} or {@code values[wi]} for {@code coordinate} 0 (t), 1 (h) or 2 (w).
     */
    public static void perCoordinate(PositionBuffer out, int axis, int at, Grid grid, int coordinate,
            double[] values) {
        int h = grid.h();
        int w = grid.w();
        Rows rows = coordinate == 0 ? null : Rows.of(out, at, grid);
        int first = rows == null ? 0 : rows.firstSlice() * h + rows.firstRowOf(rows.firstSlice());
        int last = rows == null ? -1 : rows.lastSlice() * h + rows.lastRowOf(rows.lastSlice());
        switch (coordinate) {
            case 0 -> axis(out, axis, at, grid, values, 0, 0);
            case 1 -> {
                for (int row = first; row <= last; row++) {
                    out.fill(axis, at + row * w, w, values[row % h]);
                }
            }
            case 2 -> {
                for (int row = first; row <= last; row++) {
                    for (int wi = 0; wi < w; wi++) {
                        out.set(axis, at + row * w + wi, values[wi]);
                    }
                }
            }
            default -> throw new IllegalArgumentException(
                    "coordinate must be 0 (t), 1 (h) or 2 (w), got " + coordinate);
        }
    }

    /** The same offset for every slice. */
    public static void axis(PositionBuffer out, int axis, int at, Grid grid, double offset, double sliceStep,
            double rowStep, double colStep) {
        if (out instanceof BlockRecorder blocks) {
            blocks.grid(axis, at, grid, offset, sliceStep, rowStep, colStep);
            return;
        }
        double[] slice = new double[grid.t()];
        for (int ti = 0; ti < slice.length; ti++) {
            slice[ti] = offset + ti * sliceStep;
        }
        axis(out, axis, at, grid, slice, rowStep, colStep);
    }
}
