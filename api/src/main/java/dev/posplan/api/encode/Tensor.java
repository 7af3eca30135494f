package dev.posplan.api.encode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;
import tools.jackson.core.JsonGenerator;

/**
 * A named, C-ordered array over one primitive Java array, and the little-endian bytes it is written as.
 * An {@code int[]} may be written as {@link TensorDType#INT32} or widened to {@link TensorDType#INT64}; a
 * {@code long[]} only as int64; a {@code float[]} only as float32. The array is not copied: the caller must not
 * change it while the tensor is being written.
 */
public final class Tensor {

    /** Bytes staged per write; large enough to make the stream calls cheap, small enough to stay in cache. */
    private static final int CHUNK = 1 << 16;

    /** Names end up in zip entries and JSON headers: keep them to plain identifiers. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,128}");

    private final String name;
    private final TensorDType dtype;
    private final long[] shape;
    private final int[] ints;
    private final long[] longs;
    private final float[] floats;

    private Tensor(String name, TensorDType dtype, long[] shape, int[] ints, long[] longs, float[] floats,
            int length) {
        if (!NAME.matcher(Objects.requireNonNull(name, "name")).matches()) {
            throw new IllegalArgumentException("tensor name must match " + NAME + ", got '" + name + "'");
        }
        this.name = name;
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        this.shape = shape.clone();
        long elements = 1;
        for (long d : this.shape) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor " + name + ": negative dimension in " + Arrays.toString(shape));
            }
            elements = Math.multiplyExact(elements, d);
        }
        if (elements != length) {
            throw new IllegalArgumentException("tensor " + name + ": shape " + Arrays.toString(shape) + " holds "
                    + elements + " elements, the array has " + length);
        }
        this.ints = ints;
        this.longs = longs;
        this.floats = floats;
    }

    /** Integers written as int32 or int64. */
    public static Tensor ofInts(String name, TensorDType dtype, int[] data, long... shape) {
        if (dtype == TensorDType.FLOAT32) {
            throw new IllegalArgumentException("tensor " + name + ": int values cannot be written as float32");
        }
        return new Tensor(name, dtype, shape, data, null, null, data.length);
    }

    /** Integers written as int64. */
    public static Tensor ofLongs(String name, long[] data, long... shape) {
        return new Tensor(name, TensorDType.INT64, shape, null, data, null, data.length);
    }

    /** Floats written as float32. */
    public static Tensor ofFloats(String name, float[] data, long... shape) {
        return new Tensor(name, TensorDType.FLOAT32, shape, null, null, data, data.length);
    }

    public String name() {
        return name;
    }

    public TensorDType dtype() {
        return dtype;
    }

    public long[] shape() {
        return shape.clone();
    }

    /** Number of elements (the product of the shape). */
    public long elements() {
        return ints != null ? ints.length : longs != null ? longs.length : floats.length;
    }

    /** Size of the data in bytes. */
    public long byteSize() {
        return elements() * dtype.bytes();
    }

    /** Writes the elements in C order, little-endian, in {@link #dtype()}. Does not close {@code out}. */
    public void writeData(OutputStream out) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        int n = (int) elements();
        int per = CHUNK / dtype.bytes();
        for (int from = 0; from < n; from += per) {
            int len = Math.min(per, n - from);
            if (ints != null && dtype == TensorDType.INT32) {
                buf.asIntBuffer().put(ints, from, len);
            } else if (ints != null) {
                for (int i = 0; i < len; i++) {
                    buf.putLong(i * 8, ints[from + i]);
                }
            } else if (longs != null) {
                buf.asLongBuffer().put(longs, from, len);
            } else {
                buf.asFloatBuffer().put(floats, from, len);
            }
            out.write(buf.array(), 0, len * dtype.bytes());
        }
    }

    /** Writes {@code len} values from {@code from} as a JSON array, or one bare value when {@code asArray} is false. */
    void writeJsonValues(JsonGenerator g, int from, int len, boolean asArray) {
        if (!asArray) {
            if (ints != null) {
                g.writeNumber(ints[from]);
            } else if (longs != null) {
                g.writeNumber(longs[from]);
            } else {
                g.writeNumber(floats[from]);
            }
        } else if (ints != null) {
            g.writeArray(ints, from, len);
        } else if (longs != null) {
            g.writeArray(longs, from, len);
        } else {
            g.writeStartArray();
            for (int i = from; i < from + len; i++) {
                g.writeNumber(floats[i]);
            }
            g.writeEndArray();
        }
    }

    @Override
    public String toString() {
        return "Tensor[" + name + ", " + dtype.apiName() + ", shape=" + Arrays.toString(shape) + "]";
    }
}
