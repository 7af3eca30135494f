package dev.posplan.planners.scheme;

import dev.posplan.multimodal.Grid;
import dev.posplan.planners.ComposedScheme;
import dev.posplan.planners.DType;
import dev.posplan.planners.Parameter;
import dev.posplan.planners.PositionBuffer;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeDeclaration;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.allocation.PairAxes;
import dev.posplan.planners.allocation.Rotary;
import dev.posplan.planners.design.BlockPlacement;
import dev.posplan.planners.design.GridFill;
import dev.posplan.planners.design.QwenWalker;
import java.util.List;

/**
 * VRoPE (johncaged/VRoPE {@code vrope.py}, vlm-ropes.md §8): four position axes, the four symmetric
 * index combinations of a frame. Text advances one index per token on all four (shared text takes
 * indices without advancing); frame f of a T×H×W block starting at index b covers
 * {@code [b + f(H+W-1), b + f(H+W-1) + H+W-2]} with {@code r + c}, {@code r + (W-1-c)},
 * {@code (H-1-r) + c}, {@code (H-1-r) + (W-1-c)}; text resumes right after the last frame. Generated
 * tokens continue at the current index. Integer positions. Pair j reads combination {@code j % 4}.
 *
 * <p>The repo inserts no tokens of its own (host format {@code bare}) and has no frequency code: the host
 * LLM's 1D inverse frequencies are used, so {@code rope_theta} is the host's (default 1,000,000 for the
 * paper's Qwen2-7B backbone; its Vicuna backbone uses 10,000). The time-centred index the repo computes is
 * unused ({@code half_time_dim} is forced to 0, §12 #15) and not offered. M is the current index - 1, so
 * rope_deltas keeps its meaning "first generated position - prompt length".
 */
public final class Vrope {

    /** The four index combinations, in the order the reference assigns them to pairs. */
    static final List<String> AXES = List.of("h+w", "h+(W-1-w)", "(H-1-h)+w", "(H-1-h)+(W-1-w)");

    /** Pair j reads combination {@code j % 4} (§8.2). */
    private static final int[] COMBINATION_CYCLE = {0, 1, 2, 3};

    private Vrope() {
    }

    static final BlockPlacement.Sums LAYOUT = (block, walk) -> {
        Grid g = block.grid();
        double base = walk.next();
        int span = g.h() + g.w() - 1;
        int lastRow = g.h() - 1;
        int lastCol = g.w() - 1;
        PositionBuffer out = walk.out();
        int at = walk.cursor();
        GridFill.axis(out, 0, at, g, base, span, 1, 1);
        GridFill.axis(out, 1, at, g, base + lastCol, span, 1, -1);
        GridFill.axis(out, 2, at, g, base + lastRow, span, -1, 1);
        GridFill.axis(out, 3, at, g, base + lastRow + lastCol, span, -1, -1);
        double end = base + (double) g.t() * span;
        walk.endBlock(block, end, end - 1);
    };

    private static final Rotary.Declared ROTARY = Rotary.parameters(1_000_000);
    // VRoPE has no padding of its own; GroupedRoPE pads with 0
    private static final Parameter<Double> PAD_VALUE = Options.PAD_VALUE.withDefault(0.0);

    /** Registry entry {@code vrope}. */
    public static final SchemeDeclaration DECLARATION = SchemeDeclaration.builder("vrope")
            .summary("VRoPE: four symmetric index combinations per frame, continuous with text, no wrapper tokens")
            .paper("VRoPE (arXiv 2502.11664)")
            .reference("johncaged/VRoPE", "vrope.py", "6a7adbc")
            .axes(AXES).dtype(DType.INT32).formats("bare", "qwen2-vl").parts("text", "image", "video")
            .parameters(ROTARY.list()).parameters(PAD_VALUE)
            .build(Vrope::create);

    private static Scheme create(SchemeParams p) {
        Rotary rotary = ROTARY.read(p);
        // no HF text-only branch either: M counts real tokens only
        QwenWalker walker = Options.walker(p, AXES, DType.INT32, LAYOUT, PAD_VALUE).withTextOnlyMaxCountingPads(false);
        return new ComposedScheme(DECLARATION.name(), walker,
                rotary.pairwise("cyclic", AXES, PairAxes.periodic(COMBINATION_CYCLE, rotary.pairs())), p.effective());
    }
}
