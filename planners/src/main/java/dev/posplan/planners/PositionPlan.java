package dev.posplan.planners;

import java.util.List;
import java.util.Objects;

/**
 * Position IDs of one sequence: {@code axes × length} values stored axis-major in one primitive array
 * ({@code int[]} or {@code float[]}, see {@link #dtype()}), plus what a decoder needs to continue.
 *
 * <p>{@code maxPosition} is the scheme's "max" M (over all axes for the M-RoPE family, the t row for
 * VideoRoPE/HoPE, ceil of the maximum for V2PE); {@link #ropeDelta()} is {@code M + 1 - base} with the
 * length {@link #deltaBase()} the scheme declares (the padded length unless it models a host that counts
 * unpadded tokens, qwen-mrope.md §4). Generated token {@code k} (0, 1, …) gets
 * {@code decodeStart[axis] + k * decodeStep} on each axis.
 */
public final class PositionPlan {

    private final List<String> axisNames;
    private final DType dtype;
    private final int length;
    private final int unpaddedLength;
    private final int[] ints;
    private final float[] floats;
    private final double maxPosition;
    private final double[] decodeStart;
    private final double decodeStep;
    private final DeltaBase deltaBase;

    private PositionPlan(List<String> axisNames, DType dtype, int length, int unpaddedLength, Object data,
            double maxPosition, double[] decodeStart, double decodeStep, DeltaBase deltaBase) {
        this.axisNames = List.copyOf(axisNames);
        if (decodeStart.length != this.axisNames.size()) {
            throw new IllegalArgumentException("decode start needs one value per axis");
        }
        this.dtype = dtype;
        this.length = length;
        this.unpaddedLength = unpaddedLength;
        this.ints = data instanceof int[] i ? i : null;
        this.floats = data instanceof float[] f ? f : null;
        this.maxPosition = maxPosition;
        this.decodeStart = decodeStart.clone();
        this.decodeStep = decodeStep;
        this.deltaBase = Objects.requireNonNull(deltaBase, "deltaBase");
    }

    /** A plan whose generated tokens continue at {@code maxPosition + 1 + k} on every axis (the host rule). */
    public static PositionPlan of(List<String> axisNames, PositionBuffer buffer, int unpaddedLength,
            double maxPosition) {
        double[] start = new double[buffer.axes()];
        java.util.Arrays.fill(start, maxPosition + 1);
        return of(axisNames, buffer, unpaddedLength, maxPosition, start, 1);
    }

    /** A plan with an explicit decode rule; its rope delta counts the padded length ({@link DeltaBase#PADDED}). */
    public static PositionPlan of(List<String> axisNames, PositionBuffer buffer, int unpaddedLength,
            double maxPosition, double[] decodeStart, double decodeStep) {
        if (axisNames.size() != buffer.axes()) {
            throw new IllegalArgumentException("axis names " + axisNames + " do not match " + buffer.axes() + " axes");
        }
        return new PositionPlan(axisNames, buffer.dtype(), buffer.length(), unpaddedLength, buffer.freeze(),
                maxPosition, decodeStart, decodeStep, DeltaBase.PADDED);
    }

    /** The same positions (shared, they are immutable) with another decode rule. */
    public PositionPlan withDecode(double[] start, double step) {
        Objects.requireNonNull(start, "start");
        return new PositionPlan(axisNames, dtype, length, unpaddedLength, ints != null ? ints : floats, maxPosition,
                start, step, deltaBase);
    }

    /** The same positions (shared) whose {@link #ropeDelta()} subtracts the length {@code base} names. */
    public PositionPlan withDeltaBase(DeltaBase base) {
        return new PositionPlan(axisNames, dtype, length, unpaddedLength, ints != null ? ints : floats, maxPosition,
                decodeStart, decodeStep, base);
    }

    public List<String> axisNames() {
        return axisNames;
    }

    public int axes() {
        return axisNames.size();
    }

    public DType dtype() {
        return dtype;
    }

    public int length() {
        return length;
    }

    public int unpaddedLength() {
        return unpaddedLength;
    }

    /** Position of token {@code index} on {@code axis}. */
    public double get(int axis, int index) {
        Objects.checkIndex(index, length);
        return ints != null ? ints[axis * length + index] : floats[axis * length + index];
    }

    /**
     * The backing {@code int[axes * length]} (axis-major) for {@link DType#INT32} plans, else null.
     * Exposed for encoders that write it out without copying; callers must not modify it.
     */
    public int[] intData() {
        return ints;
    }

    /** The backing {@code float[axes * length]} for {@link DType#FLOAT32} plans, else null; read only. */
    public float[] floatData() {
        return floats;
    }

    public double maxPosition() {
        return maxPosition;
    }

    /** Which length {@link #ropeDelta()} subtracts, as the scheme declares it. */
    public DeltaBase deltaBase() {
        return deltaBase;
    }

    /** The scheme's rope_deltas: {@link #ropeDeltaPadded()} or {@link #ropeDeltaUnpadded()} by {@link #deltaBase()}. */
    public double ropeDelta() {
        return deltaBase.delta(this);
    }

    /** {@code M + 1 - length}: rope_deltas with padding counted (HF 4.x). */
    public double ropeDeltaPadded() {
        return delta(length);
    }

    /** {@code M + 1 - unpaddedLength}: rope_deltas relative to the tokens that carry attention. */
    public double ropeDeltaUnpadded() {
        return delta(unpaddedLength);
    }

    /**
     * {@code M + 1 - n}. A float32 reference computes it on its float32 max tensor, rounding after the
     * {@code + 1} and again after the subtraction, which double arithmetic can miss by an ulp.
     */
    private double delta(int n) {
        if (dtype == DType.FLOAT32) {
            return (float) ((float) (maxPosition + 1) - n);
        }
        return maxPosition + 1 - n;
    }

    /** Position of generated token {@code k} (0-based) on {@code axis}. */
    public double decodePosition(int axis, int k) {
        return decodeStart[axis] + k * decodeStep;
    }

    /** Positions of the next {@code steps} generated tokens, {@code [steps][axes]}. */
    public double[][] decodePositions(int steps) {
        double[][] out = new double[steps][axes()];
        for (int k = 0; k < steps; k++) {
            for (int a = 0; a < axes(); a++) {
                out[k][a] = decodePosition(a, k);
            }
        }
        return out;
    }

    public double decodeStep() {
        return decodeStep;
    }
}
