package dev.posplan.planners;

import dev.posplan.planners.compat.DeltaBase;
import java.util.List;

/**
 * Position IDs of a batch: one {@link PositionPlan} per row, all of the same padded length L, readable as the
 * hosts' {@code position_ids[axes][B][L]}, with per-row rope_deltas under the scheme's {@link DeltaBase} and the
 * decode positions of each row's own rule. The arrays handed out are fresh primitive arrays.
 */
public final class BatchPlan {

    private final List<PositionPlan> rows;
    private final int length;

    BatchPlan(List<PositionPlan> rows) {
        this.rows = List.copyOf(rows);
        PositionPlan first = this.rows.get(0);
        this.length = first.length();
        for (PositionPlan p : this.rows) {
            if (p.length() != length || p.axes() != first.axes() || p.dtype() != first.dtype()
                    || p.deltaBase() != first.deltaBase()) {
                throw new IllegalArgumentException("batch rows must share length, axes, dtype and delta base");
            }
        }
    }

    public int batchSize() {
        return rows.size();
    }

    /** Padded row length L. */
    public int length() {
        return length;
    }

    public int axes() {
        return rows.get(0).axes();
    }

    public DType dtype() {
        return rows.get(0).dtype();
    }

    /** The length every row's rope delta subtracts (the scheme's declared base). */
    public DeltaBase deltaBase() {
        return rows.get(0).deltaBase();
    }

    public PositionPlan row(int b) {
        return rows.get(b);
    }

    /** Position of token {@code index} of row {@code b} on {@code axis}. */
    public double get(int axis, int b, int index) {
        return rows.get(b).get(axis, index);
    }

    /** {@code [axes][B][L]} for {@link DType#INT32} plans. */
    public int[][][] intPositionIds() {
        if (dtype() != DType.INT32) {
            throw new IllegalStateException("positions are " + dtype() + ", not INT32");
        }
        int[][][] out = new int[axes()][rows.size()][];
        for (int b = 0; b < rows.size(); b++) {
            PositionPlan.Int32 row = (PositionPlan.Int32) rows.get(b);
            for (int a = 0; a < out.length; a++) {
                out[a][b] = row.axisValues(a);
            }
        }
        return out;
    }

    /** {@code [axes][B][L]} for {@link DType#FLOAT32} plans. */
    public float[][][] floatPositionIds() {
        if (dtype() != DType.FLOAT32) {
            throw new IllegalStateException("positions are " + dtype() + ", not FLOAT32");
        }
        float[][][] out = new float[axes()][rows.size()][];
        for (int b = 0; b < rows.size(); b++) {
            PositionPlan.Float32 row = (PositionPlan.Float32) rows.get(b);
            for (int a = 0; a < out.length; a++) {
                out[a][b] = row.axisValues(a);
            }
        }
        return out;
    }

    /** Per-row {@code M + 1 - base}, shape {@code [B]} (the hosts' {@code rope_deltas[B, 1]}). */
    public double[] ropeDeltas() {
        double[] out = new double[rows.size()];
        for (int b = 0; b < out.length; b++) {
            out[b] = rows.get(b).ropeDelta();
        }
        return out;
    }

    /** Positions of the next {@code steps} generated tokens of every row, {@code [axes][B][steps]}. */
    public double[][][] decodePositions(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        double[][][] out = new double[axes()][rows.size()][steps];
        for (int b = 0; b < rows.size(); b++) {
            for (int a = 0; a < out.length; a++) {
                for (int k = 0; k < steps; k++) {
                    out[a][b][k] = rows.get(b).decodePosition(a, k);
                }
            }
        }
        return out;
    }
}
