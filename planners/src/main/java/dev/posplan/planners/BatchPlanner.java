package dev.posplan.planners;

import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.multimodal.PaddingRun;
import dev.posplan.multimodal.Segment;
import dev.posplan.multimodal.TokenStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Plans every row of a batch with one scheme (qwen-mrope.md §5). Rows shorter than the longest get a
 * {@link PaddingRun} on the padding side (the scheme's own by default) before planning, so the scheme fills
 * them with its own pad value and its decode rule sees the padded row, exactly as a host that pads first and
 * then computes positions.
 * Rows built from {@code input_ids} already have equal lengths and are planned as they are. The padded rows
 * go to {@link Scheme#planBatch} together, so choices the references make per batch (the dtype of the
 * position tensor, random draws continuing from row to row) are made once for the batch.
 */
public final class BatchPlanner {

    private final Scheme scheme;
    private final PaddingSide side;

    /**
     * @param scheme plans each row (and declares, through its plans, which length rope_deltas subtract)
     * @param side   where shorter rows are padded
     */
    public BatchPlanner(Scheme scheme, PaddingSide side) {
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        this.side = Objects.requireNonNull(side, "side");
    }

    /** Pads on the scheme's side ({@link Scheme#paddingSide()}). */
    public BatchPlanner(Scheme scheme) {
        this(scheme, scheme.paddingSide());
    }

    public BatchPlan plan(List<TokenStream> rows) {
        return new BatchPlan(scheme.planBatch(pad(rows)));
    }

    /**
     * Plans the padded rows into the callers' buffers, {@code outs.get(b)} for row {@code b} (say one row of
     * a {@code [axes][B][L]} array each, or the same window of every row for a prefill chunk): equal to the
     * same slots of {@link #plan}.
     */
    public List<RowFacts> planInto(List<TokenStream> rows, List<PositionBuffer> outs) {
        return scheme.planBatchInto(pad(rows), outs);
    }

    /**
     * The padded rows as blocks ({@link Scheme#planBatchBlocks}): equal to {@link #plan} once expanded, each row's
     * facts (rope_deltas, decode rule) included, without a per-token array.
     */
    public List<PositionBlocks> planBlocks(List<TokenStream> rows) {
        return scheme.planBatchBlocks(pad(rows));
    }

    /** The rows padded to the longest on this planner's side, as {@link #plan} plans them. */
    public List<TokenStream> pad(List<TokenStream> rows) {
        if (rows.isEmpty()) {
            throw InvalidInputException.of("a batch needs at least one row");
        }
        int length = 0;
        for (TokenStream row : rows) {
            length = Math.max(length, row.length());
        }
        List<TokenStream> padded = new ArrayList<>(rows.size());
        for (TokenStream row : rows) {
            padded.add(padded(row, length));
        }
        return padded;
    }

    private TokenStream padded(TokenStream row, int length) {
        int missing = length - row.length();
        if (missing == 0) {
            return row;
        }
        List<Segment> segments = new ArrayList<>(row.segments().size() + 1);
        if (side == PaddingSide.LEFT) {
            segments.add(new PaddingRun(missing));
        }
        segments.addAll(row.segments());
        if (side == PaddingSide.RIGHT) {
            segments.add(new PaddingRun(missing));
        }
        return TokenStream.of(segments);
    }
}
