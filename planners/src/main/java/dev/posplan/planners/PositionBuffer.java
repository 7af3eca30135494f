package dev.posplan.planners;

import dev.posplan.multimodal.InvalidInputException;
import java.util.Arrays;

/**
 * The mutable {@code [axes, length]} array a planner writes into, axis-major like a backend's
 * {@code position_ids[axes, L]}. Values are handed over as doubles and stored once, rounded to the
 * buffer's type: truncated toward zero for {@link DType#INT32} (the references' {@code .long()}),
 * rounded to nearest for {@link DType#FLOAT32}. Bulk operations keep the hot path free of per-token calls.
 *
 * <p>An INT32 buffer refuses a value outside the int32 range (or NaN) with an {@link Int32Overflow}
 * instead of storing a saturated value; bulk operations check their two end values only, since a fill or
 * ramp is monotonic.
 */
public abstract sealed class PositionBuffer permits PositionBuffer.Ints, PositionBuffer.Floats {

    protected final int axes;
    protected final int length;

    private PositionBuffer(int axes, int length) {
        this.axes = axes;
        this.length = length;
    }

    /**
     * Allocates a buffer of {@code axes * length} elements.
     *
     * @throws IllegalArgumentException if the size exceeds {@link Limits#DEFAULT}
     */
    public static PositionBuffer allocate(DType dtype, int axes, int length) {
        if (axes < 1 || length < 0) {
            throw new IllegalArgumentException("bad position buffer shape " + axes + "x" + length);
        }
        int size = Limits.DEFAULT.positionValues(axes, length);
        return dtype == DType.INT32 ? new Ints(axes, length, size) : new Floats(axes, length, size);
    }

    public int axes() {
        return axes;
    }

    public int length() {
        return length;
    }

    public abstract DType dtype();

    /** Stores one value. */
    public abstract void set(int axis, int index, double value);

    /** Reads a stored value back. */
    public abstract double get(int axis, int index);

    /** {@code n} copies of {@code value} from {@code from}. */
    public abstract void fill(int axis, int from, int n, double value);

    /** {@code start, start + step, …} ({@code n} values) from {@code from}. */
    public abstract void ramp(int axis, int from, int n, double start, double step);

    /** The same ramp with step 1 on every axis: what text tokens get. */
    public void rampAll(int from, int n, double start) {
        for (int a = 0; a < axes; a++) {
            ramp(a, from, n, start, 1);
        }
    }

    /** The same value on every axis. */
    public void fillAll(int from, int n, double value) {
        for (int a = 0; a < axes; a++) {
            fill(a, from, n, value);
        }
    }

    abstract Object freeze();

    /** A position that an {@link DType#INT32} buffer cannot hold; the walker adds which input caused it. */
    public static final class Int32Overflow extends InvalidInputException {
        private static final long serialVersionUID = 1L;

        Int32Overflow(double value) {
            super(null, "position " + value + " exceeds the int32 range of integer positions");
        }
    }

    static final class Ints extends PositionBuffer {
        private final int[] data;

        Ints(int axes, int length, int size) {
            super(axes, length);
            data = new int[size];
        }

        @Override
        public DType dtype() {
            return DType.INT32;
        }

        /** The stored value of {@code value}: truncated toward zero, if it fits. */
        private static int checked(double value) {
            // also false for NaN, which (int) would silently turn into 0
            if (!(value > Integer.MIN_VALUE - 1.0 && value < Integer.MAX_VALUE + 1.0)) {
                throw new Int32Overflow(value);
            }
            return (int) value;
        }

        @Override
        public void set(int axis, int index, double value) {
            data[axis * length + index] = checked(value);
        }

        @Override
        public double get(int axis, int index) {
            return data[axis * length + index];
        }

        @Override
        public void fill(int axis, int from, int n, double value) {
            int off = axis * length + from;
            Arrays.fill(data, off, off + n, checked(value));
        }

        @Override
        public void ramp(int axis, int from, int n, double start, double step) {
            if (n <= 0) {
                return;
            }
            // a ramp is monotonic: if both ends fit, every value does (and v + i cannot overflow)
            checked(start + (n - 1) * step);
            int first = checked(start);
            int off = axis * length + from;
            boolean integral = start == Math.rint(start);
            if (integral && step == 1) {
                for (int i = 0; i < n; i++) {
                    data[off + i] = first + i;
                }
            } else if (integral && step == Math.rint(step)) {
                // other integral ramps (VRoPE's mirrored rows and columns) stay in int arithmetic too
                int delta = (int) step;
                for (int i = 0; i < n; i++) {
                    data[off + i] = first + i * delta;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    data[off + i] = (int) (start + i * step);
                }
            }
        }

        @Override
        Object freeze() {
            return data;
        }
    }

    static final class Floats extends PositionBuffer {
        private final float[] data;

        Floats(int axes, int length, int size) {
            super(axes, length);
            data = new float[size];
        }

        @Override
        public DType dtype() {
            return DType.FLOAT32;
        }

        @Override
        public void set(int axis, int index, double value) {
            data[axis * length + index] = (float) value;
        }

        @Override
        public double get(int axis, int index) {
            return data[axis * length + index];
        }

        @Override
        public void fill(int axis, int from, int n, double value) {
            int off = axis * length + from;
            Arrays.fill(data, off, off + n, (float) value);
        }

        @Override
        public void ramp(int axis, int from, int n, double start, double step) {
            int off = axis * length + from;
            for (int i = 0; i < n; i++) {
                data[off + i] = (float) (start + i * step);
            }
        }

        @Override
        Object freeze() {
            return data;
        }
    }
}
