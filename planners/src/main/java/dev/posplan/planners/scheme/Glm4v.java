package dev.posplan.planners.scheme;

import dev.posplan.planners.ComposedScheme;
import dev.posplan.planners.DType;
import dev.posplan.planners.MropeLayout;
import dev.posplan.planners.PairAxes;
import dev.posplan.planners.Rotary;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeFactory;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.TemporalRule;

/**
 * GLM-4.1V / GLM-4.5V M-RoPE (HF transformers {@code Glm4vModel.get_rope_index}): each group starts at the
 * running max + 1; an image gets {@code (b + ti, b + hi, b + wi)}, and since the host format makes every video
 * frame its own block ({@link dev.posplan.multimodal.GlmFormat}), time never scales: frames advance only
 * through the running max. Pads keep 1, rope_deltas count the padded length, decode continues at M + 1.
 * Allocation: half of each 128-channel head rotates ({@code partial_rotary_factor} 0.5, theta 10000), chunked
 * {@code mrope_section} [8, 12, 12]; the reference pairs channels (2j, 2j + 1) (GPT-J), which changes no angle.
 */
public final class Glm4v {

    private Glm4v() {
    }

    /** Registry entry {@code glm4v}. */
    public static final class Factory implements SchemeFactory {
        @Override
        public String name() {
            return "glm4v";
        }

        @Override
        public String summary() {
            return "GLM-4.1V/4.5V M-RoPE: per-frame blocks at the running max + 1, partial rotary 0.5";
        }

        @Override
        public Scheme create(SchemeParams p) {
            Rotary rotary = Rotary.read(p, 128, 10_000, 0.5);
            int[] section = p.getIntArray("mrope_section", new int[] {8, 12, 12});
            int[] pairAxis = Options.sections("mrope_section", () -> PairAxes.chunked(section, rotary.pairs(), 3));
            MropeLayout layout = new MropeLayout(TemporalRule.linear(1), false, MropeLayout.Resume.MAX_PLUS_ONE, true);
            return new ComposedScheme(name(), Options.walker(p, QwenAxes.THW, DType.INT32, layout),
                    rotary.pairwise("chunked-gptj", QwenAxes.THW, pairAxis), p.effective());
        }
    }
}
