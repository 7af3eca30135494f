package dev.posplan.planners.scheme;

import dev.posplan.planners.ComposedScheme;
import dev.posplan.planners.DType;
import dev.posplan.planners.MropeLayout;
import dev.posplan.planners.PairAxes;
import dev.posplan.planners.QwenWalker;
import dev.posplan.planners.Rotary;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeFactory;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.TemporalRule;

/**
 * OmniRoPE as re-implemented in Multimodal-RoPEs ({@code pos_design/omnirope.py::get_omnirope_index},
 * vlm-ropes.md §5.7): visual token (ti, hi, wi) of a block with base b gets {@code (b + ti·stride, hi, wi)},
 * text continues after {@code max((gt-1)·stride + 1, gh, gw)} and is the same on all three axes. These are
 * exactly MRoPE-I's spatial-reset positions, but float32; the allocation is chunked {@code [16, 24, 24]}.
 */
public final class Omnirope {

    private Omnirope() {
    }

    /** The OmniRoPE / IL-RoPE positions: M-RoPE with spatial reset, float32 (shared with {@link Ilrope}). */
    static QwenWalker positions(SchemeParams p) {
        double stride = Options.temporalStride(p);
        MropeLayout layout = new MropeLayout(TemporalRule.linear(stride), true, MropeLayout.Resume.MAX_PLUS_ONE, false);
        return Options.walker(p, QwenAxes.THW, DType.FLOAT32, layout);
    }

    /** Registry entry {@code omnirope}. */
    public static final class Factory implements SchemeFactory {
        @Override
        public String name() {
            return "omnirope";
        }

        @Override
        public String summary() {
            return "OmniRoPE (Multimodal-RoPEs): spatial-reset positions, chunked [16,24,24] allocation";
        }

        @Override
        public Scheme create(SchemeParams p) {
            Rotary rotary = Rotary.read(p, 5_000_000);
            int[] section = p.getIntArray("mrope_section", new int[] {16, 24, 24});
            int[] pairAxis = Options.sections("mrope_section", () -> PairAxes.chunked(section, rotary.pairs(), 3));
            return new ComposedScheme(name(), positions(p), rotary.pairwise("chunked", QwenAxes.THW, pairAxis),
                    p.effective());
        }
    }
}
