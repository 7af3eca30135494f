package dev.posplan.multimodal.numerics;

import dev.posplan.multimodal.InvalidInputException;

/**
 * The float32 values PyTorch's CPU {@code torch.arange(start, end, step)} produces (vlm-ropes.md §11.3),
 * element by element in closed form, so V2PE positions and frame indices come out bit-exact without
 * building a tensor.
 *
 * <p>The kernel (torch 1.13, AVX2) holds {@code start} and {@code step} as doubles. While at least
 * 2 × {@value #LANES} elements remain it writes two {@value #LANES}-lane vectors per iteration; lane {@code i} of
 * the vector starting at index {@code idx} is {@code f32(f64(f32(start + step*idx)) + i*step)}. The remaining
 * tail is scalar, {@code f32(start + step*k)}. The two formulas differ by an ulp now and then when
 * {@code step} is not a power of two, so which elements fall in the vector part (which depends on the
 * length) matters. On other vector widths or on CUDA the bits can differ by one ulp; posplan models the
 * AVX2 CPU the goldens were made on, running one thread (PyTorch splits aranges longer than its grain size,
 * 32768 elements, across threads, each restarting the block pattern at its own chunk).
 */
public final class TorchArange {

    /** float32 lanes of one AVX2 vector ({@code Vectorized<float>::size()}; AVX-512 builds have 16). */
    public static final int LANES = 8;

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
            throw InvalidInputException.of("arange needs finite start, end and a non-zero step, got "
                    + start + ", " + end + ", " + step);
        }
        double size = Math.ceil((end - start) / step);
        if (size < 0) {
            throw InvalidInputException.of("arange step " + step + " has the wrong sign for " + start + " .. " + end);
        }
        return (long) size;
    }

    /** Element {@code k} of {@code arange} with {@code length} elements, on an AVX2 build. */
    public static float element(double start, double step, long length, long k) {
        return element(start, step, length, k, LANES);
    }

    /**
     * Element {@code k} on a build whose float vectors have {@code lanes} lanes (1 reproduces the scalar
     * kernel).
     */
    public static float element(double start, double step, long length, long k, int lanes) {
        long block = 2L * lanes;
        long vectorEnd = length - length % block;
        if (k < vectorEnd) {
            long lane = k % lanes;
            float first = (float) (start + step * (k - lane));
            return (float) ((double) first + lane * step);
        }
        return (float) (start + step * k);
    }
}
