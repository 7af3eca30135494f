package dev.posplan.planners;

import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;

/**
 * Position buffers over storage the caller owns, so planning allocates nothing per plan: row slots
 * {@code [from, from + length)} of axis {@code a} go to elements {@code offset + a * axisStride + 0 …
 * length - 1}. A stride larger than the length lets a caller fill one row of a {@code [axes][B][L]} tensor
 * (offset {@code b * L}, stride {@code B * L}). {@code long[]} and {@link LongBuffer} hold integral positions
 * as int64, the way vLLM and HF keep {@code position_ids}; their values are the int32 plan's, widened.
 */
public final class CallerBuffers {

    private CallerBuffers() {
    }

    /** Row slots {@code [0, length)} into {@code dest} from {@code offset}, axes {@code length} apart. */
    public static PositionBuffer of(int[] dest, int offset, int axes, int length) {
        return of(dest, offset, length, axes, 0, length);
    }

    /** Row slots {@code [from, from + length)} into {@code dest} from {@code offset}, axes {@code axisStride} apart. */
    public static PositionBuffer of(int[] dest, int offset, int axisStride, int axes, int from, int length) {
        PositionBuffer.checkShape(dest.length, offset, axisStride, axes, from, length);
        return new Ints(dest, axes, from, length, offset, axisStride);
    }

    /** int64 storage of row slots {@code [0, length)}. */
    public static PositionBuffer of(long[] dest, int offset, int axes, int length) {
        return of(dest, offset, length, axes, 0, length);
    }

    /** int64 storage of row slots {@code [from, from + length)}. */
    public static PositionBuffer of(long[] dest, int offset, int axisStride, int axes, int from, int length) {
        PositionBuffer.checkShape(dest.length, offset, axisStride, axes, from, length);
        return new Longs(dest, axes, from, length, offset, axisStride);
    }

    /** float32 storage of row slots {@code [0, length)} (for float32 plans). */
    public static PositionBuffer of(float[] dest, int offset, int axes, int length) {
        return of(dest, offset, length, axes, 0, length);
    }

    /** float32 storage of row slots {@code [from, from + length)}. */
    public static PositionBuffer of(float[] dest, int offset, int axisStride, int axes, int from, int length) {
        PositionBuffer.checkShape(dest.length, offset, axisStride, axes, from, length);
        return new Floats(dest, axes, from, length, offset, axisStride);
    }

    /**
     * int32 storage in an {@link IntBuffer} (heap or direct) at absolute indices from {@code offset}; the
     * buffer's position and limit are left alone.
     */
    public static PositionBuffer of(IntBuffer dest, int offset, int axisStride, int axes, int from, int length) {
        writable(dest.isReadOnly());
        PositionBuffer.checkShape(dest.limit(), offset, axisStride, axes, from, length);
        return new IntNio(dest, axes, from, length, offset, axisStride);
    }

    /** int64 storage in a {@link LongBuffer} (heap or direct) at absolute indices from {@code offset}. */
    public static PositionBuffer of(LongBuffer dest, int offset, int axisStride, int axes, int from, int length) {
        writable(dest.isReadOnly());
        PositionBuffer.checkShape(dest.limit(), offset, axisStride, axes, from, length);
        return new LongNio(dest, axes, from, length, offset, axisStride);
    }

    private static void writable(boolean readOnly) {
        if (readOnly) {
            throw new IllegalArgumentException("the target buffer is read-only");
        }
    }

    /** int32 positions in an {@code int[]}: the allocated plans' storage, too. */
    static final class Ints extends PositionBuffer {
        private final int[] data;

        Ints(int[] data, int axes, int from, int length, int offset, int stride) {
            super(axes, from, length, offset, stride);
            this.data = data;
        }

        @Override
        public DType dtype() {
            return DType.INT32;
        }

        @Override
        void put(int at, double value) {
            data[at] = (int) value;
        }

        @Override
        double read(int at) {
            return data[at];
        }

        @Override
        void putFill(int at, int n, double value) {
            Arrays.fill(data, at, at + n, (int) value);
        }

        @Override
        void putRamp(int at, int n, double start, double step, int first) {
            if (integral(start, step)) {
                int v = (int) (start + first * step);
                int delta = (int) step;
                for (int i = 0; i < n; i++) {
                    data[at + i] = v + i * delta;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    data[at + i] = (int) (start + (first + i) * step);
                }
            }
        }

        /** The hot path of a dense plan: no call, clip or check per row. */
        @Override
        public void rows(int axis, int index, int w, double sliceValue, int firstRow, int rows, double rowStep, double colStep) {
            int at = at(axis, index);
            if (integral(sliceValue, rowStep) && colStep == Math.rint(colStep)) {
                // integral rows and columns: int arithmetic over the whole slice, as the ramps' fast path
                int rowStart = (int) (sliceValue + firstRow * rowStep);
                int dr = (int) rowStep;
                int dc = (int) colStep;
                for (int r = 0; r < rows; r++, at += w, rowStart += dr) {
                    for (int c = 0; c < w; c++) {
                        data[at + c] = rowStart + c * dc;
                    }
                }
                return;
            }
            for (int r = 0; r < rows; r++, at += w) {
                double rowStart = sliceValue + (firstRow + r) * rowStep;
                if (colStep == 0) {
                    Arrays.fill(data, at, at + w, (int) rowStart);
                } else {
                    putRamp(at, w, rowStart, colStep, 0);
                }
            }
        }

        /**
         * With integral values every slice is the first plus the difference of their slice values: one long
         * copy-and-add loop per slice instead of a short loop per row.
         */
        @Override
        public void slices(int axis, int index, int h, int w, double[] slice, int firstSlice, int lastSlice, double rowStep,
                double colStep) {
            int perSlice = h * w;
            int first = at(axis, index);
            rows(axis, index, w, slice[firstSlice], 0, h, rowStep, colStep);
            // slice values that are int32 integers themselves, so that their difference is exact in int arithmetic
            boolean integral = slice[firstSlice] == (int) slice[firstSlice] && integral(0, rowStep)
                    && colStep == Math.rint(colStep);
            for (int ti = firstSlice + 1; ti <= lastSlice; ti++) {
                int sliceIndex = index + (ti - firstSlice) * perSlice;
                if (!integral || slice[ti] != (int) slice[ti]) {
                    rows(axis, sliceIndex, w, slice[ti], 0, h, rowStep, colStep);
                    continue;
                }
                int delta = (int) slice[ti] - (int) slice[firstSlice];
                int at = at(axis, sliceIndex);
                if (delta == 0) {
                    // M-RoPE's h and w: every slice the same, a plain copy at memory speed
                    System.arraycopy(data, first, data, at, perSlice);
                } else {
                    for (int k = 0; k < perSlice; k++) {
                        data[at + k] = data[first + k] + delta;
                    }
                }
            }
        }

        @Override
        Object freeze() {
            return data;
        }
    }

    /** int32 positions widened to int64 in a {@code long[]}. */
    static final class Longs extends PositionBuffer {
        private final long[] data;

        Longs(long[] data, int axes, int from, int length, int offset, int stride) {
            super(axes, from, length, offset, stride);
            this.data = data;
        }

        @Override
        public DType dtype() {
            return DType.INT32;
        }

        @Override
        void put(int at, double value) {
            data[at] = (long) value;
        }

        @Override
        double read(int at) {
            return data[at];
        }

        @Override
        void putFill(int at, int n, double value) {
            Arrays.fill(data, at, at + n, (long) value);
        }

        @Override
        void putRamp(int at, int n, double start, double step, int first) {
            if (integral(start, step)) {
                long v = (long) (start + first * step);
                long delta = (long) step;
                for (int i = 0; i < n; i++) {
                    data[at + i] = v + i * delta;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    data[at + i] = (int) (start + (first + i) * step);
                }
            }
        }
    }

    /** float32 positions in a {@code float[]}: the allocated float plans' storage, too. */
    static final class Floats extends PositionBuffer {
        private final float[] data;

        Floats(float[] data, int axes, int from, int length, int offset, int stride) {
            super(axes, from, length, offset, stride);
            this.data = data;
        }

        @Override
        public DType dtype() {
            return DType.FLOAT32;
        }

        @Override
        void put(int at, double value) {
            data[at] = (float) value;
        }

        @Override
        double read(int at) {
            return data[at];
        }

        @Override
        void putFill(int at, int n, double value) {
            Arrays.fill(data, at, at + n, (float) value);
        }

        @Override
        void putRamp(int at, int n, double start, double step, int first) {
            for (int i = 0; i < n; i++) {
                data[at + i] = (float) (start + (first + i) * step);
            }
        }

        @Override
        Object freeze() {
            return data;
        }
    }

    /** int32 positions in an {@link IntBuffer}, written with absolute puts. */
    static final class IntNio extends PositionBuffer {
        private final IntBuffer data;

        IntNio(IntBuffer data, int axes, int from, int length, int offset, int stride) {
            super(axes, from, length, offset, stride);
            this.data = data;
        }

        @Override
        public DType dtype() {
            return DType.INT32;
        }

        @Override
        void put(int at, double value) {
            data.put(at, (int) value);
        }

        @Override
        double read(int at) {
            return data.get(at);
        }

        @Override
        void putFill(int at, int n, double value) {
            int v = (int) value;
            for (int i = 0; i < n; i++) {
                data.put(at + i, v);
            }
        }

        @Override
        void putRamp(int at, int n, double start, double step, int first) {
            for (int i = 0; i < n; i++) {
                data.put(at + i, (int) (start + (first + i) * step));
            }
        }
    }

    /** int32 positions widened to int64 in a {@link LongBuffer}, written with absolute puts. */
    static final class LongNio extends PositionBuffer {
        private final LongBuffer data;

        LongNio(LongBuffer data, int axes, int from, int length, int offset, int stride) {
            super(axes, from, length, offset, stride);
            this.data = data;
        }

        @Override
        public DType dtype() {
            return DType.INT32;
        }

        @Override
        void put(int at, double value) {
            data.put(at, (long) value);
        }

        @Override
        double read(int at) {
            return data.get(at);
        }

        @Override
        void putFill(int at, int n, double value) {
            long v = (long) value;
            for (int i = 0; i < n; i++) {
                data.put(at + i, v);
            }
        }

        @Override
        void putRamp(int at, int n, double start, double step, int first) {
            for (int i = 0; i < n; i++) {
                data.put(at + i, (long) (int) (start + (first + i) * step));
            }
        }
    }
}
