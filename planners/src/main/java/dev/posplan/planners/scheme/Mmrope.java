package dev.posplan.planners.scheme;

import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.VisualBlock;
import dev.posplan.planners.ComposedScheme;
import dev.posplan.planners.DType;
import dev.posplan.planners.Parameter;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeDeclaration;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.allocation.PairAxes;
import dev.posplan.planners.allocation.Rotary;
import dev.posplan.planners.design.BlockPlacement;
import dev.posplan.planners.design.Float32Offsets;
import dev.posplan.planners.design.GridFill;
import dev.posplan.planners.design.Walk;

/**
 * Lumos-1's MM-RoPE as re-implemented in Multimodal-RoPEs ({@code pos_design/mmrope.py},
 * {@code freq_allocation/mmrope.py}; vlm-ropes.md §5.8): visual token (ti, hi, wi) with base b gets
 * {@code (b + ti·stride·s_t, b + hi·s_h, b + wi·s_w)} for {@code position_scale = (s_t, s_h, s_w)}, text
 * resumes after the block's largest position, float32. The allocation repeats {@code T,T,H,W,H,W,H,W}
 * every 8 pairs (the reference ignores {@code mrope_section}, so posplan has no such parameter).
 */
public final class Mmrope {

    /** Axis of pair j is {@code PATTERN[j % 8]}: the 2:3:3 meta component. */
    static final int[] PATTERN = {0, 0, 1, 2, 1, 2, 1, 2};

    private Mmrope() {
    }

    /**
     * The scaled M-RoPE block; scales are float32 as the reference multiplies them into float32 tensors, and
     * each scaled index gets the base as {@link Float32Offsets} (so positions are not affine in the index).
     */
    record Layout(float stride, float scaleT, float scaleH, float scaleW) implements BlockPlacement {
        @Override
        public void place(VisualBlock block, Walk walk) {
            Grid g = block.grid();
            Float32Offsets base = Float32Offsets.of(walk);
            double[] t = new double[g.t()];
            for (int ti = 0; ti < t.length; ti++) {
                t[ti] = base.add(((float) ti * stride) * scaleT);
            }
            double[] h = scaled(base, g.h(), scaleH);
            double[] w = scaled(base, g.w(), scaleW);
            int at = walk.cursor();
            GridFill.perCoordinate(walk.out(), 0, at, g, 0, t);
            GridFill.perCoordinate(walk.out(), 1, at, g, 1, h);
            GridFill.perCoordinate(walk.out(), 2, at, g, 2, w);
            float top = (float) Math.max(max(t), Math.max(max(h), max(w)));
            walk.endBlock(block, top + 1f, top);
        }

        private static double[] scaled(Float32Offsets base, int n, float scale) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = base.add((float) i * scale);
            }
            return v;
        }

        private static double max(double[] v) {
            double m = Double.NEGATIVE_INFINITY;
            for (double x : v) {
                m = Math.max(m, x);
            }
            return m;
        }
    }

    private static final Rotary.Declared ROTARY = Rotary.parameters(5_000_000);
    private static final Parameter<double[]> POSITION_SCALE = Parameter.numbers("position_scale",
            new double[] {1, 1, 1}, Parameter.Allowed.ANY, "Scales [s_t, s_h, s_w] of the three axes.");

    /** Registry entry {@code mmrope}. */
    public static final SchemeDeclaration DECLARATION = SchemeDeclaration.builder("mmrope")
            .summary("MM-RoPE (Lumos-1, Multimodal-RoPEs): scaled 3D positions, T,T,H,W,H,W,H,W allocation")
            .paper("MM-RoPE (Lumos-1), Multimodal-RoPEs re-implementation")
            .reference("JJJYmmm/Multimodal-RoPEs", "pos_design/mmrope.py", "cd413b9")
            .axes(QwenAxes.THW).dtype(DType.FLOAT32).formats("qwen3-vl").parts("text", "image", "video")
            .parameters(ROTARY.list()).parameters(Options.TEMPORAL_STRIDE, POSITION_SCALE, Options.PAD_VALUE)
            .build(Mmrope::create);

    private static Scheme create(SchemeParams p) {
        Rotary rotary = ROTARY.read(p);
        double stride = p.get(Options.TEMPORAL_STRIDE);
        double[] scale = p.get(POSITION_SCALE);
        if (scale.length != 3) {
            throw POSITION_SCALE.invalid("must have 3 entries (s_t, s_h, s_w)");
        }
        Layout layout = new Layout((float) stride, (float) scale[0], (float) scale[1], (float) scale[2]);
        return new ComposedScheme(DECLARATION.name(), Options.walker(p, QwenAxes.THW, DType.FLOAT32, layout),
                rotary.pairwise("mmrope", QwenAxes.THW, PairAxes.periodic(PATTERN, rotary.pairs())),
                p.effective());
    }
}
