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
 * Qwen2.5-Omni thinker M-RoPE (transformers {@code Qwen2_5OmniPreTrainedModelForConditionalGeneration
 * .get_rope_index}, main @ decba1d2 and 4.57 @ a59124e2, identical): Qwen2.5-VL's rule with 25 positions per
 * second ({@code t_k = trunc(f32(f32(k · spg) · 25))}), audio positioned as text, audio inside a video
 * interleaved in 2-second chunks sharing the video's start ({@link dev.posplan.planners.OmniLayout}, host
 * format {@code qwen2.5-omni}); int positions, pads 1, rope_deltas over unpadded tokens. Allocation chunked
 * {@code [16, 24, 24]}, theta 1e6.
 */
public final class Qwen25Omni {

    private Qwen25Omni() {
    }

    /** Registry entry {@code qwen2.5-omni}. */
    public static final class Factory implements SchemeFactory {
        @Override
        public String name() {
            return "qwen2.5-omni";
        }

        @Override
        public String summary() {
            return "Qwen2.5-Omni M-RoPE: absolute time at 25/s, audio as text, audio in video in 2 s chunks";
        }

        @Override
        public Scheme create(SchemeParams p) {
            Rotary rotary = Rotary.read(p, 1_000_000);
            int[] section = p.getIntArray("mrope_section", new int[] {16, 24, 24});
            int[] pairAxis = Options.sections("mrope_section", () -> PairAxes.chunked(section, rotary.pairs(), 3));
            return new ComposedScheme(name(), new OmniDesign(OmniModel.QWEN2_5_OMNI, DType.INT32,
                    p.getDouble("pad_value", 1)),
                    rotary.pairwise("chunked", QwenAxes.THW, pairAxis), p.effective());
        }
    }
}
