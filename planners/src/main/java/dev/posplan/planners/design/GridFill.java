package dev.posplan.planners.design;

import dev.posplan.multimodal.Grid;
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
        int h = grid.h();
        int w = grid.w();
        int perSlice = h * w;
        for (int ti = 0; ti < grid.t(); ti++) {
            int sliceAt = at + ti * perSlice;
            if (rowStep == 0 && colStep == 0) {
                out.fill(axis, sliceAt, perSlice, slice[ti]);
                continue;
            }
            for (int hi = 0; hi < h; hi++) {
                double rowStart = slice[ti] + hi * rowStep;
                if (colStep == 0) {
                    out.fill(axis, sliceAt + hi * w, w, rowStart);
                } else {
                    out.ramp(axis, sliceAt + hi * w, w, rowStart, colStep);
                }
            }
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
        switch (coordinate) {
            case 0 -> axis(out, axis, at, grid, values, 0, 0);
            case 1 -> {
                for (int row = 0; row < grid.t() * h; row++) {
                    out.fill(axis, at + row * w, w, values[row % h]);
                }
            }
            case 2 -> {
                for (int row = 0; row < grid.t() * h; row++) {
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
        double[] slice = new double[grid.t()];
        for (int ti = 0; ti < slice.length; ti++) {
            slice[ti] = offset + ti * sliceStep;
        }
        axis(out, axis, at, grid, slice, rowStep, colStep);
    }
}
