package dev.posplan.planners.scheme;

import dev.posplan.multimodal.processor.OmniModel;
import dev.posplan.planners.ComposedScheme;
import dev.posplan.planners.DType;
import dev.posplan.planners.PairAxes;
import dev.posplan.planners.Rotary;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeFactory;
import dev.posplan.planners.SchemeParams;

/**
 * Qwen3-Omni thinker M-RoPE (transformers {@code Qwen3OmniMoePreTrainedModelForConditionalGeneration
 * .get_rope_index}): one block per video with absolute time at 13 positions per second and <b>no
 * truncation</b>, so positions are float32 ({@code t_k = f32(f32(k · spg) · 13)}, every start rounded as the
 * reference's float32 tensor ops); audio as text; audio inside a video merged by time with consecutive
 * wrapper positions (host format {@code qwen3-omni}). Pads 0 (text-only batches: 1), rope_deltas over
 * unpadded tokens. Allocation interleaved {@code [24, 20, 20]} (as Qwen3-VL), theta 1e6.
 */
public final class Qwen3Omni {

    private Qwen3Omni() {
    }

    /** Registry entry {@code qwen3-omni}. */
    public static final class Factory implements SchemeFactory {
        @Override
        public String name() {
            return "qwen3-omni";
        }

        @Override
        public String summary() {
            return "Qwen3-Omni M-RoPE: float32 absolute time at 13/s, audio as text, audio in video merged by time";
        }

        @Override
        public Scheme create(SchemeParams p) {
            Rotary rotary = Rotary.read(p, 1_000_000);
            int[] section = p.getIntArray("mrope_section", new int[] {24, 20, 20});
            int[] pairAxis = Options.sections("mrope_section", () -> PairAxes.interleaved(section, rotary.pairs()));
            return new ComposedScheme(name(), new OmniDesign(OmniModel.QWEN3_OMNI, DType.FLOAT32,
                    p.getDouble("pad_value", 0)),
                    rotary.pairwise("interleaved", QwenAxes.THW, pairAxis), p.effective());
        }
    }
}
