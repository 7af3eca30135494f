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
 * unpadded tokens, qwen-mrope.md §4). Generated token {@code k} (0, 1, …) gets, under the host rule (the
 * default), {@code (base + k) + ropeDelta} on every axis, evaluated as the host does: in float32 for
 * float32 plans (an integer plus a float32 tensor, one rounding), exactly otherwise, where it equals
 * {@code M + 1 + k}; a plan with an explicit decode rule ({@link #withDecode}) gives
 * {@code decodeStart[axis] + k * decodeStep}.
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
    private final boolean hostDecode;

    private PositionPlan(List<String> axisNames, DType dtype, int length, int unpaddedLength, Object data,
            double maxPosition, double[] decodeStart, double decodeStep, DeltaBase deltaBase, boolean hostDecode) {
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
        this.hostDecode = hostDecode;
    }

    /**
     * A plan whose generated tokens follow the host rule {@code (base + k) + ropeDelta} on every axis
     * ({@code maxPosition + 1 + k} in exact arithmetic; see {@link #decodePosition}).
     */
    public static PositionPlan of(List<String> axisNames, PositionBuffer buffer, int unpaddedLength,
            double maxPosition) {
        double[] start = new double[buffer.axes()];
        java.util.Arrays.fill(start, maxPosition + 1);
        return of(axisNames, buffer, unpaddedLength, maxPosition, start, 1).withHostDecode();
    }

    /** A plan with an explicit decode rule; its rope delta counts the padded length ({@link DeltaBase#PADDED}). */
    public static PositionPlan of(List<String> axisNames, PositionBuffer buffer, int unpaddedLength,
            double maxPosition, double[] decodeStart, double decodeStep) {
        if (axisNames.size() != buffer.axes()) {
            throw new IllegalArgumentException("axis names " + axisNames + " do not match " + buffer.axes() + " axes");
        }
        return new PositionPlan(axisNames, buffer.dtype(), buffer.length(), unpaddedLength, buffer.freeze(),
                maxPosition, decodeStart, decodeStep, DeltaBase.PADDED, false);
    }

    /** The same positions (shared, they are immutable) with another decode rule. */
    public PositionPlan withDecode(double[] start, double step) {
        Objects.requireNonNull(start, "start");
        return new PositionPlan(axisNames, dtype, length, unpaddedLength, ints != null ? ints : floats, maxPosition,
                start, step, deltaBase, false);
    }

    /**
     * The same positions (shared) whose generated tokens follow the host rule: token {@code k} at cache
     * position {@code base + k} gets {@code (base + k) + ropeDelta} ({@link #decodePosition}).
     */
    public PositionPlan withHostDecode() {
        double[] start = new double[axes()];
        java.util.Arrays.fill(start, maxPosition + 1);
        return new PositionPlan(axisNames, dtype, length, unpaddedLength, ints != null ? ints : floats, maxPosition,
                start, 1, deltaBase, true);
    }

    /** The same positions (shared) whose {@link #ropeDelta()} subtracts the length {@code base} names. */
    public PositionPlan withDeltaBase(DeltaBase base) {
        return new PositionPlan(axisNames, dtype, length, unpaddedLength, ints != null ? ints : floats, maxPosition,
                decodeStart, decodeStep, base, hostDecode);
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

    /**
     * Position of generated token {@code k} (0-based) on {@code axis}. Under the host rule it is
     * {@code (base + k) + ropeDelta} with base the length {@link #deltaBase()} names (HF 4.x
     * {@code cache_position + rope_deltas}, vLLM {@code j + delta}); for a float32 plan that is one float32
     * addition of the integer and the float32 delta, which can differ from {@code M + 1 + k} by an ulp of
     * the result (or more when M and the base are far apart), so it is computed exactly so.
     */
    public double decodePosition(int axis, int k) {
        if (!hostDecode) {
            return decodeStart[axis] + k * decodeStep;
        }
        long at = (long) (deltaBase == DeltaBase.PADDED ? length : unpaddedLength) + k;
        if (dtype == DType.FLOAT32) {
            return (float) at + (float) ropeDelta();
        }
        return at + ropeDelta();
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
