package dev.posplan.planners.scheme;

import dev.posplan.planners.ComposedScheme;
import dev.posplan.planners.PairAxes;
import dev.posplan.planners.PositionDesign;
import dev.posplan.planners.QwenCompat;
import dev.posplan.planners.Rotary;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeFactory;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.TemporalRule;

/**
 * Qwen2-VL M-RoPE (qwen-mrope.md §3.3, vlm-ropes.md §5.2): {@code (b + ti·stride, b + hi, b + wi)},
 * text resumes after the block's largest extent, chunked allocation {@code [16, 24, 24]}.
 * {@code temporal_stride} is 1 in Qwen2-VL; Multimodal-RoPEs' baseline config uses 2. The host options
 * ({@code compat}, default {@code hf-4.51}, and its overrides) are read by {@link Options#qwenDesign}.
 */
public final class Mrope {

    private Mrope() {
    }

    /** Registry entry {@code mrope}. */
    public static final class Factory implements SchemeFactory {
        @Override
        public String name() {
            return "mrope";
        }

        @Override
        public String summary() {
            return "Qwen2-VL M-RoPE: 3D positions, chunked [16,24,24] allocation";
        }

        @Override
        public Scheme create(SchemeParams p) {
            Rotary rotary = Rotary.read(p, 1_000_000);
            int[] section = p.getIntArray("mrope_section", new int[] {16, 24, 24});
            double stride = Options.temporalStride(p);
            int[] pairAxis = Options.sections("mrope_section", () -> PairAxes.chunked(section, rotary.pairs(), 3));
            QwenCompat compat = Options.compat(p, QwenCompat.HF_4_51);
            PositionDesign design = Options.qwenDesign(p, compat, TemporalRule.linear(stride), false);
            return new ComposedScheme(name(), design, rotary.pairwise("chunked", QwenAxes.THW, pairAxis),
                    p.effective());
        }
    }
}
