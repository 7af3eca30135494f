package dev.posplan.planners.scheme;

import dev.posplan.planners.ComposedScheme;
import dev.posplan.planners.DType;
import dev.posplan.planners.FrequencyAllocation;
import dev.posplan.planners.MropeLayout;
import dev.posplan.planners.PairAxes;
import dev.posplan.planners.Rotary;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeFactory;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.SleefExpf;
import dev.posplan.planners.SleefLogf;
import dev.posplan.planners.TemporalRule;
import java.util.Set;

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

    /** Registry entry {@code grape}. */
    public static final class Factory implements SchemeFactory {
        @Override
        public String name() {
            return "grape";
        }

        @Override
        public String summary() {
            return "GRAPE canonical mode (Multimodal-RoPEs): M-RoPE positions, chunked or interleaved planes";
        }

        @Override
        public Scheme create(SchemeParams p) {
            Rotary rotary = Rotary.read(p, 5_000_000);
            int[] section = p.getIntArray("mrope_section", new int[] {16, 24, 24});
            double stride = Options.temporalStride(p);
            String allocation = p.getString("frequency_allocation", "chunked", Set.of("chunked", "interleaved"));
            double logFreqScale = p.getDouble("log_freq_scale", 1.0);
            if (!(logFreqScale > 0)) {
                throw SchemeParams.invalid("log_freq_scale", "must be > 0, got " + logFreqScale);
            }
            String mode = p.getString("grape_mode", "canonical", Set.of());
            if (!mode.equals("canonical")) {
                throw SchemeParams.invalid("grape_mode", "'" + mode + "' is a learned mode that rotates q/k with "
                        + "trained planes; only 'canonical' can be written as positions and an allocation");
            }
            int[] pairAxis = allocation.equals("chunked")
                    ? Options.sections("mrope_section", () -> PairAxes.chunked(section, rotary.pairs(), 3))
                    : PairAxes.periodic(INTERLEAVED, rotary.pairs());
            float[] invFreq = warp(rotary.invFreq(), logFreqScale);
            FrequencyAllocation alloc = new FrequencyAllocation(allocation, QwenAxes.THW, rotary.headDim(),
                    rotary.rotaryDim(), rotary.theta(), invFreq, pairAxis, null);
            MropeLayout layout = new MropeLayout(TemporalRule.linear(stride), false, MropeLayout.Resume.MAX_PLUS_ONE,
                    true);
            return new ComposedScheme(name(), Options.walker(p, QwenAxes.THW, DType.INT32, layout), alloc,
                    p.effective());
        }
    }
}
