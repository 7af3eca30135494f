package dev.posplan.planners.scheme;

import dev.posplan.planners.ComposedScheme;
import dev.posplan.planners.DType;
import dev.posplan.planners.Parameter;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeDeclaration;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.allocation.PairAxes;
import dev.posplan.planners.allocation.Rotary;
import dev.posplan.planners.compat.QwenCompat;
import dev.posplan.planners.design.AbsoluteTime;
import dev.posplan.planners.design.PositionDesign;

/**
 * Qwen2.5-VL absolute-time M-RoPE (qwen-mrope.md §3.4): Qwen2-VL's M-RoPE, but slice k of a video sits at
 * {@code b + trunc(k · second_per_grid_t · tokens_per_second)}; images and text as in M-RoPE; chunked
 * allocation {@code [16, 24, 24]}. {@code time_arithmetic} picks whose float/int product to reproduce
 * (default from {@code compat}, whose default {@code hf-4.51} is the Qwen team's original code); the other
 * host options are those of {@link Options#qwenDesign}.
 */
public final class MropeAbsoluteTime {

    private static final Rotary.Declared ROTARY = Rotary.parameters(1_000_000);
    private static final Parameter<int[]> MROPE_SECTION = Options.mropeSection(16, 24, 24);
    private static final Parameter<Integer> TOKENS_PER_SECOND = Parameter.integer("tokens_per_second", 2,
            Parameter.Allowed.between(1, 1_000_000), "Temporal positions per second of video (vision_config).");
    private static final Parameter<QwenCompat> COMPAT = Options.COMPAT.withDefault(QwenCompat.HF_4_51);

    /** Registry entry {@code mrope-abs-time}. */
    public static final SchemeDeclaration DECLARATION = SchemeDeclaration.builder("mrope-abs-time")
            .summary("Qwen2.5-VL M-RoPE: video t = k * second_per_grid_t * tokens_per_second, chunked [16,24,24]")
            .paper("Qwen2.5-VL Technical Report (arXiv 2502.13923)")
            .reference("huggingface/transformers", "src/transformers/models/qwen2_5_vl/modeling_qwen2_5_vl.py",
                    "dd2649fa")
            .axes(QwenAxes.THW).dtype(DType.INT32).formats("qwen2-vl").parts("text", "image", "video")
            .parameters(ROTARY.list()).parameters(MROPE_SECTION, TOKENS_PER_SECOND)
            .parameters(Options.qwenHost(COMPAT)).parameters(Options.TIME_ARITHMETIC)
            .build(MropeAbsoluteTime::create);

    private MropeAbsoluteTime() {
    }

    private static Scheme create(SchemeParams p) {
        Rotary rotary = ROTARY.read(p);
        int[] section = p.get(MROPE_SECTION);
        int[] pairAxis = Options.sections(MROPE_SECTION, () -> PairAxes.chunked(section, rotary.pairs(), 3));
        int tps = p.get(TOKENS_PER_SECOND);
        QwenCompat compat = p.get(COMPAT);
        AbsoluteTime time = new AbsoluteTime(p.getOr(Options.TIME_ARITHMETIC, compat.arithmetic()), tps);
        PositionDesign design = Options.qwenDesign(p, compat, time, false);
        return new ComposedScheme(DECLARATION.name(), design, rotary.pairwise("chunked", QwenAxes.THW, pairAxis),
                p.effective());
    }
}
