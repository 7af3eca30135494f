package dev.posplan.planners.scheme;

import dev.posplan.planners.ComposedScheme;
import dev.posplan.planners.PairAxes;
import dev.posplan.planners.Rotary;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeFactory;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.TemporalScales;

/**
 * Official VideoRoPE (Wiselnn570/VideoRoPE, vlm-ropes.md §6): the diagonal layout with temporal scale
 * {@code scale_factor} (every frame at {@code base + ti*scale}, h and w centred on it), text resuming at
 * {@code max(t row) + 1}, rope_deltas from the t row, float32; low-frequency temporal allocation
 * (h/w alternating over the first 48 pairs, t on the last 16). Host format: Qwen2-VL.
 *
 * <p>{@code scale_factor} defaults to 2.0, what the HF path (training and inference) hard-codes for
 * {@code which_rope='videorope'} whatever the caller passes; the vLLM path honours a user value (its
 * own default 1.0), which is what setting {@code scale_factor} here reproduces.
 */
public final class VideoRope {

    private VideoRope() {
    }

    /** Registry entry {@code videorope}. */
    public static final class Factory implements SchemeFactory {
        @Override
        public String name() {
            return "videorope";
        }

        @Override
        public String summary() {
            return "VideoRoPE (official): diagonal layout, temporal scale 2, LTA allocation, Qwen2-VL";
        }

        @Override
        public Scheme create(SchemeParams p) {
            Rotary rotary = Rotary.read(p, 1_000_000);
            TemporalScales scale = Diagonal.fixed(p, "scale_factor", 2.0);
            return new ComposedScheme(name(), Diagonal.walker(scale, p),
                    Diagonal.allocation(p, rotary, "lta", PairAxes::lowFrequencyTemporal, false), p.effective());
        }
    }
}
