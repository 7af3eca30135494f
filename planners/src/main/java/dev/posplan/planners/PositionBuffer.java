package dev.posplan.planners;

import dev.posplan.multimodal.InvalidInputException;
import java.util.Objects;

/**
 * What a planner writes positions into: token slots {@code [from, from + length)} of a row on each axis,
 * stored axis-major like a backend's {@code position_ids[axes, L]}. Values are handed over as doubles and
 * stored once, rounded to the plan's type: truncated toward zero for {@link DType#INT32} (the references'
 * {@code .long()}), rounded to nearest for {@link DType#FLOAT32}. Bulk operations keep the hot path free of
 * per-token calls.
 *
 * <p>Writers always address row slots; a buffer that holds only a window of the row ({@link #window}) drops
 * what falls outside it, so one walk serves a whole plan, a slice for chunked prefill, or a caller's
 * preallocated array ({@link CallerBuffers}: {@code int[]}, {@code long[]}, {@code float[]}, {@code IntBuffer},
 * {@code LongBuffer}, at an offset and axis stride of the caller's choosing). {@link BlockRecorder} keeps
 * the runs and grid tables instead of values.
 *
 * <p>Integer storage refuses a value outside the int32 range (or NaN) with an {@link Int32Overflow} instead of
 * storing a saturated value, also for values outside the window, so that a slice fails exactly when the whole
 * plan does; bulk operations check their two end values only, since a fill or ramp is monotonic. int64
 * storage holds the same int32 values widened.
 */
public abstract class PositionBuffer {

    protected final int axes;
    protected final int length;
    /** First row slot held. */
    protected final int from;
    /** Storage index of slot {@code from} on axis 0. */
    protected final int offset;
    /** Storage distance between two axes. */
    protected final int stride;

    PositionBuffer(int axes, int from, int length, int offset, int stride) {
        this.axes = axes;
        this.from = from;
        this.length = length;
        this.offset = offset;
        this.stride = stride;
    }

    /**
     * Allocates a buffer of {@code axes * length} elements for a whole row.
     *
     * @throws IllegalArgumentException if the size exceeds {@link Limits#DEFAULT}
     */
    public static PositionBuffer allocate(DType dtype, int axes, int length) {
        return window(dtype, axes, 0, length);
    }

    /**
     * Allocates a buffer for row slots {@code [from, from + length)}: what a chunk of chunked prefill needs.
     *
     * @throws IllegalArgumentException if the size exceeds {@link Limits#DEFAULT}
     */
    public static PositionBuffer window(DType dtype, int axes, int from, int length) {
        if (axes < 1 || length < 0 || from < 0) {
            throw new IllegalArgumentException("bad position buffer shape " + axes + "x" + length + " from " + from);
        }
        int size = Limits.DEFAULT.positionValues(axes, length);
        return dtype == DType.INT32 ? new CallerBuffers.Ints(new int[size], axes, from, length, 0, length)
                : new CallerBuffers.Floats(new float[size], axes, from, length, 0, length);
    }

    public int axes() {
        return axes;
    }

    /** Number of slots held. */
    public int length() {
        return length;
    }

    /** First row slot held (0 unless this is a window). */
    public int from() {
        return from;
    }

    /** The type of the values held; int64 storage holds {@link DType#INT32} positions. */
    public abstract DType dtype();

    /** Stores one value (dropped outside the window). */
    public void set(int axis, int index, double value) {
        double v = stored(value);
        if (index >= from && index < from + length) {
            put(at(axis, index), v);
        }
    }

    /** Reads a stored value back; {@code index} must lie in the window. */
    public double get(int axis, int index) {
        Objects.checkIndex(axis, axes);
        return read(at(axis, Objects.checkFromIndexSize(index - from, 1, length) + from));
    }

    /** {@code n} copies of {@code value} from {@code index}. */
    public void fill(int axis, int index, int n, double value) {
        double v = stored(value);
        int lo = Math.max(index, from);
        int hi = Math.min(index + n, from + length);
        if (lo < hi) {
            putFill(at(axis, lo), hi - lo, v);
        }
    }

    /** {@code start, start + step, …} ({@code n} values) from {@code index}. */
    public void ramp(int axis, int index, int n, double start, double step) {
        if (n <= 0) {
            return;
        }
        // a ramp is monotonic: if both ends fit, every value does
        stored(start + (n - 1) * step);
        stored(start);
        int lo = Math.max(index, from);
        int hi = Math.min(index + n, from + length);
        if (lo < hi) {
            putRamp(at(axis, lo), hi - lo, start, step, lo - index);
        }
    }

    /** The same ramp with step 1 on every axis: what text tokens get. */
    public void rampAll(int index, int n, double start) {
        for (int a = 0; a < axes; a++) {
            ramp(a, index, n, start, 1);
        }
    }

    /** The same value on every axis. */
    public void fillAll(int index, int n, double value) {
        for (int a = 0; a < axes; a++) {
            fill(a, index, n, value);
        }
    }

    /**
     * Rows {@code firstRow … firstRow + rows - 1} of one temporal slice of a block, each {@code w} slots,
     * the first of them at slot {@code index}: row {@code hi} starts at {@code sliceValue + hi * rowStep} and
     * advances by {@code colStep} per column, each value rounded as {@link #ramp} rounds it. The rows lie inside
     * the window and their extremes have been checked ({@link dev.posplan.planners.design.GridFill}); storage with a faster bulk path
     * overrides this.
     */
    public void rows(int axis, int index, int w, double sliceValue, int firstRow, int rows, double rowStep, double colStep) {
        for (int r = 0; r < rows; r++) {
            double rowStart = sliceValue + (firstRow + r) * rowStep;
            if (colStep == 0) {
                fill(axis, index + r * w, w, rowStart);
            } else {
                ramp(axis, index + r * w, w, rowStart, colStep);
            }
        }
    }

    /**
     * Whole temporal slices {@code firstSlice … lastSlice} of a block of {@code h × w} cells per slice, slice
     * {@code firstSlice} starting at slot {@code index}: {@link #rows} of every row of each slice.
     */
    public void slices(int axis, int index, int h, int w, double[] slice, int firstSlice, int lastSlice, double rowStep,
            double colStep) {
        for (int ti = firstSlice; ti <= lastSlice; ti++) {
            rows(axis, index + (ti - firstSlice) * h * w, w, slice[ti], 0, h, rowStep, colStep);
        }
    }

    /**
     * {@code value} as this buffer stores it (truncated for integer storage, float32-rounded otherwise),
     * whether or not it falls in the window: what a walker takes the max of.
     *
     * @throws Int32Overflow for integer storage if the value is not an int32
     */
    public double stored(double value) {
        if (dtype() == DType.FLOAT32) {
            return (float) value;
        }
        // also false for NaN, which (int) would silently turn into 0
        if (!(value > Integer.MIN_VALUE - 1.0 && value < Integer.MAX_VALUE + 1.0)) {
            throw new Int32Overflow(value);
        }
        return (int) value;
    }

    /** Storage index of row slot {@code index} (inside the window) on {@code axis}. */
    final int at(int axis, int index) {
        return offset + axis * stride + (index - from);
    }

    /** Stores an already {@link #stored} value. */
    abstract void put(int at, double value);

    abstract double read(int at);

    /** {@code n} copies of an already {@link #stored} value from storage index {@code at}. */
    abstract void putFill(int at, int n, double value);

    /**
     * Elements {@code first, first + 1, …} of the ramp {@code start + i * step} ({@code n} of them) from
     * storage index {@code at}, each computed from its own index so a clipped ramp rounds like the whole one.
     */
    abstract void putRamp(int at, int n, double start, double step, int first);

    /** The backing array of an allocated buffer, handed to the plan without a copy. */
    Object freeze() {
        throw new IllegalStateException("only an allocated buffer backs a plan");
    }

    /** A position that an {@link DType#INT32} buffer cannot hold; the walker adds which input caused it. */
    public static final class Int32Overflow extends InvalidInputException {
        private static final long serialVersionUID = 1L;

        Int32Overflow(double value) {
            super(null, "position " + exact(value) + " exceeds the int32 range of integer positions");
        }

        /**
         * The position as an integer, not a double's exponent form; a value the references' int64 arithmetic
         * saturated ({@code .long()} of a huge product) is past int64, not equal to its bound.
         */
        private static String exact(double value) {
            if (Double.isNaN(value)) {
                return "NaN";
            }
            if (Math.abs(value) >= 0x1p63) {
                return (value > 0 ? "above " : "below ") + (value > 0 ? Long.MAX_VALUE : Long.MIN_VALUE)
                        + " (int64 overflow)";
            }
            return value == Math.rint(value) ? Long.toString((long) value)
                    : new java.math.BigDecimal(value).toPlainString();
        }
    }

    /** Integral ramps stay in int arithmetic, whatever their integral step (VRoPE's mirrored rows and columns). */
    static boolean integral(double start, double step) {
        return start == Math.rint(start) && step == Math.rint(step);
    }

    /** Checks that {@code axes} axes of {@code length} slots, {@code stride} apart from {@code offset}, fit in {@code capacity}. */
    static void checkShape(int capacity, int offset, int stride, int axes, int from, int length) {
        if (axes < 1 || length < 0 || from < 0 || offset < 0 || stride < length) {
            throw new IllegalArgumentException("bad target shape: " + axes + " axes of " + length + " slots from slot "
                    + from + ", offset " + offset + ", axis stride " + stride + " (must be >= the slot count)");
        }
        long end = offset + (long) (axes - 1) * stride + length;
        if (end > capacity) {
            throw new IllegalArgumentException("target of " + capacity + " elements is too small for " + axes
                    + " axes of " + length + " slots at offset " + offset + " with axis stride " + stride);
        }
    }
}
