package dev.posplan.planners;

import dev.posplan.planners.compat.DeltaBase;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a scheme plans for one sequence: {@code axes × length} position IDs stored axis-major in one
 * primitive array — an {@link Int32} or a {@link Float32} plan, as the reference's tensor is — plus what a
 * decoder needs to continue ({@link #facts()}: M, the rope-delta base and the decode rule, the same value a
 * window or a row's blocks report), and the scheme's other outputs ({@link #tensors()}: camera rays,
 * projections, …). An encoding with no position ids of its own (a camera encoding) plans zero axes and only
 * tensors.
 *
 * <p>{@code maxPosition} is the scheme's "max" M (over all axes for the M-RoPE family, the t row for
 * VideoRoPE/HoPE, ceil of the maximum for V2PE); {@link #ropeDelta()} and {@link #decodePosition} are
 * {@link RowFacts}'s.
 */
public abstract sealed class PositionPlan permits PositionPlan.Int32, PositionPlan.Float32 {

    private final List<String> axisNames;
    private final RowFacts facts;
    private final List<OutputTensor> tensors;

    private PositionPlan(List<String> axisNames, RowFacts facts, List<OutputTensor> tensors) {
        this.axisNames = List.copyOf(axisNames);
        if (facts.axes() != this.axisNames.size()) {
            throw new IllegalArgumentException("facts of " + facts.axes() + " axes for " + this.axisNames);
        }
        if (facts.dtype() != dtype()) {
            throw new IllegalArgumentException("facts of a " + facts.dtype() + " row for a " + dtype() + " plan");
        }
        this.facts = facts;
        this.tensors = List.copyOf(tensors);
    }

    /**
     * A plan whose generated tokens follow the host rule {@code (base + k) + ropeDelta} on every axis
     * ({@code maxPosition + 1 + k} in exact arithmetic; see {@link RowFacts#decodePosition}).
     */
    public static PositionPlan of(List<String> axisNames, PositionBuffer buffer, int unpaddedLength,
            double maxPosition) {
        return of(axisNames, buffer, RowFacts.of(buffer.dtype(), buffer.axes(), buffer.length(), unpaddedLength,
                maxPosition));
    }

    /** A plan with an explicit decode rule; its rope delta counts the padded length ({@link DeltaBase#PADDED}). */
    public static PositionPlan of(List<String> axisNames, PositionBuffer buffer, int unpaddedLength,
            double maxPosition, double[] decodeStart, double decodeStep) {
        return of(axisNames, buffer, RowFacts.of(buffer.dtype(), buffer.axes(), buffer.length(), unpaddedLength,
                maxPosition).withDecode(decodeStart, decodeStep));
    }

    /** The positions {@code buffer} holds with {@code facts} (its dtype, axes and length). */
    public static PositionPlan of(List<String> axisNames, PositionBuffer buffer, RowFacts facts) {
        if (axisNames.size() != buffer.axes()) {
            throw new IllegalArgumentException("axis names " + axisNames + " do not match " + buffer.axes() + " axes");
        }
        if (facts.length() != buffer.length()) {
            throw new IllegalArgumentException("facts of " + facts.length() + " slots for " + buffer.length());
        }
        Object data = buffer.freeze();
        if (data instanceof int[] ints) {
            return new Int32(axisNames, facts, ints, List.of());
        }
        return new Float32(axisNames, facts, (float[]) data, List.of());
    }

    /**
     * The plan of an encoding without position ids of its own (a camera encoding): zero axes over
     * {@code length} tokens, and its outputs. Its maximum position is -1 (no position is used).
     */
    public static PositionPlan tensorsOnly(int length, List<OutputTensor> tensors) {
        return new Float32(List.of(), RowFacts.of(DType.FLOAT32, 0, length, length, -1).withDecode(new double[0], 0),
                new float[0], tensors);
    }

    /** The same positions (shared, they are immutable) with other facts: another decode rule or delta base. */
    public abstract PositionPlan withFacts(RowFacts facts);

    /** The same positions (shared) carrying {@code tensors} as well. */
    public abstract PositionPlan withTensors(List<OutputTensor> tensors);

    /** The row's facts and decode state, as a window or the row's blocks report them. */
    public RowFacts facts() {
        return facts;
    }

    public List<String> axisNames() {
        return axisNames;
    }

    public int axes() {
        return axisNames.size();
    }

    public abstract DType dtype();

    public int length() {
        return facts.length();
    }

    public int unpaddedLength() {
        return facts.unpaddedLength();
    }

    /** Position of token {@code index} on {@code axis}. */
    public abstract double get(int axis, int index);

    /** The scheme's outputs other than position ids (empty for a plain RoPE), in the scheme's order. */
    public List<OutputTensor> tensors() {
        return tensors;
    }

    /** The output named {@code name}. */
    public OutputTensor tensor(String name) {
        for (OutputTensor t : tensors) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no output tensor '" + name + "'");
    }

    public double maxPosition() {
        return facts.maxPosition();
    }

    /** Which length {@link #ropeDelta()} subtracts, as the scheme declares it. */
    public DeltaBase deltaBase() {
        return facts.deltaBase();
    }

    /** {@link RowFacts#ropeDelta()}. */
    public double ropeDelta() {
        return facts.ropeDelta();
    }

    /** {@link RowFacts#ropeDeltaPadded()}. */
    public double ropeDeltaPadded() {
        return facts.ropeDeltaPadded();
    }

    /** {@link RowFacts#ropeDeltaUnpadded()}. */
    public double ropeDeltaUnpadded() {
        return facts.ropeDeltaUnpadded();
    }

    /** {@link RowFacts#decodePosition}. */
    public double decodePosition(int axis, int k) {
        return facts.decodePosition(axis, k);
    }

    /** Positions of the next {@code steps} generated tokens, {@code [steps][axes]}. */
    public double[][] decodePositions(int steps) {
        return facts.decodePositions(steps);
    }

    /** The value of the row's last slot on each axis (what {@link dev.posplan.planners.compat.DecodeRule#LAST_PLUS_ONE} reads). */
    public RowFacts.LastSlot lastSlot() {
        return axis -> get(axis, length() - 1);
    }

    /** Integral positions, stored as int32 (the references' int64 values, range-checked when written). */
    public static final class Int32 extends PositionPlan {
        private final int[] data;

        private Int32(List<String> axisNames, RowFacts facts, int[] data, List<OutputTensor> tensors) {
            super(axisNames, facts, tensors);
            this.data = data;
        }

        @Override
        public DType dtype() {
            return DType.INT32;
        }

        @Override
        public double get(int axis, int index) {
            Objects.checkIndex(index, length());
            return data[axis * length() + index];
        }

        /** Axis {@code axis} as a read-only view of {@code length} values (no copy). */
        public IntBuffer axis(int axis) {
            Objects.checkIndex(axis, axes());
            return IntBuffer.wrap(data, axis * length(), length()).slice().asReadOnlyBuffer();
        }

        /** A fresh copy of axis {@code axis}. */
        public int[] axisValues(int axis) {
            Objects.checkIndex(axis, axes());
            return Arrays.copyOfRange(data, axis * length(), (axis + 1) * length());
        }

        /** Copies axis {@code axis} into {@code dst} at {@code offset}: what a batch or an encoder assembles. */
        public void copyAxis(int axis, int[] dst, int offset) {
            Objects.checkIndex(axis, axes());
            System.arraycopy(data, axis * length(), dst, offset, length());
        }

        @Override
        public Int32 withFacts(RowFacts facts) {
            return new Int32(axisNames(), facts, data, tensors());
        }

        @Override
        public Int32 withTensors(List<OutputTensor> tensors) {
            return new Int32(axisNames(), facts(), data, tensors);
        }
    }

    /** Fractional positions, bit-exact to the reference's float32 tensor. */
    public static final class Float32 extends PositionPlan {
        private final float[] data;

        private Float32(List<String> axisNames, RowFacts facts, float[] data, List<OutputTensor> tensors) {
            super(axisNames, facts, tensors);
            this.data = data;
        }

        @Override
        public DType dtype() {
            return DType.FLOAT32;
        }

        @Override
        public double get(int axis, int index) {
            Objects.checkIndex(index, length());
            return data[axis * length() + index];
        }

        /** Axis {@code axis} as a read-only view of {@code length} values (no copy). */
        public FloatBuffer axis(int axis) {
            Objects.checkIndex(axis, axes());
            return FloatBuffer.wrap(data, axis * length(), length()).slice().asReadOnlyBuffer();
        }

        /** A fresh copy of axis {@code axis}. */
        public float[] axisValues(int axis) {
            Objects.checkIndex(axis, axes());
            return Arrays.copyOfRange(data, axis * length(), (axis + 1) * length());
        }

        /** Copies axis {@code axis} into {@code dst} at {@code offset}. */
        public void copyAxis(int axis, float[] dst, int offset) {
            Objects.checkIndex(axis, axes());
            System.arraycopy(data, axis * length(), dst, offset, length());
        }

        @Override
        public Float32 withFacts(RowFacts facts) {
            return new Float32(axisNames(), facts, data, tensors());
        }

        @Override
        public Float32 withTensors(List<OutputTensor> tensors) {
            return new Float32(axisNames(), facts(), data, tensors);
        }
    }
}
