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
 * decoder needs to continue, and the scheme's other outputs ({@link #tensors()}: camera rays, projections, …).
 * An encoding with no position ids of its own (a camera encoding) plans zero axes and only tensors.
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
public abstract sealed class PositionPlan permits PositionPlan.Int32, PositionPlan.Float32 {

    private final List<String> axisNames;
    private final int length;
    private final int unpaddedLength;
    private final double maxPosition;
    private final double[] decodeStart;
    private final double decodeStep;
    private final DeltaBase deltaBase;
    private final boolean hostDecode;
    private final List<OutputTensor> tensors;

    private PositionPlan(PositionPlan from, double[] decodeStart, double decodeStep, DeltaBase deltaBase,
            boolean hostDecode, List<OutputTensor> tensors) {
        this(from.axisNames, from.length, from.unpaddedLength, from.maxPosition, decodeStart, decodeStep, deltaBase,
                hostDecode, tensors);
    }

    private PositionPlan(List<String> axisNames, int length, int unpaddedLength, double maxPosition,
            double[] decodeStart, double decodeStep, DeltaBase deltaBase, boolean hostDecode,
            List<OutputTensor> tensors) {
        this.axisNames = List.copyOf(axisNames);
        if (decodeStart.length != this.axisNames.size()) {
            throw new IllegalArgumentException("decode start needs one value per axis");
        }
        this.length = length;
        this.unpaddedLength = unpaddedLength;
        this.maxPosition = maxPosition;
        this.decodeStart = decodeStart.clone();
        this.decodeStep = decodeStep;
        this.deltaBase = Objects.requireNonNull(deltaBase, "deltaBase");
        this.hostDecode = hostDecode;
        this.tensors = List.copyOf(tensors);
    }

    /**
     * A plan whose generated tokens follow the host rule {@code (base + k) + ropeDelta} on every axis
     * ({@code maxPosition + 1 + k} in exact arithmetic; see {@link #decodePosition}).
     */
    public static PositionPlan of(List<String> axisNames, PositionBuffer buffer, int unpaddedLength,
            double maxPosition) {
        return of(axisNames, buffer, unpaddedLength, maxPosition, hostStart(buffer.axes(), maxPosition), 1)
                .withHostDecode();
    }

    /** A plan with an explicit decode rule; its rope delta counts the padded length ({@link DeltaBase#PADDED}). */
    public static PositionPlan of(List<String> axisNames, PositionBuffer buffer, int unpaddedLength,
            double maxPosition, double[] decodeStart, double decodeStep) {
        if (axisNames.size() != buffer.axes()) {
            throw new IllegalArgumentException("axis names " + axisNames + " do not match " + buffer.axes() + " axes");
        }
        Object data = buffer.freeze();
        if (data instanceof int[] ints) {
            return new Int32(axisNames, buffer.length(), unpaddedLength, ints, maxPosition, decodeStart, decodeStep,
                    DeltaBase.PADDED, false, List.of());
        }
        return new Float32(axisNames, buffer.length(), unpaddedLength, (float[]) data, maxPosition, decodeStart,
                decodeStep, DeltaBase.PADDED, false, List.of());
    }

    /**
     * The plan of an encoding without position ids of its own (a camera encoding): zero axes over
     * {@code length} tokens, and its outputs. Its maximum position is -1 (no position is used).
     */
    public static PositionPlan tensorsOnly(int length, List<OutputTensor> tensors) {
        return new Float32(List.of(), length, length, new float[0], -1, new double[0], 0, DeltaBase.PADDED, false,
                tensors);
    }

    /** The same positions (shared, they are immutable) with another decode rule. */
    public abstract PositionPlan withDecode(double[] start, double step);

    /**
     * The same positions (shared) whose generated tokens follow the host rule: token {@code k} at cache
     * position {@code base + k} gets {@code (base + k) + ropeDelta} ({@link #decodePosition}).
     */
    public abstract PositionPlan withHostDecode();

    /** The same positions (shared) whose {@link #ropeDelta()} subtracts the length {@code base} names. */
    public abstract PositionPlan withDeltaBase(DeltaBase base);

    /** The same positions (shared) carrying {@code tensors} as well. */
    public abstract PositionPlan withTensors(List<OutputTensor> tensors);

    public List<String> axisNames() {
        return axisNames;
    }

    public int axes() {
        return axisNames.size();
    }

    public abstract DType dtype();

    public int length() {
        return length;
    }

    public int unpaddedLength() {
        return unpaddedLength;
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

    /** {@code M + 1 - n} in the plan's arithmetic. */
    abstract double delta(int n);

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
        return plusRopeDelta(at);
    }

    /** {@code at + ropeDelta} in the host's arithmetic (the plan's tensor dtype). */
    abstract double plusRopeDelta(long at);

    /** {@code maxPosition + 1} on every axis: the host rule's start in exact arithmetic. */
    private static double[] hostStart(int axes, double maxPosition) {
        double[] start = new double[axes];
        Arrays.fill(start, maxPosition + 1);
        return start;
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

    double[] decodeStart() {
        return decodeStart;
    }

    /** Whether generated tokens follow the host rule rather than an explicit start and step. */
    boolean hostDecode() {
        return hostDecode;
    }

    /** Integral positions, stored as int32 (the references' int64 values, range-checked when written). */
    public static final class Int32 extends PositionPlan {
        private final int[] data;

        private Int32(List<String> axisNames, int length, int unpaddedLength, int[] data, double maxPosition,
                double[] decodeStart, double decodeStep, DeltaBase deltaBase, boolean hostDecode,
                List<OutputTensor> tensors) {
            super(axisNames, length, unpaddedLength, maxPosition, decodeStart, decodeStep, deltaBase, hostDecode,
                    tensors);
            this.data = data;
        }

        private Int32(Int32 from, double[] decodeStart, double decodeStep, DeltaBase deltaBase,
                boolean hostDecode, List<OutputTensor> tensors) {
            super(from, decodeStart, decodeStep, deltaBase, hostDecode, tensors);
            this.data = from.data;
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
        double delta(int n) {
            return maxPosition() + 1 - n;
        }

        @Override
        double plusRopeDelta(long at) {
            return at + ropeDelta();
        }

        @Override
        public Int32 withDecode(double[] start, double step) {
            return new Int32(this, Objects.requireNonNull(start, "start"), step, deltaBase(), false, tensors());
        }

        @Override
        public Int32 withHostDecode() {
            return new Int32(this, hostStart(axes(), maxPosition()), 1, deltaBase(), true, tensors());
        }

        @Override
        public Int32 withDeltaBase(DeltaBase base) {
            return new Int32(this, decodeStart(), decodeStep(), base, hostDecode(), tensors());
        }

        @Override
        public Int32 withTensors(List<OutputTensor> tensors) {
            return new Int32(this, decodeStart(), decodeStep(), deltaBase(), hostDecode(), tensors);
        }
    }

    /** Fractional positions, bit-exact to the reference's float32 tensor. */
    public static final class Float32 extends PositionPlan {
        private final float[] data;

        private Float32(List<String> axisNames, int length, int unpaddedLength, float[] data, double maxPosition,
                double[] decodeStart, double decodeStep, DeltaBase deltaBase, boolean hostDecode,
                List<OutputTensor> tensors) {
            super(axisNames, length, unpaddedLength, maxPosition, decodeStart, decodeStep, deltaBase, hostDecode,
                    tensors);
            this.data = data;
        }

        private Float32(Float32 from, double[] decodeStart, double decodeStep, DeltaBase deltaBase,
                boolean hostDecode, List<OutputTensor> tensors) {
            super(from, decodeStart, decodeStep, deltaBase, hostDecode, tensors);
            this.data = from.data;
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

        /**
         * A float32 reference computes {@code M + 1 - n} on its float32 max tensor, rounding after the
         * {@code + 1} and again after the subtraction, which double arithmetic can miss by an ulp.
         */
        @Override
        double delta(int n) {
            return (float) ((float) (maxPosition() + 1) - n);
        }

        /** torch: an int64 cache position plus the float32 rope_deltas tensor, one float32 rounding. */
        @Override
        double plusRopeDelta(long at) {
            return (float) at + (float) ropeDelta();
        }

        @Override
        public Float32 withDecode(double[] start, double step) {
            return new Float32(this, Objects.requireNonNull(start, "start"), step, deltaBase(), false, tensors());
        }

        @Override
        public Float32 withHostDecode() {
            return new Float32(this, hostStart(axes(), maxPosition()), 1, deltaBase(), true, tensors());
        }

        @Override
        public Float32 withDeltaBase(DeltaBase base) {
            return new Float32(this, decodeStart(), decodeStep(), base, hostDecode(), tensors());
        }

        @Override
        public Float32 withTensors(List<OutputTensor> tensors) {
            return new Float32(this, decodeStart(), decodeStep(), deltaBase(), hostDecode(), tensors);
        }
    }
}
