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
 * Qwen3-Omni thinker M-RoPE (transformers {@code Qwen3OmniMoePreTrainedModelForConditionalGeneration
 * .get_rope_index}): one block per video with absolute time at 13 positions per second and <b>no
 * truncation</b>, so positions are float32 ({@code t_k = f32(f32(k · spg) · 13)}, every start rounded as the
 * reference's float32 tensor ops); audio as text; audio inside a video merged by time with consecutive
 * wrapper positions (host format {@code qwen3-omni}). Pads 0 (text-only batches: 1), rope_deltas over
 * unpadded tokens. Allocation interleaved {@code [24, 20, 20]} (as Qwen3-VL), theta 1e6.
 */
public final class Qwen3Omni {

    private static final Rotary.Declared ROTARY = Rotary.parameters(1_000_000);
    private static final Parameter<int[]> MROPE_SECTION = Options.mropeSection(24, 20, 20);
    private static final Parameter<Double> PAD_VALUE = Options.PAD_VALUE.withDefault(0.0).describedAs(
            "Position written at padding tokens by the multimodal branch (a text-only batch pads with 1).");

    /** Registry entry {@code qwen3-omni}. */
    public static final SchemeDeclaration DECLARATION = SchemeDeclaration.builder("qwen3-omni")
            .summary("Qwen3-Omni M-RoPE: float32 absolute time at 13/s, audio as text, audio in video merged by time")
            .paper("Qwen3-Omni Technical Report (arXiv 2509.17765)")
            .reference("huggingface/transformers",
                    "src/transformers/models/qwen3_omni_moe/modeling_qwen3_omni_moe.py", "decba1d2")
            .axes(QwenAxes.THW).dtype(DType.FLOAT32).formats("qwen3-omni").parts("text", "image", "video")
            .parameters(ROTARY.list()).parameters(MROPE_SECTION, PAD_VALUE)
            .build(Qwen3Omni::create);

    private Qwen3Omni() {
    }

    private static Scheme create(SchemeParams p) {
        Rotary rotary = ROTARY.read(p);
        int[] section = p.get(MROPE_SECTION);
        int[] pairAxis = Options.sections(MROPE_SECTION, () -> PairAxes.interleaved(section, rotary.pairs()));
        return new ComposedScheme(DECLARATION.name(),
                new OmniDesign(QwenAxes.THW, OmniModel.QWEN3_OMNI, DType.FLOAT32, p.get(PAD_VALUE)),
                rotary.pairwise("interleaved", QwenAxes.THW, pairAxis), p.effective());
    }
}
