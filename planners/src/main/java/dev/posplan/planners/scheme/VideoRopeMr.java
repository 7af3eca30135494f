package dev.posplan.planners.scheme;

import dev.posplan.planners.ComposedScheme;
import dev.posplan.planners.DType;
import dev.posplan.planners.Parameter;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeDeclaration;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.allocation.PairAxes;
import dev.posplan.planners.allocation.Rotary;
import dev.posplan.planners.design.TemporalScales;

/**
 * Multimodal-RoPEs' VideoRoPE ({@code pos_design/videorope.py}, {@code freq_allocation/videorope.py};
 * vlm-ropes.md §5.3): the official diagonal positions with {@code temporal_stride} as the scale (default
 * 2.0), but the allocation one pair off the official one (§12 #1): t on pair 0 and the last 16, h on odd,
 * w on even pairs from 2. Host format Qwen3-VL, whose one-frame blocks make the stride inert (§12 #2).
 */
public final class VideoRopeMr {

    private static final Rotary.Declared ROTARY = Rotary.parameters(5_000_000);
    private static final Parameter<Double> TEMPORAL_STRIDE = Options.TEMPORAL_STRIDE.withDefault(2.0)
            .describedAs("Temporal scale: frame k of a block sits at base + k * temporal_stride.");

    /** Registry entry {@code videorope-mr}. */
    public static final SchemeDeclaration DECLARATION = SchemeDeclaration.builder("videorope-mr")
            .summary("VideoRoPE as re-implemented in Multimodal-RoPEs (shifted LTA allocation), Qwen3-VL")
            .paper("VideoRoPE (arXiv 2502.05173), Multimodal-RoPEs re-implementation")
            .reference("JJJYmmm/Multimodal-RoPEs", "pos_design/videorope.py", "cd413b9")
            .axes(QwenAxes.THW).dtype(DType.FLOAT32).formats("qwen3-vl").parts("text", "image", "video")
            .parameters(Diagonal.common(ROTARY)).parameters(TEMPORAL_STRIDE)
            .build(VideoRopeMr::create);

    private VideoRopeMr() {
    }

    private static Scheme create(SchemeParams p) {
        Rotary rotary = ROTARY.read(p);
        TemporalScales stride = Diagonal.fixed(p, TEMPORAL_STRIDE);
        return new ComposedScheme(DECLARATION.name(), Diagonal.walker(stride, p),
                Diagonal.allocation(p, rotary, "lta-shifted", PairAxes::lowFrequencyTemporalShifted, false),
                p.effective());
    }
}
