package dev.posplan.planners.scheme;

import dev.posplan.multimodal.ApiNamed;
import dev.posplan.planners.ComposedScheme;
import dev.posplan.planners.DType;
import dev.posplan.planners.Parameter;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeDeclaration;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.allocation.ChannelPairing;
import dev.posplan.planners.allocation.PairAxes;
import dev.posplan.planners.allocation.Rotary;
import dev.posplan.planners.compat.DeltaBase;
import dev.posplan.planners.design.MropePlacement;
import dev.posplan.planners.design.QwenWalker;
import dev.posplan.planners.design.TemporalRule;
import java.util.Arrays;

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
 * Decode continues at M + 1 in all three. Allocation: 64 GPT-J pairs ({@link ChannelPairing#GPTJ}), theta
 * 500000, pair j at the standard frequency j on h (even j) or w (odd j) for {@code j < 2 · mrope_section[0]},
 * t for the last {@code mrope_section[2]} pairs ({@code [22, 22, 20]}, counted in pairs). The module stores
 * its buffer permuted and undoes it when it composes cos/sin; the allocation here is the composed one.
 */
public final class Ernie45Vl {

    /** The reference implementations, by the {@code compat} parameter. */
    enum Compat implements ApiNamed {
        TRANSFORMERS("transformers", MropePlacement.Resume.SPATIAL_EXTENT, 0, DeltaBase.UNPADDED),
        TRANSFORMERS_PREV("transformers-prev", MropePlacement.Resume.MAX_PLUS_ONE, 1, DeltaBase.PADDED),
        SGLANG("sglang", MropePlacement.Resume.MAX_PLUS_ONE, 0, DeltaBase.UNPADDED);

        private final String apiName;
        final MropePlacement.Resume resume;
        final double padValue;
        final DeltaBase deltaBase;

        Compat(String apiName, MropePlacement.Resume resume, double padValue, DeltaBase deltaBase) {
            this.apiName = apiName;
            this.resume = resume;
            this.padValue = padValue;
            this.deltaBase = deltaBase;
        }

        @Override
        public String apiName() {
            return apiName;
        }
    }

    private static final Rotary.Declared ROTARY = Rotary.parameters(128, 500_000);
    private static final Parameter<int[]> MROPE_SECTION = Parameter.integers("mrope_section", new int[] {22, 22, 20},
            Parameter.Allowed.atLeast(0), "Rotary pairs per axis [h, w, t] (h == w; h and w alternate, t last).");
    private static final Parameter<Compat> COMPAT = Parameter.choice("compat", Compat.class, Compat.TRANSFORMERS,
            "Which ERNIE-4.5-VL implementation to reproduce: where text resumes after a block, pad_value and "
                    + "rope_deltas.");
    private static final Parameter<Double> PAD_VALUE = Options.PAD_VALUE.withDefault(null)
            .describedAs("Position written at padding tokens. Default: the compat mode's (transformers 0, "
                    + "transformers-prev 1, sglang 0).");

    /** Registry entry {@code ernie45-vl}. */
    public static final SchemeDeclaration DECLARATION = SchemeDeclaration.builder("ernie45-vl")
            .summary("ERNIE-4.5-VL M-RoPE: h/w alternate in the allocation, t last; compat transformers, "
                    + "transformers-prev, sglang")
            .paper("ERNIE 4.5 Technical Report (Baidu, 2025)")
            .reference("huggingface/transformers", "src/transformers/models/ernie4_5_vl_moe/modeling_ernie4_5_vl_moe.py",
                    "01976081")
            .axes(QwenAxes.THW).dtype(DType.INT32).formats("ernie45-vl").parts("text", "image", "video")
            .parameters(ROTARY.list()).parameters(MROPE_SECTION, COMPAT, PAD_VALUE)
            .build(Ernie45Vl::create);

    private Ernie45Vl() {
    }

    /** Pair j's axis: h/w alternating over the first {@code h + w} pairs, t after them. */
    static int[] pairAxis(int[] section, int pairs) {
        if (section.length != 3 || section[0] != section[1] || section[0] + section[1] + section[2] != pairs) {
            throw new IllegalArgumentException("mrope_section must be [h, w, t] with h == w and h + w + t = " + pairs
                    + " rotary pairs, got " + Arrays.toString(section));
        }
        return PairAxes.spatialAlternatingThenTime(section[0] + section[1], pairs);
    }

    private static Scheme create(SchemeParams p) {
        Rotary rotary = ROTARY.read(p);
        int[] section = p.get(MROPE_SECTION);
        int[] pairAxis = Options.sections(MROPE_SECTION, () -> pairAxis(section, rotary.pairs()));
        Compat compat = p.get(COMPAT);
        MropePlacement layout = new MropePlacement(TemporalRule.linear(1), false, compat.resume, true);
        // M of a padded text-only batch counts real tokens only (as before the walker's HF 4.x pad rule;
        // not checked against the references, whose golden files have no such batch)
        QwenWalker walker = new QwenWalker(QwenAxes.THW, DType.INT32, layout, p.getOr(PAD_VALUE, compat.padValue))
                .withTextOnlyMaxCountingPads(false);
        return new ComposedScheme(DECLARATION.name(), walker.andThen(facts -> facts.withDeltaBase(compat.deltaBase)),
                rotary.pairwise("hw-alternating", QwenAxes.THW, pairAxis).withPairing(ChannelPairing.GPTJ),
                p.effective());
    }
}
