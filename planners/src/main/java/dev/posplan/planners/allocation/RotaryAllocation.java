package dev.posplan.planners.allocation;

import java.util.List;

/**
 * A RoPE allocation: D rotated channels as D/2 pairs, pair {@code j} rotating the two channels its
 * {@link #pairing()} names with angle {@code position[axis] * invFreq[j]} in float32. Which axis a pair reads
 * is per pair ({@link PairAllocation}) or per KV head ({@link HeadAllocation}); {@link ChannelAllocation} says
 * it per channel, for references whose two channels of a pair read different axes.
 */
public sealed interface RotaryAllocation extends FrequencyAllocation
        permits PairAllocation, HeadAllocation, ChannelAllocation {

    /** Rotated channels D (head_dim × partial_rotary_factor). */
    int rotaryDim();

    /** Which channels each pair rotates: {@code (j, j + D/2)} or {@code (2j, 2j + 1)}. */
    ChannelPairing pairing();

    /** Rope base. */
    double theta();

    /** The D/2 float32 inverse frequencies, a fresh copy. */
    float[] invFreq();

    /** Inverse frequency of pair j. */
    float invFreq(int j);

    default int pairs() {
        return rotaryDim() / 2;
    }

    default double partialRotaryFactor() {
        return (double) rotaryDim() / headDim();
    }

    /** Checks axis indices against {@code count} axes ({@link #NO_ROTATION} allowed). */
    static void checkAxes(int[] axes, int count) {
        for (int a : axes) {
            if (a < NO_ROTATION || a >= count) {
                throw new IllegalArgumentException("axis index " + a + " out of range");
            }
        }
    }

    /** Indices {@code i} with {@code axisOf[i] == axis}: the per-axis view of an allocation. */
    static int[] indicesOf(int[] axisOf, int axis) {
        return java.util.stream.IntStream.range(0, axisOf.length).filter(i -> axisOf[i] == axis).toArray();
    }

    /** A defensive copy of the axis names. */
    static List<String> names(List<String> axisNames) {
        return List.copyOf(axisNames);
    }
}
