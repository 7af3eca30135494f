package dev.posplan.planners;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A named output of a scheme other than its position ids (camera rays {@code [L, 6]}, projections
 * {@code [n, 4, 4]}, …): a row-major float32 or int32 array with its shape. Immutable; the arrays handed out
 * are copies, {@link #size()} their element count.
 */
public sealed interface OutputTensor permits OutputTensor.F32, OutputTensor.I32 {

    String name();

    DType dtype();

    /** The shape, outermost first. */
    List<Integer> shape();

    default int size() {
        int n = 1;
        for (int s : shape()) {
            n *= s;
        }
        return n;
    }

    /** A float32 tensor. */
    record F32(String name, List<Integer> shape, float[] data) implements OutputTensor {
        public F32 {
            shape = checked(name, shape, data.length);
            data = data.clone();
        }

        @Override
        public DType dtype() {
            return DType.FLOAT32;
        }

        @Override
        public float[] data() {
            return data.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof F32 t && name.equals(t.name) && shape.equals(t.shape) && Arrays.equals(data, t.data);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, shape, Arrays.hashCode(data));
        }

        @Override
        public String toString() {
            return "F32[" + name + " " + shape + "]";
        }
    }

    /** An int32 tensor. */
    record I32(String name, List<Integer> shape, int[] data) implements OutputTensor {
        public I32 {
            shape = checked(name, shape, data.length);
            data = data.clone();
        }

        @Override
        public DType dtype() {
            return DType.INT32;
        }

        @Override
        public int[] data() {
            return data.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof I32 t && name.equals(t.name) && shape.equals(t.shape) && Arrays.equals(data, t.data);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, shape, Arrays.hashCode(data));
        }

        @Override
        public String toString() {
            return "I32[" + name + " " + shape + "]";
        }
    }

    private static List<Integer> checked(String name, List<Integer> shape, int elements) {
        Objects.requireNonNull(name, "name");
        List<Integer> s = List.copyOf(shape);
        long n = 1;
        for (int d : s) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + s);
            }
            n *= d;
        }
        if (n != elements) {
            throw new IllegalArgumentException("tensor " + name + " of shape " + s + " needs " + n + " values, got "
                    + elements);
        }
        return s;
    }
}
