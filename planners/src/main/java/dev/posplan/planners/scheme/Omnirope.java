package dev.posplan.planners.scheme;

import dev.posplan.planners.ComposedScheme;
import dev.posplan.planners.DType;
import dev.posplan.planners.Parameter;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeDeclaration;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.allocation.PairAxes;
import dev.posplan.planners.allocation.Rotary;
import dev.posplan.planners.design.MropePlacement;
import dev.posplan.planners.design.QwenWalker;
import dev.posplan.planners.design.TemporalRule;

/**
 * OmniRoPE as re-implemented in Multimodal-RoPEs ({@code pos_design/omnirope.py::get_omnirope_index},
 * vlm-ropes.md §5.7): visual token (ti, hi, wi) of a block with base b gets {@code (b + ti·stride, hi, wi)},
 * text continues after {@code max((gt-1)·stride + 1, gh, gw)} and is the same on all three axes. These are
 * exactly MRoPE-I's spatial-reset positions, but float32; the allocation is chunked {@code [16, 24, 24]}.
 */
public final class Omnirope {

    private Omnirope() {
    }

    /** The OmniRoPE / IL-RoPE positions: M-RoPE with spatial reset, float32 (shared with {@link Ilrope}). */
    static QwenWalker positions(SchemeParams p) {
        double stride = p.get(Options.TEMPORAL_STRIDE);
        MropePlacement layout = new MropePlacement(TemporalRule.linear(stride), true, MropePlacement.Resume.MAX_PLUS_ONE, false);
        return Options.walker(p, QwenAxes.THW, DType.FLOAT32, layout);
    }

    private static final Rotary.Declared ROTARY = Rotary.parameters(5_000_000);
    private static final Parameter<int[]> MROPE_SECTION = Options.mropeSection(16, 24, 24);

    /** Registry entry {@code omnirope}. */
    public static final SchemeDeclaration DECLARATION = SchemeDeclaration.builder("omnirope")
            .summary("OmniRoPE (Multimodal-RoPEs): spatial-reset positions, chunked [16,24,24] allocation")
            .paper("OmniRoPE (OmniGen2), Multimodal-RoPEs re-implementation")
            .reference("JJJYmmm/Multimodal-RoPEs", "pos_design/omnirope.py", "cd413b9")
            .axes(QwenAxes.THW).dtype(DType.FLOAT32).formats("qwen3-vl").parts("text", "image", "video")
            .parameters(ROTARY.list()).parameters(MROPE_SECTION, Options.TEMPORAL_STRIDE, Options.PAD_VALUE)
            .build(Omnirope::create);

    private static Scheme create(SchemeParams p) {
        Rotary rotary = ROTARY.read(p);
        int[] section = p.get(MROPE_SECTION);
        int[] pairAxis = Options.sections(MROPE_SECTION, () -> PairAxes.chunked(section, rotary.pairs(), 3));
        return new ComposedScheme(DECLARATION.name(), positions(p), rotary.pairwise("chunked", QwenAxes.THW, pairAxis),
                p.effective());
    }
}
