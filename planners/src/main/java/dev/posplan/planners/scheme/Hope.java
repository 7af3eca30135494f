package dev.posplan.planners.scheme;

import dev.posplan.multimodal.ApiNamed;
import dev.posplan.planners.ComposedScheme;
import dev.posplan.planners.DType;
import dev.posplan.planners.Parameter;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeDeclaration;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.allocation.PairAxes;
import dev.posplan.planners.allocation.Rotary;
import dev.posplan.planners.design.PositionDesign;
import dev.posplan.planners.design.QwenWalker;
import dev.posplan.planners.design.TemporalScales;
import java.util.List;

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

    /** Where generated tokens continue. */
    enum Decode implements ApiNamed {
        /** {@code max(t row) + 1 + k}, like VideoRoPE. */
        INTENDED("intended"),
        /** (0, 0, 0) for every generated token: the official code drops rope_deltas. */
        OFFICIAL_CODE("official-code");

        private final String apiName;

        Decode(String apiName) {
            this.apiName = apiName;
        }

        @Override
        public String apiName() {
            return apiName;
        }
    }

    private static final Rotary.Declared ROTARY = Rotary.parameters(1_000_000);
    private static final Parameter<Double> SCALE_FACTOR = Parameter.number("scale_factor", 1.0,
            Parameter.Allowed.above(0), "One temporal scale for every block (inference mode).");
    private static final Parameter<double[]> SCALE_FACTORS = Parameter.numbers("scale_factors", null,
            Parameter.Allowed.above(0), "Training mode: each visual block draws random.choice(scale_factors) after "
                    + "random.seed(seed). No default.");
    private static final Parameter<double[]> BLOCK_SCALES = Parameter.numbers("block_scales", null,
            Parameter.Allowed.above(0), "The scale of each visual block (of the whole batch, in row order). "
                    + "No default.");
    private static final Parameter<Decode> DECODE = Parameter.choice("decode", Decode.class, Decode.INTENDED,
            "intended: max(t row) + 1 + k; official-code: (0, 0, 0) like the official generation code.");
    private static final List<Parameter<?>> SCALE_PARAMETERS = List.of(SCALE_FACTOR, SCALE_FACTORS, BLOCK_SCALES);

    /** Registry entry {@code hope}. */
    public static final SchemeDeclaration DECLARATION = SchemeDeclaration.builder("hope")
            .summary("HoPE (official): diagonal layout with per-block temporal scale, NoPE temporal pairs, Qwen2-VL")
            .paper("HoPE (arXiv 2505.20444)")
            .reference("hrlics/HoPE", "modeling_hope.py", "85b76c0")
            .axes(QwenAxes.THW).dtype(DType.FLOAT32).formats("qwen2-vl").parts("text", "image", "video")
            .parameters(Diagonal.common(ROTARY)).parameters(SCALE_PARAMETERS).parameters(Diagonal.SEED, DECODE)
            .build(Hope::create);

    private Hope() {
    }

    static TemporalScales scales(SchemeParams p) {
        List<Parameter<?>> given = SCALE_PARAMETERS.stream().filter(p::has).toList();
        if (given.size() > 1) {
            throw given.get(1).invalid("conflicts with " + given.get(0).name() + ": give one of "
                    + SCALE_PARAMETERS.stream().map(Parameter::name).toList());
        }
        if (p.has(Diagonal.SEED) && !p.has(SCALE_FACTORS)) {
            throw Diagonal.SEED.invalid("only applies with scale_factors");
        }
        if (p.has(SCALE_FACTORS)) {
            return Diagonal.randomChoice(p, SCALE_FACTORS);
        }
        if (p.has(BLOCK_SCALES)) {
            return Diagonal.explicit(p, BLOCK_SCALES);
        }
        return Diagonal.fixed(p, SCALE_FACTOR);
    }

    private static Scheme create(SchemeParams p) {
        Rotary rotary = ROTARY.read(p);
        QwenWalker walker = Diagonal.walker(scales(p), p);
        PositionDesign design = p.get(DECODE) == Decode.INTENDED ? walker
                : walker.andThen(facts -> facts.withDecode(new double[QwenAxes.THW.size()], 0));
        return new ComposedScheme(DECLARATION.name(), design,
                Diagonal.allocation(p, rotary, "lta-nope-t", PairAxes::lowFrequencyTemporal, true), p.effective());
    }
}
