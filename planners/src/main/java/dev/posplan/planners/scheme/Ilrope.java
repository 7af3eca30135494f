package dev.posplan.planners.scheme;

import dev.posplan.planners.ComposedScheme;
import dev.posplan.planners.PairAxes;
import dev.posplan.planners.Rotary;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeFactory;
import dev.posplan.planners.SchemeParams;

/**
 * IL-RoPE as re-implemented in Multimodal-RoPEs ({@code pos_design/ilrope.py}, which calls OmniRoPE's
 * position function; vlm-ropes.md §5.7): {@link Omnirope} positions with MRoPE-I's interleaved allocation
 * of {@code [24, 20, 20]}, i.e. MRoPE-I with spatial reset in float32. {@code spatial_reset} exists only
 * because the reference config has it; it must stay true.
 */
public final class Ilrope {

    private Ilrope() {
    }

    /** Registry entry {@code ilrope}. */
    public static final class Factory implements SchemeFactory {
        @Override
        public String name() {
            return "ilrope";
        }

        @Override
        public String summary() {
            return "IL-RoPE (Multimodal-RoPEs): spatial-reset positions, interleaved [24,20,20] allocation";
        }

        @Override
        public Scheme create(SchemeParams p) {
            Rotary rotary = Rotary.read(p, 5_000_000);
            int[] section = p.getIntArray("mrope_section", new int[] {24, 20, 20});
            if (!p.getBoolean("spatial_reset", true)) {
                throw SchemeParams.invalid("spatial_reset", "must be true: IL-RoPE always resets h and w "
                        + "(configs/ilrope.py refuses false)");
            }
            int[] pairAxis = Options.sections("mrope_section", () -> PairAxes.interleaved(section, rotary.pairs()));
            return new ComposedScheme(name(), Omnirope.positions(p),
                    rotary.pairwise("interleaved", QwenAxes.THW, pairAxis), p.effective());
        }
    }
}
