package dev.posplan.planners.scheme;

import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.multimodal.Modality;
import dev.posplan.multimodal.VisualBlock;
import dev.posplan.planners.DType;
import dev.posplan.planners.Parameter.Allowed;
import dev.posplan.planners.Parameter;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.compat.DecodeRule;
import dev.posplan.planners.compat.DeltaBase;
import dev.posplan.planners.compat.QwenCompat;
import dev.posplan.planners.design.AbsoluteTime;
import dev.posplan.planners.design.BlockPlacement;
import dev.posplan.planners.design.MropePlacement;
import dev.posplan.planners.design.PositionDesign;
import dev.posplan.planners.design.QwenWalker;
import dev.posplan.planners.design.TemporalRule;
import java.util.List;
import java.util.function.Supplier;

/** Parameter declarations several schemes share, and the designs built from them. */
final class Options {

    /**
     * {@code temporal_stride} (default 1, Qwen2-VL's): the position step between temporal slices of a block,
     * a finite number > 0 (0 or less would stack or reverse frames, and a huge stride drives integer positions
     * out of range, which the walker reports).
     */
    static final Parameter<Double> TEMPORAL_STRIDE = Parameter.number("temporal_stride", 1.0, Allowed.above(0),
            "Position step between the temporal slices of a visual block.");

    /** {@code pad_value}: the position every axis of a padding token gets (HF 4.x: 1). */
    static final Parameter<Double> PAD_VALUE = Parameter.number("pad_value", 1.0, Allowed.ANY,
            "Position written at padding tokens on every axis.");

    /** {@code compat}: the implementation (qwen-mrope.md §9) whose choices the Qwen host options default to. */
    static final Parameter<QwenCompat> COMPAT = Parameter.choice("compat", QwenCompat.class, QwenCompat.HF_4_51,
            "Which Qwen-VL implementation to reproduce (qwen-mrope.md §9); sets the defaults of resume, pad_value, "
                    + "rope_deltas, decode and time_arithmetic.");

    /** {@code resume}: {@code max-plus-one} (Qwen team / vLLM) or {@code spatial-extent} (HF main). */
    static final Parameter<MropePlacement.Resume> RESUME = Parameter.choice("resume", MropePlacement.Resume.class,
            MropePlacement.Resume.MAX_PLUS_ONE, "Where text resumes after a visual block.");

    /** {@code rope_deltas}: which length the rope delta subtracts (§9 #4). */
    static final Parameter<DeltaBase> ROPE_DELTAS = Parameter.choice(DeltaBase.PARAMETER, DeltaBase.class, null,
            "Which length rope_deltas subtracts: the padded or the unpadded one. Default: the compat mode's.");

    /** {@code decode}: where generated tokens continue (§9 #5). */
    static final Parameter<DecodeRule> DECODE = Parameter.choice("decode", DecodeRule.class, null,
            "Where generated tokens continue. Default: the compat mode's.");

    /** {@code time_arithmetic}: how Qwen2.5-VL's temporal product is computed (§3.4). */
    static final Parameter<AbsoluteTime.Arithmetic> TIME_ARITHMETIC = Parameter.choice("time_arithmetic",
            AbsoluteTime.Arithmetic.class, null,
            "How the temporal product k * second_per_grid_t * tokens_per_second is rounded. Default: the compat "
                    + "mode's.");

    private Options() {
    }

    /** {@code mrope_section}: rotary pairs (or heads) per axis t, h, w. */
    static Parameter<int[]> mropeSection(int... def) {
        return Parameter.integers("mrope_section", def, Allowed.atLeast(0),
                "Rotary pairs per axis [t, h, w] (the reference config's mrope_section).");
    }

    /**
     * The host options of the Qwen-VL family, {@code compat} (a scheme's {@link #COMPAT} with its default) and each other option to
     * compat's choice: {@code resume} (§9 #1), {@code pad_value} (#3), {@code rope_deltas} (#4) and
     * {@code decode} (#5).
     */
    static List<Parameter<?>> qwenHost(Parameter<QwenCompat> compat) {
        return List.of(compat,
                RESUME.withDefault(null).describedAs("Where text resumes after a visual block. Default: the compat "
                        + "mode's."),
                PAD_VALUE.withDefault(null).describedAs("Position written at padding tokens. Default: the compat "
                        + "mode's."),
                ROPE_DELTAS, DECODE);
    }

    /**
     * The M-RoPE walk of the Qwen-VL family with its host options ({@link #qwenHost}), each defaulting to
     * {@code compat}; the plans' {@link dev.posplan.planners.PositionPlan#deltaBase()} is {@code rope_deltas}.
     */
    static PositionDesign qwenDesign(SchemeParams p, QwenCompat compat, TemporalRule time, boolean spatialReset) {
        MropePlacement.Resume resume = p.getOr(RESUME, compat.resume());
        DeltaBase base = p.getOr(ROPE_DELTAS, compat.deltaBase());
        DecodeRule decode = p.getOr(DECODE, compat.decode());
        double pad = p.getOr(PAD_VALUE, compat.padValue());
        BlockPlacement mrope = new MropePlacement(time, spatialReset, resume, true);
        BlockPlacement placement = compat.plansMultiSliceImages() ? mrope
                : mrope.checking(block -> requireSingleSliceImage(block, compat));
        QwenWalker walker = new QwenWalker(QwenAxes.THW, DType.INT32, placement, pad)
                .withTextOnlyMaxCountingPads(compat.textOnlyMaxCountsPads());
        // The walker's own decode start is already M + 1 on every axis.
        return walker.andThen((facts, last) -> decode.apply(facts, last).withDeltaBase(base));
    }

    /** The input error where {@code compat}'s reference fails on an image with several temporal slices. */
    private static void requireSingleSliceImage(VisualBlock block, QwenCompat compat) {
        Grid g = block.grid();
        if (block.modality() == Modality.IMAGE && g.t() != 1) {
            throw InvalidInputException.of("image " + block.source() + " has merged grid " + g.t() + "x" + g.h()
                    + "x" + g.w() + " (t = " + g.t() + "), which compat '" + compat.apiName()
                    + "' cannot plan: its reference asserts t == 1 for images; use a video, or another compat");
        }
    }

    /** The Qwen-style walker of a scheme, padding with {@link #PAD_VALUE} (default 1, HF 4.x's value). */
    static QwenWalker walker(SchemeParams p, List<String> axes, DType dtype, BlockPlacement layout) {
        return walker(p, axes, dtype, layout, PAD_VALUE);
    }

    /** The Qwen-style walker of a scheme, padding with {@code padValue} (a scheme's own default). */
    static QwenWalker walker(SchemeParams p, List<String> axes, DType dtype, BlockPlacement layout,
            Parameter<Double> padValue) {
        return new QwenWalker(axes, dtype, layout, p.get(padValue));
    }

    /** Runs an allocation rule, reporting a bad section list against the named parameter. */
    static int[] sections(Parameter<int[]> parameter, Supplier<int[]> rule) {
        try {
            return rule.get();
        } catch (IllegalArgumentException e) {
            throw parameter.invalid(e.getMessage());
        }
    }
}
