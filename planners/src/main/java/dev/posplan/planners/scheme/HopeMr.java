package dev.posplan.planners.scheme;

import dev.posplan.planners.ComposedScheme;
import dev.posplan.planners.DType;
import dev.posplan.planners.Parameter;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeDeclaration;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.allocation.PairAxes;
import dev.posplan.planners.allocation.Rotary;

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

    private static final Rotary.Declared ROTARY = Rotary.parameters(5_000_000);
    private static final Parameter<double[]> TEMPORAL_STRIDE_LST = Parameter.numbers("temporal_stride_lst",
            Diagonal.HOPE_SCALES, Parameter.Allowed.above(0), "Candidate scales, one drawn per visual block.");

    /** Registry entry {@code hope-mr}. */
    public static final SchemeDeclaration DECLARATION = SchemeDeclaration.builder("hope-mr")
            .summary("HoPE as re-implemented in Multimodal-RoPEs (t positions zeroed = NoPE t pairs), Qwen3-VL")
            .paper("HoPE (arXiv 2505.20444), Multimodal-RoPEs re-implementation")
            .reference("JJJYmmm/Multimodal-RoPEs", "pos_design/hope.py", "cd413b9")
            .axes(QwenAxes.THW).dtype(DType.FLOAT32).formats("qwen3-vl").parts("text", "image", "video")
            .parameters(Diagonal.common(ROTARY)).parameters(TEMPORAL_STRIDE_LST, Diagonal.SEED)
            .build(HopeMr::create);

    private HopeMr() {
    }

    private static Scheme create(SchemeParams p) {
        Rotary rotary = ROTARY.read(p);
        return new ComposedScheme(DECLARATION.name(),
                Diagonal.walker(Diagonal.randomChoice(p, TEMPORAL_STRIDE_LST), p),
                Diagonal.allocation(p, rotary, "lta-shifted-nope-t", PairAxes::lowFrequencyTemporalShifted, true),
                p.effective());
    }
}
