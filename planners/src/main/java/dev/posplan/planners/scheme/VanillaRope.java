package dev.posplan.planners.scheme;

import dev.posplan.planners.BlockLayout;
import dev.posplan.planners.ComposedScheme;
import dev.posplan.planners.DType;
import dev.posplan.planners.PairAxes;
import dev.posplan.planners.QwenWalker;
import dev.posplan.planners.Rotary;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeFactory;
import dev.posplan.planners.SchemeParams;

/**
 * Plain 1D RoPE: every token, text or visual, takes the next integer (Multimodal-RoPEs
 * {@code pos_design/vanilla.py}, vlm-ropes.md §5.1). One axis; every pair reads it.
 */
public final class VanillaRope {

    private VanillaRope() {
    }

    static final BlockLayout.Sums LAYOUT = (block, walk) -> {
        double base = walk.next();
        int n = block.tokens();
        walk.out().rampAll(walk.cursor(), n, base);
        walk.endBlock(block, base + n, base + n - 1);
    };

    /** Registry entry {@code vanilla}. */
    public static final class Factory implements SchemeFactory {
        @Override
        public String name() {
            return "vanilla";
        }

        @Override
        public String summary() {
            return "1D RoPE over the whole sequence (Multimodal-RoPEs vanilla-rope)";
        }

        @Override
        public Scheme create(SchemeParams p) {
            Rotary rotary = Rotary.read(p, 5_000_000);
            QwenWalker walker = Options.walker(p, QwenAxes.ONE_D, DType.INT32, LAYOUT);
            return new ComposedScheme(name(), walker,
                    rotary.pairwise("single", QwenAxes.ONE_D, PairAxes.single(rotary.pairs())), p.effective());
        }
    }
}
