package dev.posplan.planners.scheme;

import dev.posplan.planners.ComposedScheme;
import dev.posplan.planners.PairAxes;
import dev.posplan.planners.Rotary;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeFactory;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.TemporalScales;

/**
 * Multimodal-RoPEs' VideoRoPE ({@code pos_design/videorope.py}, {@code freq_allocation/videorope.py};
 * vlm-ropes.md §5.3): the official diagonal positions with {@code temporal_stride} as the scale (default
 * 2.0), but the allocation one pair off the official one (§12 #1): t on pair 0 and the last 16, h on odd,
 * w on even pairs from 2. Host format Qwen3-VL, whose one-frame blocks make the stride inert (§12 #2).
 */
public final class VideoRopeMr {

    private VideoRopeMr() {
    }

    /** Registry entry {@code videorope-mr}. */
    public static final class Factory implements SchemeFactory {
        @Override
        public String name() {
            return "videorope-mr";
        }

        @Override
        public String summary() {
            return "VideoRoPE as re-implemented in Multimodal-RoPEs (shifted LTA allocation), Qwen3-VL";
        }

        @Override
        public Scheme create(SchemeParams p) {
            Rotary rotary = Rotary.read(p, 5_000_000);
            TemporalScales stride = Diagonal.fixed(p, "temporal_stride", 2.0);
            return new ComposedScheme(name(), Diagonal.walker(stride, p),
                    Diagonal.allocation(p, rotary, "lta-shifted", PairAxes::lowFrequencyTemporalShifted, false),
                    p.effective());
        }
    }
}
