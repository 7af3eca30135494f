package dev.posplan.planners.scheme;

import dev.posplan.planners.DType;
import dev.posplan.planners.Parameter;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.allocation.FrequencyAllocation;
import dev.posplan.planners.allocation.PairAxes;
import dev.posplan.planners.allocation.Rotary;
import dev.posplan.planners.design.DiagonalPlacement;
import dev.posplan.planners.design.QwenWalker;
import dev.posplan.planners.design.TemporalScales;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * What VideoRoPE, HoPE and their Multimodal-RoPEs versions share (vlm-ropes.md §5.3, §5.4, §6, §7): the
 * diagonal layout on a float32 Qwen walker, the {@code mrope_section} they allocate from, and how scale
 * parameters are read. The four schemes differ only in the scale rule and the allocation.
 */
final class Diagonal {

    /** Qwen2-VL's {@code mrope_section}, the default of all four schemes. */
    static final int[] SECTIONS = {16, 24, 24};

    /** HoPE's training scales ({@code modeling_hope.py} L2257; Multimodal-RoPEs {@code temporal_stride_lst}). */
    static final double[] HOPE_SCALES = {0.5, 0.75, 1.0, 1.25, 1.5};

    private Diagonal() {
    }

    /**
     * The position design: float32 positions, but integer ones for prompts without any visual block
     * (the references' text-only branch is HF's integer one). Reads {@code pad_value} (default 1).
     */
    static QwenWalker walker(TemporalScales scales, SchemeParams p) {
        return Options.walker(p, QwenAxes.THW, DType.FLOAT32, new DiagonalPlacement(scales)).withTextOnlyDtype(DType.INT32);
    }

    /** {@code mrope_section} of the four schemes. */
    static final Parameter<int[]> MROPE_SECTION = Options.mropeSection(SECTIONS);

    /** {@code seed} of a random-choice scale rule (the references draw from the unseeded global generator). */
    static final Parameter<Integer> SEED = Parameter.integer("seed", 0, Parameter.Allowed.ANY,
            "Seed of CPython's random generator for the per-block draws.");

    /** Parameters every diagonal scheme reads besides its scale rule. */
    static List<Parameter<?>> common(Rotary.Declared rotary) {
        List<Parameter<?>> out = new ArrayList<>(rotary.list());
        out.add(MROPE_SECTION);
        out.add(Options.PAD_VALUE);
        return out;
    }

    /**
     * The allocation over {@code mrope_section} (default {@code [16, 24, 24]}) with {@code rule}; with
     * {@code temporalNope} the t pairs do not rotate (HoPE).
     */
    static FrequencyAllocation allocation(SchemeParams p, Rotary rotary, String layout,
            BiFunction<int[], Integer, int[]> rule, boolean temporalNope) {
        int[] section = p.get(MROPE_SECTION);
        int[] pairAxis = Options.sections(MROPE_SECTION, () -> rule.apply(section, rotary.pairs()));
        if (temporalNope) {
            pairAxis = PairAxes.withoutRotation(pairAxis, 0);
        }
        return rotary.pairwise(layout, QwenAxes.THW, pairAxis);
    }

    /** One temporal scale for every block, from a parameter that must be a finite number > 0. */
    static TemporalScales fixed(SchemeParams p, Parameter<Double> parameter) {
        double scale = p.get(parameter);
        return check(parameter, () -> TemporalScales.fixed(scale));
    }

    /**
     * A list of candidate scales drawn per block with Python's {@code random.choice}, seeded by {@code seed}
     * (default 0; the references draw from the unseeded global generator).
     */
    static TemporalScales randomChoice(SchemeParams p, Parameter<double[]> parameter) {
        double[] candidates = p.get(parameter);
        int seed = p.get(SEED);
        return check(parameter, () -> TemporalScales.pythonChoice(candidates, seed));
    }

    /** Given per-block scales (each a finite number > 0). */
    static TemporalScales explicit(SchemeParams p, Parameter<double[]> parameter) {
        double[] scales = p.get(parameter);
        return check(parameter, () -> TemporalScales.explicit(parameter.name(), scales));
    }

    private static TemporalScales check(Parameter<?> parameter, Supplier<TemporalScales> rule) {
        try {
            return rule.get();
        } catch (IllegalArgumentException e) {
            throw parameter.invalid(e.getMessage());
        }
    }
}
