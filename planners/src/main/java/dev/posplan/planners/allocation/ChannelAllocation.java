package dev.posplan.planners.allocation;

import dev.posplan.planners.PositionPlan;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Rotated channels → axes: channel {@code c} reads axis {@code channelAxis[c]} with the inverse frequency of
 * the rotary pair it belongs to ({@link ChannelPairing}), so the two channels of one pair may read different
 * axes. This is what a reference does when it splits the duplicated {@code cat(freqs, freqs)} cos/sin table by
 * sections that cross the pair boundary (HunyuanVL's XD-RoPE in HF transformers, {@link SectionDoubling}):
 * the rotation of such a pair is no longer a rotation, but it is what the reference computes. An allocation
 * where both channels of every pair read the same axis is a {@link PairAllocation}; use that one.
 *
 * @param rule        short name of the allocation rule
 * @param axisNames   the position axes the indices refer to
 * @param headDim     head dimension
 * @param rotaryDim   rotated channels D
 * @param theta       rope base (the effective base the inverse frequencies were computed from)
 * @param invFreq     D/2 float32 inverse frequencies, one per pair
 * @param channelAxis axis per rotated channel, D entries
 * @param pairing     which channels each pair rotates
 */
public record ChannelAllocation(String rule, List<String> axisNames, int headDim, int rotaryDim, double theta,
        float[] invFreq, int[] channelAxis, ChannelPairing pairing) implements RotaryAllocation {

    public ChannelAllocation {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(pairing, "pairing");
        axisNames = RotaryAllocation.names(axisNames);
        invFreq = invFreq.clone();
        channelAxis = channelAxis.clone();
        if (invFreq.length != rotaryDim / 2) {
            throw new IllegalArgumentException("inv_freq needs " + rotaryDim / 2 + " values");
        }
        if (channelAxis.length != rotaryDim) {
            throw new IllegalArgumentException("channel_axis needs " + rotaryDim + " entries");
        }
        RotaryAllocation.checkAxes(channelAxis, axisNames.size());
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
    public int[] channelAxis() {
        return channelAxis.clone();
    }

    /** Axis of rotated channel c. */
    public int axisOfChannel(int c) {
        return channelAxis[c];
    }

    /** The rotary pair channel c belongs to, whose inverse frequency it uses. */
    public int pairOf(int c) {
        return pairing.pairOf(c, rotaryDim);
    }

    /** The two axes of pair j, in the order of {@link ChannelPairing#channels}. */
    public int[] pairAxes(int j) {
        int[] ch = pairing.channels(j, rotaryDim);
        return new int[] {channelAxis[ch[0]], channelAxis[ch[1]]};
    }

    /**
     * As a {@link PairAllocation} when both channels of every pair read the same axis (the two are then the same
     * rotation), else null.
     */
    public PairAllocation asPairs() {
        int[] pairAxis = new int[pairs()];
        for (int j = 0; j < pairAxis.length; j++) {
            int[] axes = pairAxes(j);
            if (axes[0] != axes[1]) {
                return null;
            }
            pairAxis[j] = axes[0];
        }
        return new PairAllocation(rule, axisNames, headDim, rotaryDim, theta, invFreq, pairAxis, pairing);
    }

    /** Angles of one token, one per rotated channel ({@code D} values); {@link #NO_ROTATION} channels get 0. */
    public float[] angles(PositionPlan plan, int token) {
        float[] out = new float[rotaryDim];
        for (int c = 0; c < out.length; c++) {
            int axis = channelAxis[c];
            out[c] = axis == NO_ROTATION ? 0f : FrequencyAllocation.angle(plan.get(axis, token), invFreq[pairOf(c)]);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelAllocation f && rule.equals(f.rule) && axisNames.equals(f.axisNames)
                && headDim == f.headDim && rotaryDim == f.rotaryDim && Double.compare(theta, f.theta) == 0
                && Arrays.equals(invFreq, f.invFreq) && Arrays.equals(channelAxis, f.channelAxis)
                && pairing == f.pairing;
    }

    @Override
    public int hashCode() {
        return Objects.hash(rule, axisNames, headDim, rotaryDim, theta, Arrays.hashCode(invFreq),
                Arrays.hashCode(channelAxis), pairing);
    }

    @Override
    public String toString() {
        return "ChannelAllocation[" + rule + ", D=" + rotaryDim + ", theta=" + theta + ", channelAxis="
                + Arrays.toString(channelAxis) + ", pairing=" + pairing.apiName() + "]";
    }
}
