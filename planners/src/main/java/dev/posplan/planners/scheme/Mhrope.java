package dev.posplan.planners.scheme;

import dev.posplan.planners.ComposedScheme;
import dev.posplan.planners.DType;
import dev.posplan.planners.FrequencyAllocation;
import dev.posplan.planners.MropeLayout;
import dev.posplan.planners.Rotary;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeFactory;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.TemporalRule;

/**
 * Multi-Head RoPE (vlm-ropes.md §4): MRoPE-I positions, but the allocation is per KV head:
 * {@code mrope_section = [n_t, n_h, n_w]} heads read t, h, w with the full frequency spectrum, and the
 * remaining heads get no rotation. Spatial reset is on by default (paper and README form).
 */
public final class Mhrope {

    private Mhrope() {
    }

    /** Axis per KV head: n_t heads t, n_h heads h, n_w heads w, the rest NoPE. */
    static int[] kvHeadAxis(int[] section, int kvHeads) {
        if (section.length != 3) {
            throw SchemeParams.invalid("mrope_section", "must have 3 entries (heads for t, h, w)");
        }
        // long: three counts near Integer.MAX_VALUE must not wrap to a small sum
        long sum = (long) section[0] + section[1] + section[2];
        if (section[0] < 0 || section[1] < 0 || section[2] < 0 || sum > kvHeads) {
            throw SchemeParams.invalid("mrope_section",
                    "head counts must be >= 0 and sum to at most num_key_value_heads = " + kvHeads);
        }
        int[] axis = new int[kvHeads];
        for (int k = 0; k < kvHeads; k++) {
            axis[k] = k < section[0] ? 0 : k < section[0] + section[1] ? 1 : k < sum ? 2 : FrequencyAllocation.NO_ROTATION;
        }
        return axis;
    }

    /** Registry entry {@code mhrope}. */
    public static final class Factory implements SchemeFactory {
        @Override
        public String name() {
            return "mhrope";
        }

        @Override
        public String summary() {
            return "Multi-Head RoPE: KV heads split between t, h, w (2/3/3 of 8), spatial reset";
        }

        @Override
        public Scheme create(SchemeParams p) {
            Rotary rotary = Rotary.read(p, 5_000_000);
            int kvHeads = p.getInt("num_key_value_heads", 8);
            if (kvHeads < 1 || kvHeads > 4096) {
                throw SchemeParams.invalid("num_key_value_heads", "must be in 1..4096, got " + kvHeads);
            }
            int[] section = p.getIntArray("mrope_section", new int[] {2, 3, 3});
            double stride = Options.temporalStride(p);
            boolean reset = p.getBoolean("spatial_reset", true);
            MropeLayout.Resume resume = Options.resume(p);
            MropeLayout layout = new MropeLayout(TemporalRule.linear(stride), reset, resume, true);
            FrequencyAllocation alloc = rotary.headwise("headwise", QwenAxes.THW, kvHeadAxis(section, kvHeads));
            return new ComposedScheme(name(), Options.walker(p, QwenAxes.THW, DType.INT32, layout), alloc,
                    p.effective());
        }
    }
}
