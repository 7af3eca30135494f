package dev.posplan.planners.scheme;

import dev.posplan.planners.ComposedScheme;
import dev.posplan.planners.DType;
import dev.posplan.planners.Parameter;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeDeclaration;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.allocation.FrequencyAllocation;
import dev.posplan.planners.allocation.Rotary;
import dev.posplan.planners.design.MropePlacement;
import dev.posplan.planners.design.TemporalRule;

/**
 * Multi-Head RoPE (vlm-ropes.md §4): MRoPE-I positions, but the allocation is per KV head:
 * {@code mrope_section = [n_t, n_h, n_w]} heads read t, h, w with the full frequency spectrum, and the
 * remaining heads get no rotation. Spatial reset is on by default (paper and README form).
 */
public final class Mhrope {

    private static final Rotary.Declared ROTARY = Rotary.parameters(5_000_000);
    private static final Parameter<Integer> KV_HEADS = Parameter.integer("num_key_value_heads", 8,
            Parameter.Allowed.between(1, 4096), "KV heads; query head q uses KV head q / (H / H_kv).");
    private static final Parameter<int[]> MROPE_SECTION = Options.mropeSection(2, 3, 3)
            .describedAs("KV heads per axis [t, h, w]; the remaining heads do not rotate.");
    private static final Parameter<Boolean> SPATIAL_RESET = Parameter.bool("spatial_reset", true,
            "h and w restart at 0 in every visual block.");

    /** Registry entry {@code mhrope}. */
    public static final SchemeDeclaration DECLARATION = SchemeDeclaration.builder("mhrope")
            .summary("Multi-Head RoPE: KV heads split between t, h, w (2/3/3 of 8), spatial reset")
            .paper("MHRoPE (arXiv 2510.23095)")
            .reference("JJJYmmm/Multimodal-RoPEs", "freq_allocation/mhrope.py", "cd413b9")
            .axes(QwenAxes.THW).dtype(DType.INT32).formats("qwen3-vl").parts("text", "image", "video")
            .parameters(ROTARY.list()).parameters(KV_HEADS, MROPE_SECTION, Options.TEMPORAL_STRIDE, SPATIAL_RESET,
                    Options.RESUME, Options.PAD_VALUE)
            .build(Mhrope::create);

    private Mhrope() {
    }

    /** Axis per KV head: n_t heads t, n_h heads h, n_w heads w, the rest NoPE. */
    static int[] kvHeadAxis(int[] section, int kvHeads) {
        if (section.length != 3) {
            throw MROPE_SECTION.invalid("must have 3 entries (heads for t, h, w)");
        }
        // long: three counts near Integer.MAX_VALUE must not wrap to a small sum
        long sum = (long) section[0] + section[1] + section[2];
        if (section[0] < 0 || section[1] < 0 || section[2] < 0 || sum > kvHeads) {
            throw MROPE_SECTION.invalid(
                    "head counts must be >= 0 and sum to at most num_key_value_heads = " + kvHeads);
        }
        int[] axis = new int[kvHeads];
        for (int k = 0; k < kvHeads; k++) {
            axis[k] = k < section[0] ? 0 : k < section[0] + section[1] ? 1 : k < sum ? 2 : FrequencyAllocation.NO_ROTATION;
        }
        return axis;
    }

    private static Scheme create(SchemeParams p) {
        Rotary rotary = ROTARY.read(p);
        int kvHeads = p.get(KV_HEADS);
        int[] section = p.get(MROPE_SECTION);
        double stride = p.get(Options.TEMPORAL_STRIDE);
        boolean reset = p.get(SPATIAL_RESET);
        MropePlacement.Resume resume = p.get(Options.RESUME);
        MropePlacement layout = new MropePlacement(TemporalRule.linear(stride), reset, resume, true);
        FrequencyAllocation alloc = rotary.headwise("headwise", QwenAxes.THW, kvHeadAxis(section, kvHeads));
        return new ComposedScheme(DECLARATION.name(), Options.walker(p, QwenAxes.THW, DType.INT32, layout), alloc,
                p.effective());
    }
}
