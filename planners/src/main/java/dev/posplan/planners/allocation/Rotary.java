package dev.posplan.planners.allocation;

import dev.posplan.planners.Limits;
import dev.posplan.planners.Parameter;
import dev.posplan.planners.SchemeParams;
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

    /**
     * The three rotary parameter declarations with a scheme's reference checkpoint defaults: {@code head_dim}
     * (bounded by {@link Limits#maxHeadDim()}), {@code rope_theta} and {@code partial_rotary_factor} (1).
     */
    public static Declared parameters(int defaultHeadDim, double defaultTheta) {
        return new Declared(HEAD_DIM.withDefault(defaultHeadDim), THETA.withDefault(defaultTheta), PARTIAL_ROTARY_FACTOR);
    }

    /**
     * As {@link #parameters(int, double)} for a checkpoint that rotates only part of each head: its
     * {@code partial_rotary_factor} default.
     */
    public static Declared parameters(int defaultHeadDim, double defaultTheta, double defaultPartialRotaryFactor) {
        return new Declared(HEAD_DIM.withDefault(defaultHeadDim), THETA.withDefault(defaultTheta),
                PARTIAL_ROTARY_FACTOR.withDefault(defaultPartialRotaryFactor));
    }

    /** {@link #parameters(int, double)} with head_dim 128. */
    public static Declared parameters(double defaultTheta) {
        return parameters(128, defaultTheta);
    }

    private static final Parameter<Integer> HEAD_DIM = Parameter.integer("head_dim", 128,
            Parameter.Allowed.between(2, Limits.DEFAULT.maxHeadDim()), "Dimensions of one attention head.");
    private static final Parameter<Double> THETA = Parameter.number("rope_theta", 10_000,
            Parameter.Allowed.above(1), "RoPE base; finite in float32.");
    private static final Parameter<Double> PARTIAL_ROTARY_FACTOR = Parameter.number("partial_rotary_factor", 1.0,
            new Parameter.Allowed(0.0, true, 1.0, List.of()),
            "Fraction of head_dim that rotates (D = head_dim x factor, rounded down to even).");

    /** A scheme's three rotary declarations; {@link #read} builds the {@link Rotary} from a request. */
    public record Declared(Parameter<Integer> headDim, Parameter<Double> theta,
            Parameter<Double> partialRotaryFactor) {

        public List<Parameter<?>> list() {
            return List.of(headDim, theta, partialRotaryFactor);
        }

        /** Reads and validates the three parameters and computes the inverse frequencies once. */
        public Rotary read(SchemeParams p) {
            int headDimValue = p.get(headDim);
            double thetaValue = p.get(theta);
            double factor = p.get(partialRotaryFactor);
            int rotaryDim = InvFreq.rotaryDim(headDimValue, factor);
            if (rotaryDim < 2) {
                throw partialRotaryFactor.invalid(
                        "head_dim * partial_rotary_factor must leave at least one rotary pair, got " + rotaryDim);
            }
            try {
                return new Rotary(headDimValue, thetaValue, rotaryDim, InvFreq.of(rotaryDim, thetaValue));
            } catch (IllegalArgumentException e) {
                throw theta.invalid(e.getMessage());
            }
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

    /** A pair-wise allocation over these rotary parameters, channels paired {@code (j, j + D/2)}. */
    public PairAllocation pairwise(String rule, List<String> axisNames, int[] pairAxis) {
        return new PairAllocation(rule, axisNames, headDim, rotaryDim, theta, invFreq, pairAxis,
                ChannelPairing.NEOX);
    }

    /** A pair-wise allocation over these parameters with other inverse frequencies (a warped spectrum). */
    public PairAllocation pairwise(String rule, List<String> axisNames, float[] invFreq, int[] pairAxis) {
        return new PairAllocation(rule, axisNames, headDim, rotaryDim, theta, invFreq, pairAxis,
                ChannelPairing.NEOX);
    }

    /** A head-wise allocation over these rotary parameters. */
    public HeadAllocation headwise(String rule, List<String> axisNames, int[] kvHeadAxis) {
        return new HeadAllocation(rule, axisNames, headDim, rotaryDim, theta, invFreq, kvHeadAxis);
    }

    @Override
    public String toString() {
        return "Rotary[head_dim=" + headDim + ", rope_theta=" + theta + ", rotary_dim=" + rotaryDim + "]";
    }
}
