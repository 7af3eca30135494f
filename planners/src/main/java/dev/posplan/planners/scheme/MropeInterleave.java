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
 * MRoPE-Interleave (vlm-ropes.md §3): M-RoPE positions with the Qwen3-VL interleaved allocation
 * {@code THW…THW TTTT} of {@code [24, 20, 20]}. Without spatial reset it is exactly Qwen3-VL; with
 * spatial reset (the paper's proposal) h and w restart at 0 in every block, text positions unchanged.
 */
public final class MropeInterleave {

    private static final Rotary.Declared ROTARY = Rotary.parameters(5_000_000);
    private static final Parameter<int[]> MROPE_SECTION = Options.mropeSection(24, 20, 20);
    private static final Parameter<Boolean> SPATIAL_RESET = Parameter.bool("spatial_reset", false,
            "h and w restart at 0 in every visual block (the MRoPE-Interleave paper's form).");
    // Qwen3-VL has no HF 4.51 code; 4.57 is the Qwen team's implementation (the two agree on Qwen3).
    private static final Parameter<QwenCompat> COMPAT = Options.COMPAT.withDefault(QwenCompat.HF_4_57);

    /** Registry entry {@code mrope-interleave}: Qwen3-VL semantics, spatial reset off by default. */
    public static final SchemeDeclaration DECLARATION = declaration("mrope-interleave",
            "Qwen3-VL interleaved M-RoPE [24,20,20] (MRoPE-I, spatial_reset off)", "Qwen3-VL; MRoPE-I (arXiv 2510.23095)",
            "huggingface/transformers", "src/transformers/models/qwen3_vl/modeling_qwen3_vl.py", "a59124e2", false);

    /** Registry entry {@code mrope-i}: the paper's MRoPE-Interleave, spatial reset on by default. */
    public static final SchemeDeclaration RESET_DECLARATION = declaration("mrope-i",
            "MRoPE-Interleave as proposed in the paper (spatial_reset on)", "MRoPE-Interleave (arXiv 2510.23095)",
            "JJJYmmm/Multimodal-RoPEs", "pos_design/mrope_i.py", "cd413b9", true);

    private MropeInterleave() {
    }

    private static SchemeDeclaration declaration(String name, String summary, String paper, String repo, String path,
            String commit, boolean reset) {
        return SchemeDeclaration.builder(name).summary(summary).paper(paper).reference(repo, path, commit)
                .axes(QwenAxes.THW).dtype(DType.INT32).formats("qwen3-vl", "qwen3-vl-outer-wrap")
                .parts("text", "image", "video")
                .parameters(ROTARY.list()).parameters(MROPE_SECTION, Options.TEMPORAL_STRIDE,
                        SPATIAL_RESET.withDefault(reset))
                .parameters(Options.qwenHost(COMPAT))
                .build(p -> create(name, p, reset));
    }

    private static Scheme create(String name, SchemeParams p, boolean resetByDefault) {
        Rotary rotary = ROTARY.read(p);
        int[] section = p.get(MROPE_SECTION);
        double stride = p.get(Options.TEMPORAL_STRIDE);
        boolean reset = p.get(SPATIAL_RESET.withDefault(resetByDefault));
        int[] pairAxis = Options.sections(MROPE_SECTION, () -> PairAxes.interleaved(section, rotary.pairs()));
        QwenCompat compat = p.get(COMPAT);
        PositionDesign design = Options.qwenDesign(p, compat, TemporalRule.linear(stride), reset);
        return new ComposedScheme(name, design, rotary.pairwise("interleaved", QwenAxes.THW, pairAxis),
                p.effective());
    }
}
