package dev.posplan.planners.design;

import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.numerics.PythonRandom;
import java.util.Arrays;

/**
 * The temporal scale of every visual block of one sequence, for layouts that space frames by a scale
 * chosen per block ({@link DiagonalPlacement}: VideoRoPE's fixed scale, HoPE's dynamic temporal scaling,
 * vlm-ropes.md §6.1, §7.1). A rule is immutable; {@link #perBlock} gives the values for one sequence.
 */
@FunctionalInterface
public interface TemporalScales {

    /** The scales of the {@code blocks} visual blocks of one sequence, in stream order. */
    double[] perBlock(int blocks);

    /** The same scale for every block (VideoRoPE; HoPE at inference). */
    static TemporalScales fixed(double scale) {
        requirePositive(scale);
        return blocks -> {
            double[] out = new double[blocks];
            Arrays.fill(out, scale);
            return out;
        };
    }

    /**
     * HoPE training (and Multimodal-RoPEs' HoPE): each block draws {@code random.choice(candidates)} in
     * stream order from Python's generator seeded with {@code seed}. Every plan starts from the seed, as if
     * {@code random.seed(seed)} ran before each call of the reference; a batch is one call, so its rows
     * continue one sequence of draws ({@link DiagonalPlacement#forBatch}) instead of each restarting.
     */
    static TemporalScales pythonChoice(double[] candidates, long seed) {
        if (candidates.length == 0) {
            throw InvalidInputException.of("needs at least one candidate scale");
        }
        double[] values = candidates.clone();
        for (double v : values) {
            requirePositive(v);
        }
        return blocks -> {
            PythonRandom random = new PythonRandom(seed);
            double[] out = new double[blocks];
            for (int b = 0; b < blocks; b++) {
                out[b] = values[random.randbelow(values.length)];
            }
            return out;
        };
    }

    /**
     * Given scales, block {@code b} taking {@code scales[b]}: to replay a recorded training draw. Exactly one
     * scale per visual block of the plan (of the whole batch, in row order, for a batch), like V2PE's
     * {@code strides}: a count that differs is an error naming {@code parameter}, since a replay that does
     * not match its input is a mistake.
     */
    static TemporalScales explicit(String parameter, double[] scales) {
        double[] values = scales.clone();
        for (double v : values) {
            requirePositive(v);
        }
        return blocks -> {
            if (blocks != values.length) {
                throw SchemeParams.invalid(parameter, "lists " + values.length + " scales but the input has "
                        + blocks + " visual blocks (one scale per block)");
            }
            return values.clone();
        };
    }

    private static void requirePositive(double scale) {
        if (!(scale > 0 && Float.isFinite((float) scale) && (float) scale > 0)) {
            throw InvalidInputException.of("a temporal scale must be a finite number > 0 in float32, got " + scale);
        }
    }
}
