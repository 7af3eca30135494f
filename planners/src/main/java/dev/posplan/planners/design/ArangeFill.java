package dev.posplan.planners.design;

import dev.posplan.multimodal.numerics.TorchArange;
import dev.posplan.planners.PositionBuffer;

/** Writes a slice of a float32 {@code torch.arange} into a position buffer (the V2PE schemes' visual steps). */
public final class ArangeFill {

    private ArangeFill() {
    }

    /**
     * Writes elements {@code from .. from+count-1} of the arange ({@code length} elements in all) to
     * {@code out} on {@code axis}, starting at sequence index {@code at}; returns the last value written.
     */
    public static float write(PositionBuffer out, int axis, int at, double start, double step, long length,
            long from, int count) {
        if (from < 0 || from + count > length) {
            throw new IllegalArgumentException("arange of " + length + " elements has no elements " + from + ".."
                    + (from + count - 1));
        }
        // only the elements inside the buffer's window; the last one is computed on its own (the arange is
        // random access), so a slice costs what it holds
        int lo = Math.max(out.from() - at, 0);
        int hi = Math.min(out.from() + out.length() - at, count);
        for (int i = lo; i < hi; i++) {
            out.set(axis, at + i, TorchArange.element(start, step, length, from + i));
        }
        return count == 0 ? Float.NaN : TorchArange.element(start, step, length, from + count - 1);
    }
}
