package dev.posplan.planners;

import java.util.List;

/**
 * The rotary parameters every scheme reads the same way: {@code head_dim}, {@code rope_theta} and
 * {@code partial_rotary_factor}, giving the rotary dimension D, D/2 pairs and their inverse frequencies
 * (computed once, when the parameters are read and validated). Immutable.
 */
public final class Rotary {

    private final int headDim;
    private final double theta;
    private final int rotaryDim;
    private final float[] invFreq;

    private Rotary(int headDim, double theta, int rotaryDim, float[] invFreq) {
        this.headDim = headDim;
        this.theta = theta;
        this.rotaryDim = rotaryDim;
        this.invFreq = invFreq;
    }

    /** Reads the three parameters; {@code defaultTheta} is the scheme's reference checkpoint value, head_dim 128. */
    public static Rotary read(SchemeParams p, double defaultTheta) {
        return read(p, 128, defaultTheta);
    }

    /**
     * Reads the three parameters with the reference checkpoint's head_dim and theta as defaults; head_dim is
     * bounded by {@link Limits#maxHeadDim()}.
     */
    public static Rotary read(SchemeParams p, int defaultHeadDim, double defaultTheta) {
        return read(p, defaultHeadDim, defaultTheta, 1.0);
    }

    /** As {@link #read(SchemeParams, int, double)} for a checkpoint that rotates only part of each head. */
    public static Rotary read(SchemeParams p, int defaultHeadDim, double defaultTheta, double defaultFactor) {
        int headDim = p.getInt("head_dim", defaultHeadDim);
        Limits.DEFAULT.checkHeadDim(headDim);
        double theta = p.getDouble("rope_theta", defaultTheta);
        double factor = p.getDouble("partial_rotary_factor", defaultFactor);
        int rotaryDim;
        try {
            rotaryDim = InvFreq.rotaryDim(headDim, factor);
        } catch (IllegalArgumentException e) {
            throw SchemeParams.invalid(headDim < 2 ? "head_dim" : "partial_rotary_factor", e.getMessage());
        }
        if (rotaryDim < 2) {
            throw SchemeParams.invalid("partial_rotary_factor",
                    "head_dim * partial_rotary_factor must leave at least one rotary pair, got " + rotaryDim);
        }
        try {
            return new Rotary(headDim, theta, rotaryDim, InvFreq.of(rotaryDim, theta));
        } catch (IllegalArgumentException e) {
            throw SchemeParams.invalid("rope_theta", e.getMessage());
        }
    }

    public int headDim() {
        return headDim;
    }

    public double theta() {
        return theta;
    }

    /** D: the rotated channels of one head. */
    public int rotaryDim() {
        return rotaryDim;
    }

    public int pairs() {
        return rotaryDim / 2;
    }

    /** The D/2 float32 inverse frequencies ({@link InvFreq}), a fresh copy. */
    public float[] invFreq() {
        return invFreq.clone();
    }

    /** A pair-wise allocation over these rotary parameters. */
    public FrequencyAllocation pairwise(String layout, List<String> axisNames, int[] pairAxis) {
        return new FrequencyAllocation(layout, axisNames, headDim, rotaryDim, theta, invFreq, pairAxis, null);
    }

    @Override
    public String toString() {
        return "Rotary[head_dim=" + headDim + ", rope_theta=" + theta + ", rotary_dim=" + rotaryDim + "]";
    }
}
