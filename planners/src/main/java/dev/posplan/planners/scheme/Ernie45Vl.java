package dev.posplan.planners.scheme;

import dev.posplan.planners.ComposedScheme;
import dev.posplan.planners.DType;
import dev.posplan.planners.DeltaBase;
import dev.posplan.planners.MropeLayout;
import dev.posplan.planners.PairAxes;
import dev.posplan.planners.Rotary;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeFactory;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.TemporalRule;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * ERNIE-4.5-VL M-RoPE: a block with base b gets {@code (b + ti, b + hi, b + wi)} (time interval 1). Where text
 * resumes is where the references disagree, so it is the {@code compat} parameter:
 * <ul>
 *   <li>{@code transformers} (default; HF @ 0197608, {@code get_vision_position_ids}): the counter advances by
 *       {@code max(h, w)} only, so a video with more slices than that shares positions with the text after
 *       it; pads 0, rope_deltas count the unpadded tokens.</li>
 *   <li>{@code transformers-prev} (HF @ 4f2fa85): every group starts at the running max + 1; pads 1,
 *       rope_deltas count the padded length.</li>
 *   <li>{@code sglang} (SGLang {@code get_rope_index_ernie45}): the running-max rule on one unpadded row.</li>
 * </ul>
 * Decode continues at M + 1 in all three. Allocation: 64 GPT-J pairs, theta 500000, pair j at the standard
 * frequency j on h (even j) or w (odd j) for {@code j < 2 · mrope_section[0]}, t for the last
 * {@code mrope_section[2]} pairs ({@code [22, 22, 20]}, counted in pairs). The module stores its buffer
 * permuted and undoes it when it composes cos/sin; the allocation here is the composed one.
 */
public final class Ernie45Vl {

    private Ernie45Vl() {
    }

    /** The reference implementations, by the {@code compat} parameter. */
    enum Compat {
        TRANSFORMERS("transformers", MropeLayout.Resume.SPATIAL_EXTENT, 0, DeltaBase.UNPADDED),
        TRANSFORMERS_PREV("transformers-prev", MropeLayout.Resume.MAX_PLUS_ONE, 1, DeltaBase.PADDED),
        SGLANG("sglang", MropeLayout.Resume.MAX_PLUS_ONE, 0, DeltaBase.UNPADDED);

        final String apiName;
        final MropeLayout.Resume resume;
        final double padValue;
        final DeltaBase deltaBase;

        Compat(String apiName, MropeLayout.Resume resume, double padValue, DeltaBase deltaBase) {
            this.apiName = apiName;
            this.resume = resume;
            this.padValue = padValue;
            this.deltaBase = deltaBase;
        }

        static Compat read(SchemeParams p) {
            String name = p.getString("compat", TRANSFORMERS.apiName,
                    Arrays.stream(values()).map(c -> c.apiName).collect(Collectors.toUnmodifiableSet()));
            return Arrays.stream(values()).filter(c -> c.apiName.equals(name)).findFirst().orElseThrow();
        }
    }

    /** Pair j's axis: h/w alternating over the first {@code h + w} pairs, t after them. */
    static int[] pairAxis(int[] section, int pairs) {
        if (section.length != 3 || section[0] != section[1] || section[0] + section[1] + section[2] != pairs) {
            throw new IllegalArgumentException("mrope_section must be [h, w, t] with h == w and h + w + t = " + pairs
                    + " rotary pairs, got " + Arrays.toString(section));
        }
        return PairAxes.spatialAlternatingThenTime(section[0] + section[1], pairs);
    }

    /** Registry entry {@code ernie45-vl}. */
    public static final class Factory implements SchemeFactory {
        @Override
        public String name() {
            return "ernie45-vl";
        }

        @Override
        public String summary() {
            return "ERNIE-4.5-VL M-RoPE: h/w alternate in the allocation, t last; compat transformers, "
                    + "transformers-prev, sglang";
        }

        @Override
        public Scheme create(SchemeParams p) {
            Rotary rotary = Rotary.read(p, 128, 500_000);
            int[] section = p.getIntArray("mrope_section", new int[] {22, 22, 20});
            int[] pairAxis = Options.sections("mrope_section", () -> pairAxis(section, rotary.pairs()));
            Compat compat = Compat.read(p);
            MropeLayout layout = new MropeLayout(TemporalRule.linear(1), false, compat.resume, true);
            return new ComposedScheme(name(),
                    Options.walker(p, QwenAxes.THW, DType.INT32, layout, compat.padValue)
                            .andThen(plan -> plan.withDeltaBase(compat.deltaBase)),
                    rotary.pairwise("hw-alternating-gptj", QwenAxes.THW, pairAxis), p.effective());
        }
    }
}
