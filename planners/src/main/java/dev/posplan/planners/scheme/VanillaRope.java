package dev.posplan.planners.scheme;

import dev.posplan.planners.ComposedScheme;
import dev.posplan.planners.DType;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeDeclaration;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.allocation.PairAxes;
import dev.posplan.planners.allocation.Rotary;
import dev.posplan.planners.design.BlockPlacement;
import dev.posplan.planners.design.QwenWalker;

/**
 * Plain 1D RoPE: every token, text or visual, takes the next integer (Multimodal-RoPEs
 * {@code pos_design/vanilla.py}, vlm-ropes.md §5.1). One axis; every pair reads it.
 */
public final class VanillaRope {

    private VanillaRope() {
    }

    static final BlockPlacement.Sums LAYOUT = (block, walk) -> {
        double base = walk.next();
        int n = block.tokens();
        walk.out().rampAll(walk.cursor(), n, base);
        walk.endBlock(block, base + n, base + n - 1);
    };

    private static final Rotary.Declared ROTARY = Rotary.parameters(5_000_000);

    /** Registry entry {@code vanilla}. */
    public static final SchemeDeclaration DECLARATION = SchemeDeclaration.builder("vanilla")
            .summary("1D RoPE over the whole sequence (Multimodal-RoPEs vanilla-rope)")
            .paper("RoFormer (arXiv 2104.09864)")
            .reference("JJJYmmm/Multimodal-RoPEs", "pos_design/vanilla.py", "cd413b9")
            .axes(QwenAxes.ONE_D).dtype(DType.INT32).formats("qwen3-vl", "qwen2-vl", "bare")
            .parts("text", "image", "video")
            .parameters(ROTARY.list()).parameters(Options.PAD_VALUE)
            .build(VanillaRope::create);

    private static Scheme create(SchemeParams p) {
        Rotary rotary = ROTARY.read(p);
        QwenWalker walker = Options.walker(p, QwenAxes.ONE_D, DType.INT32, LAYOUT);
        return new ComposedScheme(DECLARATION.name(), walker,
                rotary.pairwise("single", QwenAxes.ONE_D, PairAxes.single(rotary.pairs())), p.effective());
    }
}
