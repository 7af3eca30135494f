package dev.posplan.planners;

/**
 * The float32 values PyTorch's CPU {@code torch.arange(start, end, step)} produces (vlm-ropes.md §11.3),
 * element by element in closed form, so V2PE-style positions come out bit-exact without building a tensor.
 *
 * <p>The kernel (torch 1.13, AVX2) holds {@code start} and {@code step} as doubles. While at least
 * {@value #BLOCK} elements remain it writes two {@value #LANES}-lane vectors per iteration; lane {@code i} of
 * the vector starting at index {@code idx} is {@code f32(f64(f32(start + step*idx)) + i*step)}. The remaining
 * tail is scalar, {@code f32(start + step*k)}. The two formulas differ by an ulp now and then when
 * {@code step} is not a power of two, so which elements fall in the vector part (which depends on the
 * length) matters. On other vector widths or on CUDA the bits can differ by one ulp; posplan models the
 * AVX2 CPU the goldens were made on, running one thread (PyTorch splits aranges longer than its grain size,
 * 32768 elements, across threads, each restarting the block pattern at its own chunk).
 */
public final class TorchArange {

    /** float32 lanes of one AVX2 vector. */
    public static final int LANES = 8;
    /** Elements written per vector-loop iteration (two vectors). */
    public static final int BLOCK = 2 * LANES;

    private TorchArange() {
    }

    /**
     * The number of elements, {@code ceil((end - start) / step)} in double as the kernel computes it.
     * Callers pass {@code end} and {@code start} exactly as the reference holds them (e.g. already rounded
     * to float32 when the reference built them as float32 tensors).
     *
     * @throws IllegalArgumentException when the step is zero or not finite, or has the wrong sign
     */
    public static long length(double start, double end, double step) {
        if (!(Double.isFinite(start) && Double.isFinite(end) && Double.isFinite(step)) || step == 0) {
            throw new IllegalArgumentException("arange needs finite start, end and a non-zero step, got "
                    + start + ", " + end + ", " + step);
        }
        double size = Math.ceil((end - start) / step);
        if (size < 0) {
            throw new IllegalArgumentException("arange step " + step + " has the wrong sign for " + start + " .. " + end);
        }
        return (long) size;
    }

    /** Element {@code k} of {@code arange} with {@code length} elements. */
    public static float element(double start, double step, long length, long k) {
        long vectorEnd = length - length % BLOCK;
        if (k < vectorEnd) {
            long lane = k % LANES;
            float first = (float) (start + step * (k - lane));
            return (float) ((double) first + lane * step);
        }
        return (float) (start + step * k);
    }

    /**
     * Writes elements {@code from .. from+count-1} of the arange to {@code out} on {@code axis}, starting at
     * sequence index {@code at}; returns the last value written.
     */
    public static float write(PositionBuffer out, int axis, int at, double start, double step, long length,
            long from, int count) {
        if (from < 0 || from + count > length) {
            throw new IllegalArgumentException("arange of " + length + " elements has no elements " + from + ".."
                    + (from + count - 1));
        }
        float v = Float.NaN;
        for (int i = 0; i < count; i++) {
            v = element(start, step, length, from + i);
            out.set(axis, at + i, v);
        }
        return v;
    }
}
