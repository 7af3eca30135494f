package dev.posplan.api.encode;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random tensors of every dtype and of 0 to 4 dimensions (zero-length ones included), for round trips. */
final class RandomTensors {

    /** A tensor with the values it was built from, as doubles in C order. */
    record Sample(Tensor tensor, double[] expected) {
    }

    private RandomTensors() {
    }

    static List<Sample> batch(Random rnd, int count) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(one(rnd, "t" + i));
        }
        return out;
    }

    static List<Tensor> tensors(List<Sample> samples) {
        return samples.stream().map(Sample::tensor).toList();
    }

    static Sample one(Random rnd, String name) {
        int dims = rnd.nextInt(5);
        long[] shape = new long[dims];
        int n = 1;
        for (int d = 0; d < dims; d++) {
            shape[d] = rnd.nextInt(10) == 0 ? 0 : 1 + rnd.nextInt(dims > 2 ? 5 : 40);
            n *= (int) shape[d];
        }
        double[] expected = new double[n];
        switch (rnd.nextInt(4)) {
            case 0, 1 -> {
                int[] v = new int[n];
                for (int i = 0; i < n; i++) {
                    v[i] = rnd.nextBoolean() ? rnd.nextInt() : rnd.nextInt(2000) - 1000;
                    expected[i] = v[i];
                }
                return new Sample(Tensor.ofInts(name, rnd.nextBoolean() ? TensorDType.INT32 : TensorDType.INT64, v,
                        shape), expected);
            }
            case 2 -> {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    v[i] = rnd.nextLong() >> 12; // exact as a double, so readers' doubles compare exactly
                    expected[i] = v[i];
                }
                return new Sample(Tensor.ofLongs(name, v, shape), expected);
            }
            default -> {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = rnd.nextBoolean() ? rnd.nextFloat() * 1e6f - 5e5f : Float.intBitsToFloat(rnd.nextInt(0x7f000000));
                    expected[i] = v[i];
                }
                return new Sample(Tensor.ofFloats(name, v, shape), expected);
            }
        }
    }
}
