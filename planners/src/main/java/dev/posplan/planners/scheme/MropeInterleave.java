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
 * MRoPE-Interleave (vlm-ropes.md §3): M-RoPE positions with the Qwen3-VL interleaved allocation
 * {@code THW…THW TTTT} of {@code [24, 20, 20]}. Without spatial reset it is exactly Qwen3-VL; with
 * spatial reset (the paper's proposal) h and w restart at 0 in every block, text positions unchanged.
 */
public final class MropeInterleave {

    private MropeInterleave() {
    }

    static Scheme build(String name, SchemeParams p, boolean resetByDefault) {
        Rotary rotary = Rotary.read(p, 5_000_000);
        int[] section = p.getIntArray("mrope_section", new int[] {24, 20, 20});
        double stride = Options.temporalStride(p);
        boolean reset = p.getBoolean("spatial_reset", resetByDefault);
        int[] pairAxis = Options.sections("mrope_section", () -> PairAxes.interleaved(section, rotary.pairs()));
        // Qwen3-VL has no HF 4.51 code; 4.57 is the Qwen team's implementation (the two agree on Qwen3).
        QwenCompat compat = Options.compat(p, QwenCompat.HF_4_57);
        PositionDesign design = Options.qwenDesign(p, compat, TemporalRule.linear(stride), reset);
        return new ComposedScheme(name, design, rotary.pairwise("interleaved", QwenAxes.THW, pairAxis),
                p.effective());
    }

    /** Registry entry {@code mrope-interleave}: Qwen3-VL semantics, spatial reset off by default. */
    public static final class Factory implements SchemeFactory {
        @Override
        public String name() {
            return "mrope-interleave";
        }

        @Override
        public String summary() {
            return "Qwen3-VL interleaved M-RoPE [24,20,20] (MRoPE-I, spatial_reset off)";
        }

        @Override
        public Scheme create(SchemeParams p) {
            return build(name(), p, false);
        }
    }

    /** Registry entry {@code mrope-i}: the paper's MRoPE-Interleave, spatial reset on by default. */
    public static final class ResetFactory implements SchemeFactory {
        @Override
        public String name() {
            return "mrope-i";
        }

        @Override
        public String summary() {
            return "MRoPE-Interleave as proposed in the paper (spatial_reset on)";
        }

        @Override
        public Scheme create(SchemeParams p) {
            return build(name(), p, true);
        }
    }
}
