package dev.posplan.planners.scheme;

import dev.posplan.planners.ComposedScheme;
import dev.posplan.planners.DType;
import dev.posplan.planners.Parameter;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeDeclaration;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.allocation.PairAxes;
import dev.posplan.planners.allocation.Rotary;

/**
 * IL-RoPE as re-implemented in Multimodal-RoPEs ({@code pos_design/ilrope.py}, which calls OmniRoPE's
 * position function; vlm-ropes.md §5.7): {@link Omnirope} positions with MRoPE-I's interleaved allocation
 * of {@code [24, 20, 20]}, i.e. MRoPE-I with spatial reset in float32. {@code spatial_reset} exists only
 * because the reference config has it; it must stay true.
 */
public final class Ilrope {

    private Ilrope() {
    }

    private static final Rotary.Declared ROTARY = Rotary.parameters(5_000_000);
    private static final Parameter<int[]> MROPE_SECTION = Options.mropeSection(24, 20, 20);
    private static final Parameter<Boolean> SPATIAL_RESET = Parameter.bool("spatial_reset", true,
            "Must be true: IL-RoPE always resets h and w (configs/ilrope.py refuses false).");

    /** Registry entry {@code ilrope}. */
    public static final SchemeDeclaration DECLARATION = SchemeDeclaration.builder("ilrope")
            .summary("IL-RoPE (Multimodal-RoPEs): spatial-reset positions, interleaved [24,20,20] allocation")
            .paper("IL-RoPE, Multimodal-RoPEs re-implementation")
            .reference("JJJYmmm/Multimodal-RoPEs", "pos_design/ilrope.py", "cd413b9")
            .axes(QwenAxes.THW).dtype(DType.FLOAT32).formats("qwen3-vl").parts("text", "image", "video")
            .parameters(ROTARY.list()).parameters(MROPE_SECTION, SPATIAL_RESET, Options.TEMPORAL_STRIDE,
                    Options.PAD_VALUE)
            .build(Ilrope::create);

    private static Scheme create(SchemeParams p) {
        Rotary rotary = ROTARY.read(p);
        int[] section = p.get(MROPE_SECTION);
        if (!p.get(SPATIAL_RESET)) {
            throw SPATIAL_RESET.invalid("must be true: IL-RoPE always resets h and w "
                    + "(configs/ilrope.py refuses false)");
        }
        int[] pairAxis = Options.sections(MROPE_SECTION, () -> PairAxes.interleaved(section, rotary.pairs()));
        return new ComposedScheme(DECLARATION.name(), Omnirope.positions(p),
                rotary.pairwise("interleaved", QwenAxes.THW, pairAxis), p.effective());
    }
}
