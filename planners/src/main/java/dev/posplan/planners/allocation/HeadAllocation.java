package dev.posplan.planners.allocation;

import dev.posplan.planners.PositionPlan;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * KV heads → axes: every pair of KV head {@code k} reads axis {@code kvHeadAxis[k]} with the full frequency
 * spectrum ({@link #NO_ROTATION}: a NoPE head). MHRoPE's allocation.
 *
 * @param rule       short name of the allocation rule (headwise)
 * @param axisNames  the position axes the indices refer to
 * @param headDim    head dimension
 * @param rotaryDim  rotated channels D
 * @param theta      rope base
 * @param invFreq    D/2 float32 inverse frequencies
 * @param kvHeadAxis axis per KV head
 */
public record HeadAllocation(String rule, List<String> axisNames, int headDim, int rotaryDim, double theta,
        float[] invFreq, int[] kvHeadAxis) implements RotaryAllocation {

    public HeadAllocation {
        Objects.requireNonNull(rule, "rule");
        axisNames = RotaryAllocation.names(axisNames);
        invFreq = invFreq.clone();
        kvHeadAxis = kvHeadAxis.clone();
        if (invFreq.length != rotaryDim / 2) {
            throw new IllegalArgumentException("inv_freq needs " + rotaryDim / 2 + " values");
        }
        RotaryAllocation.checkAxes(kvHeadAxis, axisNames.size());
    }

    /** MHRoPE rotates halves ({@code rotate_half}). */
    @Override
    public ChannelPairing pairing() {
        return ChannelPairing.NEOX;
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
    public int[] kvHeadAxis() {
        return kvHeadAxis.clone();
    }

    /** The KV heads that read {@code axis}, ascending. */
    public int[] headsOf(int axis) {
        return RotaryAllocation.indicesOf(kvHeadAxis, axis);
    }

    /** Angles of one token as seen by KV head {@code head}. */
    public float[] angles(PositionPlan plan, int token, int head) {
        int axis = kvHeadAxis[head];
        float[] out = new float[pairs()];
        if (axis != NO_ROTATION) {
            double pos = plan.get(axis, token);
            for (int j = 0; j < out.length; j++) {
                out[j] = FrequencyAllocation.angle(pos, invFreq[j]);
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeadAllocation f && rule.equals(f.rule) && axisNames.equals(f.axisNames)
                && headDim == f.headDim && rotaryDim == f.rotaryDim && Double.compare(theta, f.theta) == 0
                && Arrays.equals(invFreq, f.invFreq) && Arrays.equals(kvHeadAxis, f.kvHeadAxis);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rule, axisNames, headDim, rotaryDim, theta, Arrays.hashCode(invFreq),
                Arrays.hashCode(kvHeadAxis));
    }

    @Override
    public String toString() {
        return "HeadAllocation[" + rule + ", D=" + rotaryDim + ", theta=" + theta + ", kvHeadAxis="
                + Arrays.toString(kvHeadAxis) + "]";
    }
}
