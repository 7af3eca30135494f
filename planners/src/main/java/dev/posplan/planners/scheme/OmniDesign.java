package dev.posplan.planners.scheme;

import dev.posplan.multimodal.TokenStream;
import dev.posplan.planners.DType;
import dev.posplan.planners.DeltaBase;
import dev.posplan.planners.OmniLayout;
import dev.posplan.planners.PositionDesign;
import dev.posplan.planners.PositionPlan;
import dev.posplan.planners.QwenWalker;
import dev.posplan.multimodal.processor.OmniModel;
import java.util.List;

/**
 * The position design both Qwen-Omni schemes share: the Qwen-style walk with {@link OmniLayout}, audio
 * placeholders positioned as text, and the reference's two branches chosen once per batch: with any image or
 * video grid the multimodal branch (pads {@code pad_value}: 1 in Qwen2.5-Omni, 0 in Qwen3-Omni), else the
 * text-only branch ({@code cumsum - 1}, pads 1). rope_deltas count the unpadded tokens (the reference subsets by the mask before {@code len()});
 * decode continues at M + 1.
 */
final class OmniDesign implements PositionDesign {

    private final QwenWalker multimodal;
    private final QwenWalker textOnly;

    OmniDesign(OmniModel model, DType dtype, double padValue) {
        OmniLayout layout = new OmniLayout(model, dtype == DType.FLOAT32);
        this.multimodal = new QwenWalker(QwenAxes.THW, dtype, layout, padValue);
        this.textOnly = new QwenWalker(QwenAxes.THW, dtype, layout, 1);
    }

    @Override
    public PositionPlan plan(TokenStream stream) {
        return (stream.hasVisual() ? multimodal : textOnly).plan(stream).withDeltaBase(DeltaBase.UNPADDED);
    }

    @Override
    public List<PositionPlan> planBatch(List<TokenStream> rows) {
        QwenWalker walker = rows.stream().anyMatch(TokenStream::hasVisual) ? multimodal : textOnly;
        return walker.planBatch(rows).stream().map(p -> p.withDeltaBase(DeltaBase.UNPADDED)).toList();
    }
}
