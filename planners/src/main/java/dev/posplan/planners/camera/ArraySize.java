package dev.posplan.planners.camera;

import dev.posplan.multimodal.InvalidInputException;

/**
 * The length of a flat primitive buffer from its dimensions, checked before allocating: the camera
 * encodings size arrays as products ({@code views · rows · cols · 3}, {@code tokens · channels}) that can
 * exceed an int, and a wrapped product would fail late (negative size) or silently allocate a wrong length.
 */
final class ArraySize {

    /** Largest array length every JVM allocates (HotSpot reserves a few header words). */
    static final int MAX_LENGTH = Integer.MAX_VALUE - 8;

    private ArraySize() {
    }

    /**
     * {@code dims[0] · dims[1] · …} as an array length.
     *
     * @param what names the buffer in the error
     * @throws IllegalArgumentException when a dimension is negative or the product exceeds {@link #MAX_LENGTH}
     */
    static int of(String what, int... dims) {
        long n = 1;
        for (int d : dims) {
            if (d < 0) {
                throw InvalidInputException.of(what + ": negative dimension in " + shape(dims));
            }
            n *= d;
            // Dimensions are ints, so n <= MAX_LENGTH · (2^31 − 1) < 2^62 after each step: no long overflow.
            if (n > MAX_LENGTH) {
                throw InvalidInputException.of(what + ": " + shape(dims) + " values are more than one array holds ("
                        + MAX_LENGTH + ")");
            }
        }
        return (int) n;
    }

    private static String shape(int[] dims) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            sb.append(i == 0 ? "" : " x ").append(dims[i]);
        }
        return sb.toString();
    }
}
