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

    private static final Rotary.Declared ROTARY = Rotary.parameters(1_000_000);
    private static final Parameter<Double> SCALE_FACTOR = Parameter.number("scale_factor", 2.0,
            Parameter.Allowed.above(0), "Temporal scale: frame k of a block sits at base + k * scale_factor.");

    /** Registry entry {@code videorope}. */
    public static final SchemeDeclaration DECLARATION = SchemeDeclaration.builder("videorope")
            .summary("VideoRoPE (official): diagonal layout, temporal scale 2, LTA allocation, Qwen2-VL")
            .paper("VideoRoPE (arXiv 2502.05173)")
            .reference("Wiselnn570/VideoRoPE", "modeling_videorope.py", "7712ca3")
            .axes(QwenAxes.THW).dtype(DType.FLOAT32).formats("qwen2-vl").parts("text", "image", "video")
            .parameters(Diagonal.common(ROTARY)).parameters(SCALE_FACTOR)
            .build(VideoRope::create);

    private VideoRope() {
    }

    private static Scheme create(SchemeParams p) {
        Rotary rotary = ROTARY.read(p);
        TemporalScales scale = Diagonal.fixed(p, SCALE_FACTOR);
        return new ComposedScheme(DECLARATION.name(), Diagonal.walker(scale, p),
                Diagonal.allocation(p, rotary, "lta", PairAxes::lowFrequencyTemporal, false), p.effective());
    }
}
