package dev.posplan.planners.scheme;

import dev.posplan.multimodal.processor.OmniModel;
import dev.posplan.planners.ComposedScheme;
import dev.posplan.planners.DType;
import dev.posplan.planners.Parameter;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeDeclaration;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.allocation.PairAxes;
import dev.posplan.planners.allocation.Rotary;
import dev.posplan.planners.design.OmniDesign;

/**
 * Qwen2.5-Omni thinker M-RoPE (transformers {@code Qwen2_5OmniPreTrainedModelForConditionalGeneration
 * .get_rope_index}, main @ decba1d2 and 4.57 @ a59124e2, identical): Qwen2.5-VL's rule with 25 positions per
 * second ({@code t_k = trunc(f32(f32(k · spg) · 25))}), audio positioned as text, audio inside a video
 * interleaved in 2-second chunks sharing the video's start ({@link dev.posplan.planners.design.OmniPlacement},
 * host format {@code qwen2.5-omni}); int positions, pads 1, rope_deltas over unpadded tokens. Allocation
 * chunked {@code [16, 24, 24]}, theta 1e6.
 */
public final class Qwen25Omni {

    private static final Rotary.Declared ROTARY = Rotary.parameters(1_000_000);
    private static final Parameter<int[]> MROPE_SECTION = Options.mropeSection(16, 24, 24);
    private static final Parameter<Double> PAD_VALUE = Options.PAD_VALUE.describedAs(
            "Position written at padding tokens by the multimodal branch (a text-only batch pads with 1).");

    /** Registry entry {@code qwen2.5-omni}. */
    public static final SchemeDeclaration DECLARATION = SchemeDeclaration.builder("qwen2.5-omni")
            .summary("Qwen2.5-Omni M-RoPE: absolute time at 25/s, audio as text, audio in video in 2 s chunks")
            .paper("Qwen2.5-Omni Technical Report (arXiv 2503.20215)")
            .reference("huggingface/transformers", "src/transformers/models/qwen2_5_omni/modeling_qwen2_5_omni.py",
                    "decba1d2")
            .axes(QwenAxes.THW).dtype(DType.INT32).formats("qwen2.5-omni").parts("text", "image", "video")
            .parameters(ROTARY.list()).parameters(MROPE_SECTION, PAD_VALUE)
            .build(Qwen25Omni::create);

    private Qwen25Omni() {
    }

    private static Scheme create(SchemeParams p) {
        Rotary rotary = ROTARY.read(p);
        int[] section = p.get(MROPE_SECTION);
        int[] pairAxis = Options.sections(MROPE_SECTION, () -> PairAxes.chunked(section, rotary.pairs(), 3));
        return new ComposedScheme(DECLARATION.name(),
                new OmniDesign(QwenAxes.THW, OmniModel.QWEN2_5_OMNI, DType.INT32, p.get(PAD_VALUE)),
                rotary.pairwise("chunked", QwenAxes.THW, pairAxis), p.effective());
    }
}
