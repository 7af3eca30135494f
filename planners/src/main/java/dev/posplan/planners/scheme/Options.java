package dev.posplan.planners.scheme;

import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.Modality;
import dev.posplan.multimodal.VisualBlock;
import dev.posplan.planners.AbsoluteTime;
import dev.posplan.planners.BlockLayout;
import dev.posplan.planners.DType;
import dev.posplan.planners.DecodeRule;
import dev.posplan.planners.DeltaBase;
import dev.posplan.planners.MropeLayout;
import dev.posplan.planners.PositionDesign;
import dev.posplan.planners.QwenCompat;
import dev.posplan.planners.QwenWalker;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.TemporalRule;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Parameters several schemes read the same way. */
final class Options {

    private static final Set<String> COMPAT = names(QwenCompat.values(), QwenCompat::apiName);
    private static final Set<String> RESUME = names(MropeLayout.Resume.values(), MropeLayout.Resume::apiName);
    private static final Set<String> DECODE = names(DecodeRule.values(), DecodeRule::apiName);
    private static final Set<String> DELTA_BASE = names(DeltaBase.values(), DeltaBase::apiName);
    private static final Set<String> ARITHMETIC = names(AbsoluteTime.Arithmetic.values(),
            AbsoluteTime.Arithmetic::apiName);

    private Options() {
    }

    /** {@code resume}: {@code max-plus-one} (default, Qwen team / vLLM) or {@code spatial-extent} (HF main). */
    static MropeLayout.Resume resume(SchemeParams p) {
        return resume(p, MropeLayout.Resume.MAX_PLUS_ONE);
    }

    static MropeLayout.Resume resume(SchemeParams p, MropeLayout.Resume def) {
        return MropeLayout.Resume.byName(p.getString("resume", def.apiName(), RESUME));
    }

    /**
     * {@code temporal_stride} (default 1, Qwen2-VL's): the position step between temporal slices of a
     * block, a finite number > 0 (0 or less would stack or reverse frames, and a huge stride drives integer
     * positions out of range, which the walker reports).
     */
    static double temporalStride(SchemeParams p) {
        double stride = p.getDouble("temporal_stride", 1.0);
        if (!(stride > 0)) {
            throw SchemeParams.invalid("temporal_stride", "must be > 0, got " + stride);
        }
        return stride;
    }

    /** {@code compat}: the implementation (qwen-mrope.md §9) whose choices the Qwen host options default to. */
    static QwenCompat compat(SchemeParams p, QwenCompat def) {
        return QwenCompat.byName(p.getString("compat", def.apiName(), COMPAT));
    }

    /** {@code time_arithmetic}: how Qwen2.5-VL's temporal product is computed (§3.4), default from compat. */
    static AbsoluteTime.Arithmetic arithmetic(SchemeParams p, QwenCompat compat) {
        return AbsoluteTime.Arithmetic.byName(p.getString("time_arithmetic", compat.arithmetic().apiName(), ARITHMETIC));
    }

    /**
     * The M-RoPE walk of the Qwen-VL family with its host options, each defaulting to {@code compat}:
     * {@code resume} (§9 #1), {@code pad_value} (#3), {@code rope_deltas} (#4, the plans'
     * {@link dev.posplan.planners.PositionPlan#deltaBase()}) and {@code decode} (#5).
     */
    static PositionDesign qwenDesign(SchemeParams p, QwenCompat compat, TemporalRule time, boolean spatialReset) {
        MropeLayout.Resume resume = resume(p, compat.resume());
        DeltaBase base = DeltaBase.byName(p.getString(DeltaBase.PARAMETER, compat.deltaBase().apiName(), DELTA_BASE));
        DecodeRule decode = DecodeRule.byName(p.getString("decode", compat.decode().apiName(), DECODE));
        BlockLayout mrope = new MropeLayout(time, spatialReset, resume, true);
        BlockLayout layout = compat.plansMultiSliceImages() ? mrope : (block, walk) -> {
            requireSingleSliceImage(block, compat);
            mrope.place(block, walk);
        };
        QwenWalker walker = walker(p, QwenAxes.THW, DType.INT32, layout, compat.padValue())
                .withTextOnlyMaxCountingPads(compat.textOnlyMaxCountsPads());
        // The walker's own decode start is already M + 1 on every axis.
        return walker.andThen(decode == DecodeRule.DELTA ? plan -> plan.withDeltaBase(base)
                : plan -> decode.apply(plan).withDeltaBase(base));
    }

    /** The input error where {@code compat}'s reference fails on an image with several temporal slices. */
    private static void requireSingleSliceImage(VisualBlock block, QwenCompat compat) {
        Grid g = block.grid();
        if (block.modality() == Modality.IMAGE && g.t() != 1) {
            throw new IllegalArgumentException("image " + block.source() + " has merged grid " + g.t() + "x" + g.h()
                    + "x" + g.w() + " (t = " + g.t() + "), which compat '" + compat.apiName()
                    + "' cannot plan: its reference asserts t == 1 for images; use a video, or another compat");
        }
    }

    /**
     * The Qwen-style walker of a scheme, padding with {@code pad_value} (default 1, HF 4.x's value; see
     * {@link #walker(SchemeParams, List, DType, BlockLayout, double)} for schemes with another default).
     */
    static QwenWalker walker(SchemeParams p, List<String> axes, DType dtype, BlockLayout layout) {
        return walker(p, axes, dtype, layout, 1);
    }

    /** The Qwen-style walker of a scheme, padding with {@code pad_value} (default {@code defaultPad}). */
    static QwenWalker walker(SchemeParams p, List<String> axes, DType dtype, BlockLayout layout, double defaultPad) {
        return new QwenWalker(axes, dtype, layout, p.getDouble("pad_value", defaultPad));
    }

    /** Runs an allocation rule, reporting a bad section list against the named parameter. */
    static int[] sections(String name, Supplier<int[]> rule) {
        try {
            return rule.get();
        } catch (IllegalArgumentException e) {
            throw SchemeParams.invalid(name, e.getMessage());
        }
    }

    private static <E> Set<String> names(E[] values, Function<E, String> name) {
        return Arrays.stream(values).map(name).collect(Collectors.toUnmodifiableSet());
    }
}
