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
        float v = Float.NaN;
        for (int i = 0; i < count; i++) {
            v = TorchArange.element(start, step, length, from + i);
            out.set(axis, at + i, v);
        }
        return v;
    }
}
