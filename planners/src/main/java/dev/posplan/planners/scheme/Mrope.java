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
 * Qwen2-VL M-RoPE (qwen-mrope.md §3.3, vlm-ropes.md §5.2): {@code (b + ti·stride, b + hi, b + wi)},
 * text resumes after the block's largest extent, chunked allocation {@code [16, 24, 24]}.
 * {@code temporal_stride} is 1 in Qwen2-VL; Multimodal-RoPEs' baseline config uses 2.
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
            double stride = p.getDouble("temporal_stride", 1.0);
            double pad = p.getDouble("pad_value", 1);
            MropeLayout.Resume resume = Options.resume(p);
            int[] pairAxis = Options.sections("mrope_section", () -> PairAxes.chunked(section, rotary.pairs(), 3));
            MropeLayout layout = new MropeLayout(TemporalRule.linear(stride), false, resume, true);
            return new ComposedScheme(name(), new QwenWalker(QwenAxes.THW, DType.INT32, layout, pad, 0),
                    rotary.pairwise("chunked", QwenAxes.THW, pairAxis), p.effective());
        }
    }
}
