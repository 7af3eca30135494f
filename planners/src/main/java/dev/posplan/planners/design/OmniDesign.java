package dev.posplan.planners.design;

import dev.posplan.multimodal.TokenStream;
import dev.posplan.multimodal.processor.OmniModel;
import dev.posplan.planners.DType;
import dev.posplan.planners.PositionPlan;
import dev.posplan.planners.compat.DeltaBase;
import java.util.List;

/**
 * The position design both Qwen-Omni schemes share: the Qwen-style walk with {@link OmniPlacement}, audio
 * placeholders positioned as text, and the reference's two branches chosen once per batch: with any image or
 * video grid the multimodal branch (pads {@code pad_value}: 1 in Qwen2.5-Omni, 0 in Qwen3-Omni), else the
 * text-only branch ({@code cumsum - 1}, pads 1). rope_deltas count the unpadded tokens (the reference subsets
 * by the mask before {@code len()}); decode continues at M + 1.
 */
public final class OmniDesign implements PositionDesign {

    /** What the reference's text-only branch writes on pads. */
    private static final double TEXT_ONLY_PAD = 1;

    private final QwenWalker multimodal;
    private final QwenWalker textOnly;

    /**
     * @param axisNames the t, h, w axes
     * @param model     whose time and audio arithmetic to use
     * @param dtype     FLOAT32 rounds every start as a float32 reference does (Qwen3-Omni)
     * @param padValue  what the multimodal branch writes on pads
     */
    public OmniDesign(List<String> axisNames, OmniModel model, DType dtype, double padValue) {
        OmniPlacement layout = new OmniPlacement(model, dtype == DType.FLOAT32);
        this.multimodal = new QwenWalker(axisNames, dtype, layout, padValue);
        this.textOnly = new QwenWalker(axisNames, dtype, layout, TEXT_ONLY_PAD);
    }

    @Override
    public PositionPlan plan(TokenStream stream) {
        return planBatch(List.of(stream)).get(0);
    }

    @Override
    public List<PositionPlan> planBatch(List<TokenStream> rows) {
        if (rows.stream().anyMatch(TokenStream::hasVisual)) {
            return multimodal.planBatch(rows).stream().map(OmniDesign::unpadded).toList();
        }
        // the walker's text-only rule takes M over the pads' 1 as the reference's branch does
        return textOnly.planBatch(rows).stream().map(OmniDesign::unpadded).toList();
    }

    private static PositionPlan unpadded(PositionPlan plan) {
        return plan.withFacts(plan.facts().withDeltaBase(DeltaBase.UNPADDED));
    }
}
