package dev.posplan.planners.scheme;

import dev.posplan.planners.AbsoluteTime;
import dev.posplan.planners.ComposedScheme;
import dev.posplan.planners.PairAxes;
import dev.posplan.planners.PositionDesign;
import dev.posplan.planners.QwenCompat;
import dev.posplan.planners.Rotary;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeFactory;
import dev.posplan.planners.SchemeParams;

/**
 * Qwen2.5-VL absolute-time M-RoPE (qwen-mrope.md §3.4): Qwen2-VL's M-RoPE, but slice k of a video sits at
 * {@code b + trunc(k · second_per_grid_t · tokens_per_second)}; images and text as in M-RoPE; chunked
 * allocation {@code [16, 24, 24]}. {@code time_arithmetic} picks whose float/int product to reproduce
 * (default from {@code compat}, whose default {@code hf-4.51} is the Qwen team's original code); the other
 * host options are those of {@link Options#qwenDesign}.
 */
public final class MropeAbsoluteTime {

    private MropeAbsoluteTime() {
    }

    /** Registry entry {@code mrope-abs-time}. */
    public static final class Factory implements SchemeFactory {
        @Override
        public String name() {
            return "mrope-abs-time";
        }

        @Override
        public String summary() {
            return "Qwen2.5-VL M-RoPE: video t = k * second_per_grid_t * tokens_per_second, chunked [16,24,24]";
        }

        @Override
        public Scheme create(SchemeParams p) {
            Rotary rotary = Rotary.read(p, 1_000_000);
            int[] section = p.getIntArray("mrope_section", new int[] {16, 24, 24});
            int[] pairAxis = Options.sections("mrope_section", () -> PairAxes.chunked(section, rotary.pairs(), 3));
            int tps = p.getInt("tokens_per_second", 2);
            if (tps < 1 || tps > 1_000_000) {
                throw SchemeParams.invalid("tokens_per_second", "must be in 1..1000000, got " + tps);
            }
            QwenCompat compat = Options.compat(p, QwenCompat.HF_4_51);
            AbsoluteTime time = new AbsoluteTime(Options.arithmetic(p, compat), tps);
            PositionDesign design = Options.qwenDesign(p, compat, time, false);
            return new ComposedScheme(name(), design, rotary.pairwise("chunked", QwenAxes.THW, pairAxis),
                    p.effective());
        }
    }
}
