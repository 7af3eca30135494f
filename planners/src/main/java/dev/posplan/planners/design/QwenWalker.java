package dev.posplan.planners.design;

import dev.posplan.multimodal.AudioVideoBlock;
import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.multimodal.PaddingRun;
import dev.posplan.multimodal.Segment;
import dev.posplan.multimodal.TableBlock;
import dev.posplan.multimodal.TextRun;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.multimodal.VisualBlock;
import dev.posplan.planners.BlockRecorder;
import dev.posplan.planners.DType;
import dev.posplan.planners.OnDemand;
import dev.posplan.planners.PlanShape;
import dev.posplan.planners.PositionBlocks;
import dev.posplan.planners.PositionBuffer;
import dev.posplan.planners.PositionPlan;
import dev.posplan.planners.RowFacts;
import dev.posplan.planners.WindowCopy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The skeleton every Qwen-style position function shares (vlm-ropes.md §2), written once: text runs
 * advance one position per token on every axis (shared text takes positions without advancing, §8.1),
 * padding keeps a fixed value and takes no position, and each visual block is handed to the scheme's
 * {@link BlockPlacement}. A table block has no place in this skeleton and is rejected.
 */
public final class QwenWalker implements PositionDesign {

    private final List<String> axisNames;
    private final DType dtype;
    private final DType textOnlyDtype;
    private final BlockPlacement layout;
    private final double padValue;
    private final boolean textOnlyMaxCountsPads;
    private final boolean numberedPadding;

    /**
     * @param axisNames names of the position axes (their count is the buffer's first dimension)
     * @param dtype     element type the reference produces
     * @param layout    positions of a visual block and where text resumes
     * @param padValue  value stored on padding tokens (HF 4.x: 1, HF main: 0)
     */
    public QwenWalker(List<String> axisNames, DType dtype, BlockPlacement layout, double padValue) {
        this(axisNames, dtype, dtype, layout, padValue, true, false);
    }

    /** A walker padding with 1, HF 4.x's pad value. */
    public QwenWalker(List<String> axisNames, DType dtype, BlockPlacement layout) {
        this(axisNames, dtype, layout, 1);
    }

    private QwenWalker(List<String> axisNames, DType dtype, DType textOnlyDtype, BlockPlacement layout, double padValue,
            boolean textOnlyMaxCountsPads, boolean numberedPadding) {
        this.axisNames = List.copyOf(axisNames);
        this.dtype = dtype;
        this.textOnlyDtype = textOnlyDtype;
        this.layout = layout;
        this.padValue = padValue;
        this.textOnlyMaxCountsPads = textOnlyMaxCountsPads;
        this.numberedPadding = numberedPadding;
    }

    /**
     * The same walker, but streams without any visual block get {@code dtype}: references whose visual
     * path builds a float tensor fall back to HF's integer text-only path (VideoRoPE, HoPE, CircleRoPE).
     */
    public QwenWalker withTextOnlyDtype(DType dtype) {
        return new QwenWalker(axisNames, this.dtype, dtype, layout, padValue, textOnlyMaxCountsPads, numberedPadding);
    }

    /**
     * Whether a batch without any visual block takes M over its pad slots too (the default). HF 4.x's
     * text-only branch of {@code get_rope_index}, and every reference that copies it (Multimodal-RoPEs'
     * position designs, VideoRoPE, HoPE), computes {@code cumsum(mask) - 1}, fills the masked slots with
     * the pad value and only then takes the row max, so a padded row whose real tokens end at 0 (or an
     * all-padding row) has M = pad value, not its last real position. With {@code false} M counts real
     * tokens only, as HF main and vLLM (whose text-only path never sees pad slots).
     */
    public QwenWalker withTextOnlyMaxCountingPads(boolean counts) {
        return new QwenWalker(axisNames, dtype, textOnlyDtype, layout, padValue, counts, numberedPadding);
    }

    /**
     * The same walker, but padding slots are numbered like text tokens (one step per slot on every axis, no pad
     * value): references that compute positions on the padded row as {@code arange(L)} (HunyuanVL's processor),
     * so left padding shifts the real tokens by the pad count.
     */
    public QwenWalker withNumberedPadding() {
        return new QwenWalker(axisNames, dtype, textOnlyDtype, layout, padValue, textOnlyMaxCountsPads, true);
    }

    /** Walks the stream from position 0; M for an all-padding stream is -1. */
    @Override
    public PositionPlan plan(TokenStream stream) {
        return walk(stream, stream.hasVisual(), layout.forStream(stream));
    }

    /**
     * Walks every row with one dtype, the visual one if any row has a visual block (the references build one
     * position tensor per batch, taking their visual path as soon as any grid is given), and with the
     * layout bound to the whole batch ({@link BlockPlacement#forBatch}).
     */
    @Override
    public List<PositionPlan> planBatch(List<TokenStream> rows) {
        boolean visual = rows.stream().anyMatch(TokenStream::hasVisual);
        List<BlockPlacement> bound = layout.forBatch(rows);
        List<PositionPlan> out = new ArrayList<>(rows.size());
        for (int b = 0; b < rows.size(); b++) {
            out.add(walk(rows.get(b), visual, bound.get(b)));
        }
        return out;
    }

    /**
     * Slices are direct for every layout: the walk still visits every segment (so a layout's draws and
     * running values see everything before, HoPE's scales and V2PE's strides included) but buffers drop what
     * lies outside their window, and the shared fills ({@link GridFill}, {@link ArangeFill}) visit only the
     * rows inside it. Blocks need integral positions and a layout that writes sums of per-axis tables.
     */
    @Override
    public OnDemand onDemand() {
        if (dtype != DType.INT32 || textOnlyDtype != DType.INT32) {
            return new OnDemand(OnDemand.Slicing.DIRECT, false, "float32 positions have no exact integral blocks");
        }
        if (!layout.sumsOfTables()) {
            return new OnDemand(OnDemand.Slicing.DIRECT, false,
                    "the block layout's positions are not sums of per-axis tables");
        }
        return new OnDemand(OnDemand.Slicing.DIRECT, true, "");
    }

    @Override
    public RowFacts planInto(TokenStream stream, PositionBuffer out) {
        boolean visual = stream.hasVisual();
        DType type = visual ? dtype : textOnlyDtype;
        WindowCopy.check(out, axisNames.size(), stream.length(), type);
        return facts(stream, type, walk(stream, visual, layout.forStream(stream), out));
    }

    /** {@link #planBatch}'s dtype and layout binding, written into the callers' buffers. */
    @Override
    public List<RowFacts> planBatchInto(List<TokenStream> rows, List<PositionBuffer> outs) {
        WindowCopy.checkRows(rows, outs);
        boolean visual = rows.stream().anyMatch(TokenStream::hasVisual);
        DType type = visual ? dtype : textOnlyDtype;
        for (int b = 0; b < rows.size(); b++) {
            WindowCopy.check(outs.get(b), axisNames.size(), rows.get(b).length(), type);
        }
        List<BlockPlacement> bound = layout.forBatch(rows);
        List<RowFacts> out = new ArrayList<>(rows.size());
        for (int b = 0; b < rows.size(); b++) {
            out.add(facts(rows.get(b), type, walk(rows.get(b), visual, bound.get(b), outs.get(b))));
        }
        return out;
    }

    /** The batch's dtype (the visual one if any row has a visual block), as {@link #planBatch} chooses it. */
    @Override
    public Optional<PlanShape> shape(List<TokenStream> rows) {
        return Optional.of(new PlanShape(axisNames, rows.stream().anyMatch(TokenStream::hasVisual) ? dtype
                : textOnlyDtype));
    }

    @Override
    public PositionBlocks planBlocks(TokenStream stream) {
        return blocks(stream, stream.hasVisual(), layout.forStream(stream));
    }

    /** {@link #planBatch}'s visual branch and layout binding (M of a text-only row in a visual batch), as blocks. */
    @Override
    public List<PositionBlocks> planBatchBlocks(List<TokenStream> rows) {
        boolean visual = rows.stream().anyMatch(TokenStream::hasVisual);
        List<BlockPlacement> bound = layout.forBatch(rows);
        List<PositionBlocks> out = new ArrayList<>(rows.size());
        for (int b = 0; b < rows.size(); b++) {
            out.add(blocks(rows.get(b), visual, bound.get(b)));
        }
        return out;
    }

    private PositionBlocks blocks(TokenStream stream, boolean visual, BlockPlacement bound) {
        OnDemand onDemand = onDemand();
        if (!onDemand.blocks()) {
            throw new UnsupportedOperationException("positions are not sums of per-axis tables: " + onDemand.note());
        }
        BlockRecorder recorder = new BlockRecorder(axisNames.size(), stream.length());
        double max = walk(stream, visual, bound, recorder);
        return recorder.blocks(axisNames, facts(stream, DType.INT32, max));
    }

    /** A walked row's facts: the walker's decode start is M + 1 on every axis, the host rule. */
    private RowFacts facts(TokenStream stream, DType type, double max) {
        return RowFacts.of(type, axisNames.size(), stream.length(), stream.unpaddedLength(), max);
    }

    /** @param visual whether the batch has a visual block (the reference's visual branch), else text-only */
    private PositionPlan walk(TokenStream stream, boolean visual, BlockPlacement bound) {
        PositionBuffer out = PositionBuffer.allocate(visual ? dtype : textOnlyDtype, axisNames.size(), stream.length());
        return PositionPlan.of(axisNames, out, stream.unpaddedLength(), walk(stream, visual, bound, out));
    }

    /** Walks the stream into {@code out} and returns M (-1 for an all-padding stream). */
    private double walk(TokenStream stream, boolean visual, BlockPlacement bound, PositionBuffer out) {
        Walk w = new Walk(out);
        for (Segment s : stream.segments()) {
            try {
                step(s, w, bound);
            } catch (PositionBuffer.Int32Overflow e) {
                throw InvalidInputException.of(e.getMessage() + ", at token " + w.cursor() + ": " + cause(s, w), e);
            }
        }
        double max = w.max() == Double.NEGATIVE_INFINITY ? -1 : w.max();
        if (!visual && textOnlyMaxCountsPads && stream.length() > stream.unpaddedLength()) {
            // what every pad slot stores, as the dtype holds it: also when the window holds no pad slot
            max = Math.max(max, out.stored(padValue));
        }
        return max;
    }

    private void step(Segment s, Walk w, BlockPlacement bound) {
        if (s instanceof TextRun t) {
            if (t.role().advancesPosition()) {
                w.text(t.tokens());
            } else {
                w.sharedText(t.tokens());
            }
        } else if (s instanceof PaddingRun p) {
            if (numberedPadding) {
                w.text(p.tokens());
            } else {
                w.padding(p.tokens(), padValue);
            }
        } else if (s instanceof VisualBlock b) {
            int before = w.cursor();
            bound.place(b, w);
            if (w.cursor() != before + b.tokens()) {
                throw new IllegalStateException("layout did not consume its block");
            }
        } else if (s instanceof AudioVideoBlock av) {
            int before = w.cursor();
            bound.placeAudioVideo(av, w);
            if (w.cursor() != before + av.tokens()) {
                throw new IllegalStateException("layout did not consume its audio-video block");
            }
        } else if (s instanceof TableBlock) {
            // ComposedScheme names the scheme first; this guards direct users of the walker
            throw InvalidInputException.of("the Qwen-style walker cannot place a table block; use scheme 'tpe2d' for tables");
        } else {
            throw new IllegalStateException("unhandled segment " + s);
        }
    }

    /** Which input drove a segment's integer positions out of range, for the error message. */
    private String cause(Segment s, Walk w) {
        if (s instanceof PaddingRun) {
            return "pad_value " + padValue + " is not an int32";
        }
        if (s instanceof VisualBlock b) {
            Grid g = b.grid();
            return "visual block " + w.blockIndex() + " (" + b.modality().name().toLowerCase() + " grid " + g.t() + "x"
                    + g.h() + "x" + g.w() + (b.hasSecondsPerGrid() ? ", second_per_grid_t " + b.secondsPerGrid() : "")
                    + "): its temporal offsets (temporal_stride, or second_per_grid_t x tokens_per_second) are too large";
        }
        return "text resumes at " + w.next() + ", after the visual blocks before it";
    }
}
