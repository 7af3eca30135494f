package dev.posplan.planners.scheme;

import dev.posplan.multimodal.ApiNamed;
import dev.posplan.planners.ComposedScheme;
import dev.posplan.planners.DType;
import dev.posplan.planners.Parameter;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeDeclaration;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.allocation.FrequencyAllocation;
import dev.posplan.planners.allocation.PairAxes;
import dev.posplan.planners.allocation.Rotary;
import dev.posplan.planners.design.MropePlacement;
import dev.posplan.planners.design.TemporalRule;
import dev.posplan.planners.numerics.SleefExpf;
import dev.posplan.planners.numerics.SleefLogf;

/**
 * Multimodal GRAPE in its canonical mode as re-implemented in Multimodal-RoPEs (positions
 * {@code pos_design/mrope.py}, allocation {@code freq_allocation/grape.py::GRAPEEmbedding}; vlm-ropes.md §5.9):
 * Qwen2-VL M-RoPE positions (int, {@code temporal_stride} 1), allocation {@code chunked} by
 * {@code mrope_section} or {@code interleaved} (pair j reads axis j % 3, {@code mrope_section} unused), and
 * {@code log_freq_scale} warping every inverse frequency to {@code exp(log(inv) / scale)} in float32 with
 * torch's SLEEF rounding ({@link #warp}).
 * The learned modes ({@code axis}, {@code mixed}, {@code block_mixed}) rotate q/k with trained planes and
 * are not position IDs, so {@code grape_mode} only accepts {@code canonical}.
 */
public final class Grape {

    private static final int[] INTERLEAVED = {0, 1, 2};

    private Grape() {
    }

    /**
     * {@code torch.exp(inv_freq.log() / s)} on a float32 CPU tensor: log and exp as torch's vectorised kernels
     * round them (SLEEF u10, {@link SleefLogf}, {@link SleefExpf}; every element, no scalar tail), the
     * division by the Python float {@code s} in float32. A correctly rounded chain differs in the last bit
     * for a few frequencies per table. A scale of exactly 1 leaves the frequencies alone (the reference skips
     * the warp).
     */
    static float[] warp(float[] invFreq, double logFreqScale) {
        float[] out = invFreq.clone();
        if (logFreqScale != 1.0) {
            float scale = (float) logFreqScale;
            for (int j = 0; j < out.length; j++) {
                out[j] = SleefExpf.exp(SleefLogf.log(out[j]) / scale);
            }
        }
        return out;
    }

    /** The two allocations of the canonical mode. */
    enum Allocation implements ApiNamed {
        CHUNKED("chunked"), INTERLEAVED("interleaved");

        private final String apiName;

        Allocation(String apiName) {
            this.apiName = apiName;
        }

        @Override
        public String apiName() {
            return apiName;
        }
    }

    /** GRAPE's modes; only the canonical one is position IDs and an allocation. */
    enum Mode implements ApiNamed {
        CANONICAL("canonical"), AXIS("axis"), MIXED("mixed"), BLOCK_MIXED("block_mixed");

        private final String apiName;

        Mode(String apiName) {
            this.apiName = apiName;
        }

        @Override
        public String apiName() {
            return apiName;
        }
    }

    private static final Rotary.Declared ROTARY = Rotary.parameters(5_000_000);
    private static final Parameter<int[]> MROPE_SECTION = Options.mropeSection(16, 24, 24);
    private static final Parameter<Allocation> FREQUENCY_ALLOCATION = Parameter.choice("frequency_allocation",
            Allocation.class, Allocation.CHUNKED, "chunked by mrope_section, or interleaved (pair j reads axis j % 3).");
    private static final Parameter<Double> LOG_FREQ_SCALE = Parameter.number("log_freq_scale", 1.0,
            Parameter.Allowed.above(0), "Warps every inverse frequency to exp(log(inv) / scale) in float32.");
    private static final Parameter<Mode> GRAPE_MODE = Parameter.choice("grape_mode", Mode.class, Mode.CANONICAL,
            "Only canonical can be written as positions and an allocation; the learned modes are rejected.");

    /** Registry entry {@code grape}. */
    public static final SchemeDeclaration DECLARATION = SchemeDeclaration.builder("grape")
            .summary("GRAPE canonical mode (Multimodal-RoPEs): M-RoPE positions, chunked or interleaved planes")
            .paper("GRAPE (canonical mode), Multimodal-RoPEs re-implementation")
            .reference("JJJYmmm/Multimodal-RoPEs", "freq_allocation/grape.py", "cd413b9")
            .axes(QwenAxes.THW).dtype(DType.INT32).formats("qwen3-vl").parts("text", "image", "video")
            .parameters(ROTARY.list()).parameters(MROPE_SECTION, Options.TEMPORAL_STRIDE, FREQUENCY_ALLOCATION,
                    LOG_FREQ_SCALE, GRAPE_MODE, Options.PAD_VALUE)
            .build(Grape::create);

    private static Scheme create(SchemeParams p) {
        Rotary rotary = ROTARY.read(p);
        int[] section = p.get(MROPE_SECTION);
        double stride = p.get(Options.TEMPORAL_STRIDE);
        Allocation allocation = p.get(FREQUENCY_ALLOCATION);
        double logFreqScale = p.get(LOG_FREQ_SCALE);
        Mode mode = p.get(GRAPE_MODE);
        if (mode != Mode.CANONICAL) {
            throw GRAPE_MODE.invalid("'" + mode.apiName() + "' is a learned mode that rotates q/k with "
                    + "trained planes; only 'canonical' can be written as positions and an allocation");
        }
        int[] pairAxis = allocation == Allocation.CHUNKED
                ? Options.sections(MROPE_SECTION, () -> PairAxes.chunked(section, rotary.pairs(), 3))
                : PairAxes.periodic(INTERLEAVED, rotary.pairs());
        float[] invFreq = warp(rotary.invFreq(), logFreqScale);
        FrequencyAllocation alloc = rotary.pairwise(allocation.apiName(), QwenAxes.THW, invFreq, pairAxis);
        MropePlacement layout = new MropePlacement(TemporalRule.linear(stride), false, MropePlacement.Resume.MAX_PLUS_ONE,
                true);
        return new ComposedScheme(DECLARATION.name(), Options.walker(p, QwenAxes.THW, DType.INT32, layout), alloc,
                p.effective());
    }
}
