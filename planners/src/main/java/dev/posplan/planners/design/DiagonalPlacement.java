package dev.posplan.planners.design;

import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.multimodal.VisualBlock;
import dev.posplan.planners.PositionBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * VideoRoPE's diagonal layout with adjustable temporal spacing (vlm-ropes.md §6.1), shared by official
 * VideoRoPE and HoPE and their Multimodal-RoPEs versions (§5.3, §5.4, §7.1); only the scale rule differs.
 * Slice {@code ti} of a block with scale {@code s} sits at {@code tt = base + ti*s}; token (ti, hi, wi)
 * gets {@code (tt, tt + hi - ch, tt + wi - cw)} with the centre {@code ch = (gh-1) div 2},
 * {@code cw = (gw-1) div 2}. Text resumes at {@code max(t row) + 1}, and only the t row counts for M.
 *
 * <p>float32 like the references, with their order of operations: {@code ti*s} in float32, plus the base
 * as {@link Float32Offsets} (text length, then {@code st_idx}); h and w add their integer offsets to that.
 */
public final class DiagonalPlacement implements BlockPlacement {

    private final TemporalScales rule;
    private final double[] scales;

    /** A layout drawing each sequence's block scales from {@code rule} (see {@link #forStream}). */
    public DiagonalPlacement(TemporalScales rule) {
        this(rule, null);
    }

    private DiagonalPlacement(TemporalScales rule, double[] scales) {
        this.rule = rule;
        this.scales = scales;
    }

    @Override
    public BlockPlacement forStream(TokenStream stream) {
        return new DiagonalPlacement(rule, rule.perBlock(stream.visualBlockCount()));
    }

    /**
     * A batch's scales are one run of the rule over all its blocks in row order, as the references' block
     * loop draws from one generator across the rows (vlm-ropes.md §5.4, §7.1).
     */
    @Override
    public List<BlockPlacement> forBatch(List<TokenStream> rows) {
        int total = 0;
        for (TokenStream row : rows) {
            total = Math.addExact(total, row.visualBlockCount());
        }
        double[] all = rule.perBlock(total);
        List<BlockPlacement> out = new ArrayList<>(rows.size());
        int from = 0;
        for (TokenStream row : rows) {
            int to = from + row.visualBlockCount();
            out.add(new DiagonalPlacement(rule, Arrays.copyOfRange(all, from, to)));
            from = to;
        }
        return out;
    }

    @Override
    public void place(VisualBlock block, Walk walk) {
        if (scales == null) {
            throw new IllegalStateException("DiagonalPlacement must be bound to its stream with forStream first");
        }
        float scale = (float) scales[walk.blockIndex()];
        Grid g = block.grid();
        Float32Offsets base = Float32Offsets.of(walk);
        double[] t = new double[g.t()];
        double[] h = new double[g.t()];
        double[] w = new double[g.t()];
        int ch = (g.h() - 1) / 2;
        int cw = (g.w() - 1) / 2;
        double maxT = Double.NEGATIVE_INFINITY;
        for (int ti = 0; ti < t.length; ti++) {
            t[ti] = base.add((float) ti * scale);
            h[ti] = t[ti] - ch;
            w[ti] = t[ti] - cw;
            maxT = Math.max(maxT, t[ti]);
        }
        PositionBuffer out = walk.out();
        int at = walk.cursor();
        GridFill.axis(out, 0, at, g, t, 0, 0);
        GridFill.axis(out, 1, at, g, h, 1, 0);
        GridFill.axis(out, 2, at, g, w, 0, 1);
        walk.endBlock(block, (float) (maxT + 1), maxT);
    }
}
