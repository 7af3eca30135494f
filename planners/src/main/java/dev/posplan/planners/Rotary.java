package dev.posplan.planners;

/**
 * The rotary parameters every scheme reads the same way: {@code head_dim}, {@code rope_theta} and
 * {@code partial_rotary_factor}, giving the rotary dimension D and D/2 pairs.
 */
public record Rotary(int headDim, double theta, int rotaryDim) {

    /** Reads the three parameters; {@code defaultTheta} is the scheme's reference checkpoint value, head_dim 128. */
    public static Rotary read(SchemeParams p, double defaultTheta) {
        return read(p, 128, defaultTheta);
    }

    /** Reads the three parameters with the reference checkpoint's head_dim and theta as defaults. */
    public static Rotary read(SchemeParams p, int defaultHeadDim, double defaultTheta) {
        int headDim = p.getInt("head_dim", defaultHeadDim);
        double theta = p.getDouble("rope_theta", defaultTheta);
        double factor = p.getDouble("partial_rotary_factor", 1.0);
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
            InvFreq.of(rotaryDim, theta);
        } catch (IllegalArgumentException e) {
            throw SchemeParams.invalid("rope_theta", e.getMessage());
        }
        return new Rotary(headDim, theta, rotaryDim);
    }

    public int pairs() {
        return rotaryDim / 2;
    }

    /** A pair-wise allocation over these rotary parameters. */
    public FrequencyAllocation pairwise(String layout, java.util.List<String> axisNames, int[] pairAxis) {
        return FrequencyAllocation.pairwise(layout, axisNames, headDim, rotaryDim, theta, pairAxis);
    }
}
