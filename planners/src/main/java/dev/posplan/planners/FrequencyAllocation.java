package dev.posplan.planners;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Which position drives each rotary frequency. Pair {@code j} rotates channels {@code (j, j + D/2)}
 * (HF {@code rotate_half}) with angle {@code position[axis] * invFreq[j]} in float32.
 *
 * <p>Either {@code pairAxis} (one axis per pair; {@link #NO_ROTATION} forces the angle to 0) or, for
 * head-wise schemes such as MHRoPE, {@code kvHeadAxis} (every pair of KV head k reads axis
 * {@code kvHeadAxis[k]}) is set.
 *
 * @param layout     short name of the allocation rule (chunked, interleaved, headwise, …)
 * @param axisNames  the position axes the indices refer to
 * @param headDim    head dimension
 * @param rotaryDim  rotated channels D (head_dim × partial_rotary_factor)
 * @param theta      rope base
 * @param invFreq    D/2 float32 inverse frequencies
 * @param pairAxis   axis per pair, or null for head-wise allocations
 * @param kvHeadAxis axis per KV head, or null for pair-wise allocations
 */
public record FrequencyAllocation(String layout, List<String> axisNames, int headDim, int rotaryDim, double theta,
        float[] invFreq, int[] pairAxis, int[] kvHeadAxis) {

    /** Axis value meaning "angle 0" (cos 1, sin 0): a NoPE pair or head. */
    public static final int NO_ROTATION = -1;

    public FrequencyAllocation {
        Objects.requireNonNull(layout, "layout");
        axisNames = List.copyOf(axisNames);
        invFreq = invFreq.clone();
        if (invFreq.length != rotaryDim / 2) {
            throw new IllegalArgumentException("inv_freq needs " + rotaryDim / 2 + " values");
        }
        if ((pairAxis == null) == (kvHeadAxis == null)) {
            throw new IllegalArgumentException("exactly one of pair_axis and kv_head_axis must be given");
        }
        if (pairAxis != null) {
            pairAxis = pairAxis.clone();
            if (pairAxis.length != invFreq.length) {
                throw new IllegalArgumentException("pair_axis needs " + invFreq.length + " entries");
            }
            checkAxes(pairAxis, axisNames.size());
        } else {
            kvHeadAxis = kvHeadAxis.clone();
            checkAxes(kvHeadAxis, axisNames.size());
        }
    }

    private static void checkAxes(int[] axes, int count) {
        for (int a : axes) {
            if (a < NO_ROTATION || a >= count) {
                throw new IllegalArgumentException("axis index " + a + " out of range");
            }
        }
    }

    public int pairs() {
        return invFreq.length;
    }

    public double partialRotaryFactor() {
        return (double) rotaryDim / headDim;
    }

    public boolean headwise() {
        return kvHeadAxis != null;
    }

    @Override
    public float[] invFreq() {
        return invFreq.clone();
    }

    @Override
    public int[] pairAxis() {
        return pairAxis == null ? null : pairAxis.clone();
    }

    @Override
    public int[] kvHeadAxis() {
        return kvHeadAxis == null ? null : kvHeadAxis.clone();
    }

    /** Inverse frequency of pair j. */
    public float invFreq(int j) {
        return invFreq[j];
    }

    /** Axis of pair j (pair-wise allocations). */
    public int axisOfPair(int j) {
        return pairAxis[j];
    }

    /** The float32 angle the references compute: one rounding of {@code (float) position * inv_freq}. */
    public static float angle(double position, float invFreq) {
        return (float) position * invFreq;
    }

    /**
     * Angles of one token for a pair-wise allocation, {@code D/2} values; {@link #NO_ROTATION} pairs get 0.
     */
    public float[] angles(PositionPlan plan, int token) {
        if (pairAxis == null) {
            throw new IllegalStateException("head-wise allocation: use anglesForHead");
        }
        float[] out = new float[pairs()];
        for (int j = 0; j < out.length; j++) {
            int axis = pairAxis[j];
            out[j] = axis == NO_ROTATION ? 0f : angle(plan.get(axis, token), invFreq[j]);
        }
        return out;
    }

    /** Angles of one token as seen by KV head {@code head} (head-wise allocations). */
    public float[] anglesForHead(PositionPlan plan, int token, int head) {
        int axis = kvHeadAxis[head];
        float[] out = new float[pairs()];
        if (axis != NO_ROTATION) {
            double pos = plan.get(axis, token);
            for (int j = 0; j < out.length; j++) {
                out[j] = angle(pos, invFreq[j]);
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FrequencyAllocation f && layout.equals(f.layout) && axisNames.equals(f.axisNames)
                && headDim == f.headDim && rotaryDim == f.rotaryDim && Double.compare(theta, f.theta) == 0
                && Arrays.equals(invFreq, f.invFreq) && Arrays.equals(pairAxis, f.pairAxis)
                && Arrays.equals(kvHeadAxis, f.kvHeadAxis);
    }

    @Override
    public int hashCode() {
        return Objects.hash(layout, axisNames, headDim, rotaryDim, theta, Arrays.hashCode(invFreq),
                Arrays.hashCode(pairAxis), Arrays.hashCode(kvHeadAxis));
    }

    @Override
    public String toString() {
        return "FrequencyAllocation[" + layout + ", D=" + rotaryDim + ", theta=" + theta + ", "
                + (pairAxis != null ? "pairAxis=" + Arrays.toString(pairAxis) : "kvHeadAxis=" + Arrays.toString(kvHeadAxis))
                + "]";
    }
}
