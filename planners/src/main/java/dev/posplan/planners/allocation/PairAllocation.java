package dev.posplan.planners.allocation;

import dev.posplan.planners.PositionPlan;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Rotary pairs → axes: pair {@code j} reads axis {@code pairAxis[j]} ({@link #NO_ROTATION}: angle 0). The
 * allocation of the M-RoPE family, VRoPE, V2PE and every 1D RoPE.
 *
 * @param rule      short name of the allocation rule (chunked, interleaved, single, …)
 * @param axisNames the position axes the indices refer to
 * @param headDim   head dimension
 * @param rotaryDim rotated channels D
 * @param theta     rope base
 * @param invFreq   D/2 float32 inverse frequencies
 * @param pairAxis  axis per pair
 * @param pairing   which channels each pair rotates
 */
public record PairAllocation(String rule, List<String> axisNames, int headDim, int rotaryDim, double theta,
        float[] invFreq, int[] pairAxis, ChannelPairing pairing) implements RotaryAllocation {

    public PairAllocation {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(pairing, "pairing");
        axisNames = RotaryAllocation.names(axisNames);
        invFreq = invFreq.clone();
        pairAxis = pairAxis.clone();
        if (invFreq.length != rotaryDim / 2) {
            throw new IllegalArgumentException("inv_freq needs " + rotaryDim / 2 + " values");
        }
        if (pairAxis.length != invFreq.length) {
            throw new IllegalArgumentException("pair_axis needs " + invFreq.length + " entries");
        }
        RotaryAllocation.checkAxes(pairAxis, axisNames.size());
    }

    @Override
    public float[] invFreq() {
        return invFreq.clone();
    }

    @Override
    public float invFreq(int j) {
        return invFreq[j];
    }

    @Override
    public int[] pairAxis() {
        return pairAxis.clone();
    }

    /** The same allocation with channels paired as {@code pairing} says. */
    public PairAllocation withPairing(ChannelPairing pairing) {
        return new PairAllocation(rule, axisNames, headDim, rotaryDim, theta, invFreq, pairAxis, pairing);
    }

    /** Axis of pair j. */
    public int axisOfPair(int j) {
        return pairAxis[j];
    }

    /** The pairs that read {@code axis}, ascending. */
    public int[] pairsOf(int axis) {
        return RotaryAllocation.indicesOf(pairAxis, axis);
    }

    /** Angles of one token, {@code D/2} values; {@link #NO_ROTATION} pairs get 0. */
    public float[] angles(PositionPlan plan, int token) {
        float[] out = new float[pairs()];
        for (int j = 0; j < out.length; j++) {
            int axis = pairAxis[j];
            out[j] = axis == NO_ROTATION ? 0f : FrequencyAllocation.angle(plan.get(axis, token), invFreq[j]);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PairAllocation f && rule.equals(f.rule) && axisNames.equals(f.axisNames)
                && headDim == f.headDim && rotaryDim == f.rotaryDim && Double.compare(theta, f.theta) == 0
                && Arrays.equals(invFreq, f.invFreq) && Arrays.equals(pairAxis, f.pairAxis) && pairing == f.pairing;
    }

    @Override
    public int hashCode() {
        return Objects.hash(rule, axisNames, headDim, rotaryDim, theta, Arrays.hashCode(invFreq),
                Arrays.hashCode(pairAxis), pairing);
    }

    @Override
    public String toString() {
        return "PairAllocation[" + rule + ", D=" + rotaryDim + ", theta=" + theta + ", pairAxis="
                + Arrays.toString(pairAxis) + ", pairing=" + pairing.apiName() + "]";
    }
}
