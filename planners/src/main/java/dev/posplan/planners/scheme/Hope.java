package dev.posplan.planners.scheme;

import dev.posplan.planners.ComposedScheme;
import dev.posplan.planners.PairAxes;
import dev.posplan.planners.PositionDesign;
import dev.posplan.planners.QwenWalker;
import dev.posplan.planners.Rotary;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeFactory;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.TemporalScales;
import java.util.List;
import java.util.Set;

/**
 * Official HoPE (hrlics/HoPE {@code modeling_hope.py}, vlm-ropes.md §7): VideoRoPE's diagonal layout with
 * one temporal scale per visual block ("dynamic temporal scaling") and VideoRoPE's allocation whose 16
 * temporal pairs do not rotate ("hybrid frequency allocation"). Host format: Qwen2-VL.
 *
 * <p>The scale, at most one of:
 * <ul>
 *   <li>{@code scale_factor} (default 1.0): one scale for every block, the inference mode. The official
 *       code has no usable default ({@code [-1]} and an assert; its V-NIAH script uses 0.75); 1.0 is the
 *       neutral middle of the training set.</li>
 *   <li>{@code scale_factors} with {@code seed} (default 0): the training mode, each block drawing
 *       {@code random.choice(scale_factors)} from Python's generator seeded with {@code seed}. Every plan
 *       restarts from the seed; the rows of a batch ({@link dev.posplan.planners.BatchPlanner}) continue one
 *       sequence of draws in row order, as the reference's generator does.</li>
 *   <li>{@code block_scales}: the scale of each block, e.g. a recorded training draw: exactly one per visual
 *       block of the plan (of the whole batch, in row order).</li>
 * </ul>
 *
 * <p>{@code decode}: {@code intended} (default) continues at {@code max(t row) + 1 + k} like VideoRoPE;
 * {@code official-code} reproduces the official generation code, which drops rope_deltas so that every
 * generated token gets position (0, 0, 0) (§7.3, §12 #10).
 */
public final class Hope {

    private static final List<String> SCALE_PARAMETERS = List.of("scale_factor", "scale_factors", "block_scales");

    private Hope() {
    }

    static TemporalScales scales(SchemeParams p) {
        List<String> given = SCALE_PARAMETERS.stream().filter(p::has).toList();
        if (given.size() > 1) {
            throw SchemeParams.invalid(given.get(1), "conflicts with " + given.get(0) + ": give one of "
                    + SCALE_PARAMETERS);
        }
        if (p.has("seed") && !p.has("scale_factors")) {
            throw SchemeParams.invalid("seed", "only applies with scale_factors");
        }
        if (p.has("scale_factors")) {
            return Diagonal.randomChoice(p, "scale_factors", Diagonal.HOPE_SCALES);
        }
        if (p.has("block_scales")) {
            return Diagonal.explicit(p, "block_scales");
        }
        return Diagonal.fixed(p, "scale_factor", 1.0);
    }

    /** Registry entry {@code hope}. */
    public static final class Factory implements SchemeFactory {
        @Override
        public String name() {
            return "hope";
        }

        @Override
        public String summary() {
            return "HoPE (official): diagonal layout with per-block temporal scale, NoPE temporal pairs, Qwen2-VL";
        }

        @Override
        public Scheme create(SchemeParams p) {
            Rotary rotary = Rotary.read(p, 1_000_000);
            QwenWalker walker = Diagonal.walker(scales(p), p);
            String decode = p.getString("decode", "intended", Set.of("intended", "official-code"));
            PositionDesign design = decode.equals("intended") ? walker
                    : walker.andThen(plan -> plan.withDecode(new double[QwenAxes.THW.size()], 0));
            return new ComposedScheme(name(), design,
                    Diagonal.allocation(p, rotary, "lta-nope-t", PairAxes::lowFrequencyTemporal, true), p.effective());
        }
    }
}
