package dev.posplan.planners;

import dev.posplan.multimodal.Grid;

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
