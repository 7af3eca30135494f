package dev.posplan.planners.scheme;

import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.multimodal.VisualBlock;
import dev.posplan.multimodal.numerics.TorchArange;
import dev.posplan.planners.ComposedScheme;
import dev.posplan.planners.DType;
import dev.posplan.planners.Parameter;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeDeclaration;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.allocation.PairAxes;
import dev.posplan.planners.allocation.Rotary;
import dev.posplan.planners.design.ArangeFill;
import dev.posplan.planners.design.BlockPlacement;
import dev.posplan.planners.design.QwenWalker;
import dev.posplan.planners.design.Walk;

/**
 * Multimodal-RoPEs' V2PE adaptation for Qwen-VL streams ({@code pos_design/v2pe.py::get_v2pe_index},
 * vlm-ropes.md §5.6): one float32 position per token; a visual block of n tokens spans
 * {@code visual_stride} positions in steps of {@code visual_stride / n} (a float32 {@code torch.arange}
 * from {@code last + step}, see {@link TorchArange}); text resumes at {@code ceil(last visual) + 1};
 * M = ceil(max). The reference writes the same value on its three rows; posplan keeps one axis.
 */
public final class V2peMr {

    private V2peMr() {
    }

    /** The V2PE-MR block: n arange steps of {@code visualStride / n} after the last position. */
    record Layout(double visualStride) implements BlockPlacement {
        @Override
        public void place(VisualBlock block, Walk walk) {
            int n = block.tokens();
            double step = visualStride / n;
            double last = walk.next() - 1;
            // The reference passes Python floats (doubles) as start, end and step.
            double start = last + step;
            long length = TorchArange.length(start, last + step * (n + 1), step);
            if (length < n) {
                throw InvalidInputException.of("visual_stride " + visualStride + " gives a float32 arange of "
                        + length + " elements for a block of " + n + " tokens");
            }
            float lastValue = ArangeFill.write(walk.out(), 0, walk.cursor(), start, step, length, 0, n);
            double top = Math.ceil(lastValue);
            walk.endBlock(block, top + 1, top);
        }
    }

    private static final Rotary.Declared ROTARY = Rotary.parameters(5_000_000);
    private static final Parameter<Double> VISUAL_STRIDE = Parameter.number("visual_stride", 16.0,
            Parameter.Allowed.above(0), "Positions one visual block spans.");

    /** Registry entry {@code v2pe-mr}. */
    public static final SchemeDeclaration DECLARATION = SchemeDeclaration.builder("v2pe-mr")
            .summary("V2PE as adapted by Multimodal-RoPEs: each visual block spans visual_stride positions (1D)")
            .paper("V2PE (arXiv 2412.09616), as adapted by Multimodal-RoPEs")
            .reference("JJJYmmm/Multimodal-RoPEs", "pos_design/v2pe.py", "cd413b9")
            .axes(QwenAxes.ONE_D).dtype(DType.FLOAT32).formats("qwen3-vl").parts("text", "image", "video")
            .parameters(ROTARY.list()).parameters(VISUAL_STRIDE, Options.PAD_VALUE)
            .build(V2peMr::create);

    private static Scheme create(SchemeParams p) {
        Rotary rotary = ROTARY.read(p);
        double visualStride = p.get(VISUAL_STRIDE);
        QwenWalker walker = Options.walker(p, QwenAxes.ONE_D, DType.FLOAT32, new Layout(visualStride));
        return new ComposedScheme(DECLARATION.name(), walker,
                rotary.pairwise("single", QwenAxes.ONE_D, PairAxes.single(rotary.pairs())), p.effective());
    }
}
