package dev.posplan.planners;

import dev.posplan.multimodal.PaddingRun;
import dev.posplan.multimodal.Segment;
import dev.posplan.multimodal.TextRun;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.multimodal.VisualBlock;
import java.util.List;

/**
 * The skeleton every Qwen-style position function shares (vlm-ropes.md §2), written once: text runs
 * advance one position per token on every axis, padding keeps a fixed value and takes no position,
 * and each visual block is handed to the scheme's {@link BlockLayout}.
 */
public final class QwenWalker implements PositionDesign {

    private final List<String> axisNames;
    private final DType dtype;
    private final BlockLayout layout;
    private final double padValue;
    private final double firstPosition;

    /**
     * @param axisNames     names of the position axes (their count is the buffer's first dimension)
     * @param dtype         element type the reference produces
     * @param layout        positions of a visual block and where text resumes
     * @param padValue      value stored on padding tokens (HF 4.x: 1, HF main: 0)
     * @param firstPosition position of the first unpadded token (0 for every Qwen-style scheme)
     */
    public QwenWalker(List<String> axisNames, DType dtype, BlockLayout layout, double padValue, double firstPosition) {
        this.axisNames = List.copyOf(axisNames);
        this.dtype = dtype;
        this.layout = layout;
        this.padValue = padValue;
        this.firstPosition = firstPosition;
    }

    public QwenWalker(List<String> axisNames, DType dtype, BlockLayout layout) {
        this(axisNames, dtype, layout, 1, 0);
    }

    /** Walks the stream; M for an all-padding stream is {@code firstPosition - 1}. */
    @Override
    public PositionPlan plan(TokenStream stream) {
        Walk w = new Walk(PositionBuffer.allocate(dtype, axisNames.size(), stream.length()), firstPosition);
        for (Segment s : stream.segments()) {
            if (s instanceof TextRun t) {
                w.text(t.tokens());
            } else if (s instanceof PaddingRun p) {
                w.padding(p.tokens(), padValue);
            } else if (s instanceof VisualBlock b) {
                int before = w.cursor();
                layout.place(b, w);
                if (w.cursor() != before + b.tokens()) {
                    throw new IllegalStateException("layout did not consume its block");
                }
            }
        }
        double max = w.max() == Double.NEGATIVE_INFINITY ? firstPosition - 1 : w.max();
        return PositionPlan.of(axisNames, w.out(), stream.unpaddedLength(), max);
    }
}
