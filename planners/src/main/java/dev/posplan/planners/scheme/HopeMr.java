package dev.posplan.planners.scheme;

import dev.posplan.planners.ComposedScheme;
import dev.posplan.planners.PairAxes;
import dev.posplan.planners.Rotary;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeFactory;
import dev.posplan.planners.SchemeParams;

/**
 * Multimodal-RoPEs' HoPE ({@code pos_design/hope.py}, {@code freq_allocation/hope.py}; vlm-ropes.md §5.4):
 * the diagonal positions with a scale drawn per block from {@code temporal_stride_lst} (inert with
 * Qwen3-VL's one-frame blocks), and {@code videorope-mr}'s allocation whose t pairs do not rotate. The draws
 * start from {@code seed} (default 0) for every plan and continue across the rows of a batch.
 *
 * <p>The reference zeroes every t position {@code > 0} inside its embedding, after returning the
 * positions; t is never negative (text and frames start at 0, padding is 1), so that is exactly "the t
 * pairs rotate by 0", which is how posplan states it: {@code pair_axis} -1 on those pairs, positions as
 * the position function returns them.
 */
public final class HopeMr {

    private HopeMr() {
    }

    /** Registry entry {@code hope-mr}. */
    public static final class Factory implements SchemeFactory {
        @Override
        public String name() {
            return "hope-mr";
        }

        @Override
        public String summary() {
            return "HoPE as re-implemented in Multimodal-RoPEs (t positions zeroed = NoPE t pairs), Qwen3-VL";
        }

        @Override
        public Scheme create(SchemeParams p) {
            Rotary rotary = Rotary.read(p, 5_000_000);
            return new ComposedScheme(name(),
                    Diagonal.walker(Diagonal.randomChoice(p, "temporal_stride_lst", Diagonal.HOPE_SCALES), p),
                    Diagonal.allocation(p, rotary, "lta-shifted-nope-t", PairAxes::lowFrequencyTemporalShifted, true),
                    p.effective());
        }
    }
}
