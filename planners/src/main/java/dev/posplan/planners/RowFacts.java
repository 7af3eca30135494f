package dev.posplan.planners;

import dev.posplan.planners.compat.DeltaBase;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a row's plan reports besides its values, and the one place its decode state lives: the row's dtype,
 * axes, padded and unpadded length, the scheme's M over the whole row, which length {@code rope_deltas}
 * subtracts and where generated tokens continue. A dense {@link PositionPlan}, a window written by
 * {@link Scheme#planInto} and a row's {@link PositionBlocks} all carry it, so {@code rope_deltas} and decode
 * positions are the same whichever form a row was planned in.
 *
 * <p>{@link #ropeDelta()} is {@code M + 1 - base} with the length {@link #deltaBase()} names (the padded length
 * unless the scheme models a host that counts unpadded tokens, qwen-mrope.md §4). Generated token {@code k}
 * (0, 1, …) gets, under the host rule (the default), {@code (base + k) + ropeDelta} on every axis, evaluated as
 * the host does: in float32 for float32 rows (an integer plus a float32 tensor, one rounding), exactly
 * otherwise, where it equals {@code M + 1 + k}; an explicit rule ({@link #withDecode}) gives
 * {@code decodeStart[axis] + k * decodeStep}.
 *
 * @param decodeStart per-axis start of an explicit decode rule, or null for the host rule
 */
public record RowFacts(DType dtype, int axes, int length, int unpaddedLength, double maxPosition,
        DeltaBase deltaBase, double[] decodeStart, double decodeStep) {

    public RowFacts {
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(deltaBase, "deltaBase");
        if (decodeStart != null) {
            if (decodeStart.length != axes) {
                throw new IllegalArgumentException("decode start needs one value per axis");
            }
            decodeStart = decodeStart.clone();
        }
    }

    /** A row under the host decode rule whose rope delta counts the padded length. */
    public static RowFacts of(DType dtype, int axes, int length, int unpaddedLength, double maxPosition) {
        return new RowFacts(dtype, axes, length, unpaddedLength, maxPosition, DeltaBase.PADDED, null, 1);
    }

    /** The same row with an explicit decode rule: token {@code k} gets {@code start[axis] + k * step}. */
    public RowFacts withDecode(double[] start, double step) {
        return new RowFacts(dtype, axes, length, unpaddedLength, maxPosition, deltaBase,
                Objects.requireNonNull(start, "start"), step);
    }

    /** The same row under the host rule: token {@code k} at cache position {@code base + k} gets {@code (base + k) + ropeDelta}. */
    public RowFacts withHostDecode() {
        return new RowFacts(dtype, axes, length, unpaddedLength, maxPosition, deltaBase, null, 1);
    }

    /** The same row whose {@link #ropeDelta()} subtracts the length {@code base} names. */
    public RowFacts withDeltaBase(DeltaBase base) {
        return new RowFacts(dtype, axes, length, unpaddedLength, maxPosition, base, decodeStart, decodeStep);
    }

    @Override
    public double[] decodeStart() {
        return decodeStart == null ? null : decodeStart.clone();
    }

    /** Whether generated tokens follow the host rule rather than an explicit start and step. */
    public boolean hostDecode() {
        return decodeStart == null;
    }

    /** The scheme's rope_deltas: {@link #ropeDeltaPadded()} or {@link #ropeDeltaUnpadded()} by {@link #deltaBase()}. */
    public double ropeDelta() {
        return delta(deltaBase == DeltaBase.PADDED ? length : unpaddedLength);
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
     * {@code M + 1 - n} in the row's arithmetic: a float32 reference computes it on its float32 max tensor,
     * rounding after the {@code + 1} and again after the subtraction, which double arithmetic can miss by an ulp.
     */
    private double delta(int n) {
        return dtype == DType.FLOAT32 ? (float) ((float) (maxPosition + 1) - n) : maxPosition + 1 - n;
    }

    /**
     * Position of generated token {@code k} (0-based) on {@code axis}. Under the host rule it is
     * {@code (base + k) + ropeDelta} with base the length {@link #deltaBase()} names (HF 4.x
     * {@code cache_position + rope_deltas}, vLLM {@code j + delta}); for a float32 row that is one float32
     * addition of the integer and the float32 delta (torch), which can differ from {@code M + 1 + k} by an ulp
     * of the result (or more when M and the base are far apart), so it is computed exactly so.
     */
    public double decodePosition(int axis, int k) {
        Objects.checkIndex(axis, axes);
        if (decodeStart != null) {
            return decodeStart[axis] + k * decodeStep;
        }
        long at = (long) (deltaBase == DeltaBase.PADDED ? length : unpaddedLength) + k;
        return dtype == DType.FLOAT32 ? (float) at + (float) ropeDelta() : at + ropeDelta();
    }

    /** Positions of the next {@code steps} generated tokens, {@code [steps][axes]}. */
    public double[][] decodePositions(int steps) {
        double[][] out = new double[steps][axes];
        for (int k = 0; k < steps; k++) {
            for (int a = 0; a < axes; a++) {
                out[k][a] = decodePosition(a, k);
            }
        }
        return out;
    }

    /** The values of a row's last slot on each axis, read only when a decode rule needs them. */
    @FunctionalInterface
    public interface LastSlot {
        double value(int axis);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowFacts f && dtype == f.dtype && axes == f.axes && length == f.length
                && unpaddedLength == f.unpaddedLength && Double.compare(maxPosition, f.maxPosition) == 0
                && deltaBase == f.deltaBase && Arrays.equals(decodeStart, f.decodeStart)
                && Double.compare(decodeStep, f.decodeStep) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(dtype, axes, length, unpaddedLength, maxPosition, deltaBase, Arrays.hashCode(decodeStart),
                decodeStep);
    }

    @Override
    public String toString() {
        return "RowFacts[" + dtype + ", " + axes + " axes, length " + length + " (" + unpaddedLength + " unpadded), M "
                + maxPosition + ", rope_deltas over " + deltaBase.apiName() + ", decode "
                + (decodeStart == null ? "host" : Arrays.toString(decodeStart) + " + k * " + decodeStep) + "]";
    }
}
