package dev.posplan.planners.scheme;

import dev.posplan.planners.ComposedScheme;
import dev.posplan.planners.DType;
import dev.posplan.planners.Parameter;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeDeclaration;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.allocation.ChannelPairing;
import dev.posplan.planners.allocation.PairAxes;
import dev.posplan.planners.allocation.Rotary;
import dev.posplan.planners.design.MropePlacement;
import dev.posplan.planners.design.TemporalRule;

/**
 * GLM-4.1V / GLM-4.5V M-RoPE (HF transformers {@code Glm4vModel.get_rope_index}): each group starts at the
 * running max + 1; an image gets {@code (b + ti, b + hi, b + wi)}, and since the host format makes every video
 * frame its own block ({@link dev.posplan.multimodal.GlmFormat}), time never scales: frames advance only
 * through the running max. Pads keep 1, rope_deltas count the padded length, decode continues at M + 1.
 * Allocation: half of each 128-channel head rotates ({@code partial_rotary_factor} 0.5, theta 10000), chunked
 * {@code mrope_section} [8, 12, 12]; the reference pairs channels (2j, 2j + 1) ({@link ChannelPairing#GPTJ}).
 */
public final class Glm4v {

    private static final Rotary.Declared ROTARY = Rotary.parameters(128, 10_000, 0.5);
    private static final Parameter<int[]> MROPE_SECTION = Options.mropeSection(8, 12, 12);

    /** Registry entry {@code glm4v}. */
    public static final SchemeDeclaration DECLARATION = SchemeDeclaration.builder("glm4v")
            .summary("GLM-4.1V/4.5V M-RoPE: per-frame blocks at the running max + 1, partial rotary 0.5")
            .paper("GLM-4.1V-Thinking / GLM-4.5V (arXiv 2507.01006)")
            .reference("huggingface/transformers", "src/transformers/models/glm4v/modeling_glm4v.py", "03eac6f6")
            .axes(QwenAxes.THW).dtype(DType.INT32).formats("glm4v").parts("text", "image", "video")
            .parameters(ROTARY.list()).parameters(MROPE_SECTION, Options.PAD_VALUE)
            .build(Glm4v::create);

    private Glm4v() {
    }

    private static Scheme create(SchemeParams p) {
        Rotary rotary = ROTARY.read(p);
        int[] section = p.get(MROPE_SECTION);
        int[] pairAxis = Options.sections(MROPE_SECTION, () -> PairAxes.chunked(section, rotary.pairs(), 3));
        MropePlacement layout = new MropePlacement(TemporalRule.linear(1), false, MropePlacement.Resume.MAX_PLUS_ONE,
                true);
        return new ComposedScheme(DECLARATION.name(), Options.walker(p, QwenAxes.THW, DType.INT32, layout),
                rotary.pairwise("chunked", QwenAxes.THW, pairAxis).withPairing(ChannelPairing.GPTJ), p.effective());
    }
}
