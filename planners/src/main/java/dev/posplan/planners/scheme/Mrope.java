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
import dev.posplan.planners.design.PositionDesign;
import dev.posplan.planners.design.TemporalRule;

/**
 * Qwen2-VL M-RoPE (qwen-mrope.md §3.3, vlm-ropes.md §5.2): {@code (b + ti·stride, b + hi, b + wi)},
 * text resumes after the block's largest extent, chunked allocation {@code [16, 24, 24]}.
 * {@code temporal_stride} is 1 in Qwen2-VL; Multimodal-RoPEs' baseline config uses 2. The host options
 * ({@code compat}, default {@code hf-4.51}, and its overrides) are read by {@link Options#qwenDesign}.
 */
public final class Mrope {

    private static final Rotary.Declared ROTARY = Rotary.parameters(1_000_000);
    private static final Parameter<int[]> MROPE_SECTION = Options.mropeSection(16, 24, 24);
    private static final Parameter<QwenCompat> COMPAT = Options.COMPAT.withDefault(QwenCompat.HF_4_51);

    /** Registry entry {@code mrope}. */
    public static final SchemeDeclaration DECLARATION = SchemeDeclaration.builder("mrope")
            .summary("Qwen2-VL M-RoPE: 3D positions, chunked [16,24,24] allocation")
            .paper("Qwen2-VL (arXiv 2409.12191)")
            .reference("huggingface/transformers", "src/transformers/models/qwen2_vl/modeling_qwen2_vl.py",
                    "dd2649fa")
            .axes(QwenAxes.THW).dtype(DType.INT32).formats("qwen2-vl", "qwen3-vl").parts("text", "image", "video")
            .parameters(ROTARY.list()).parameters(MROPE_SECTION, Options.TEMPORAL_STRIDE)
            .parameters(Options.qwenHost(COMPAT))
            .build(Mrope::create);

    private Mrope() {
    }

    private static Scheme create(SchemeParams p) {
        Rotary rotary = ROTARY.read(p);
        int[] section = p.get(MROPE_SECTION);
        double stride = p.get(Options.TEMPORAL_STRIDE);
        int[] pairAxis = Options.sections(MROPE_SECTION, () -> PairAxes.chunked(section, rotary.pairs(), 3));
        QwenCompat compat = p.get(COMPAT);
        PositionDesign design = Options.qwenDesign(p, compat, TemporalRule.linear(stride), false);
        return new ComposedScheme(DECLARATION.name(), design, rotary.pairwise("chunked", QwenAxes.THW, pairAxis),
                p.effective());
    }
}
