package dev.posplan.planners.scheme;

import dev.posplan.multimodal.ApiNamed;
import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.multimodal.VisualBlock;
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
import dev.posplan.planners.design.Float32Offsets;
import dev.posplan.planners.design.QwenWalker;
import dev.posplan.planners.design.Walk;

/**
 * CircleRoPE as re-implemented in Multimodal-RoPEs ({@code pos_design/circlerope.py}, vlm-ropes.md §5.5):
 * the grid {@code (x, y, z) = (wi, hi, ti·stride)} of a block is (optionally) centred, mapped onto a
 * circle of {@code radius} (angle mixing the normalised polar angle and the raster index by {@code alpha}),
 * blended with the unmapped grid by {@code dff_rate}, rotated into the plane orthogonal to (1, 1, 1) and
 * (optionally) shifted positive; token (ti, c) gets {@code (b + P.z, b + P.y, b + P.x) + ti·stride} and text
 * resumes at the block's largest value + 1. float32, computed in the reference's float32 operation order
 * (the base added as {@link Float32Offsets}; atan2/cos/sin may differ from PyTorch's by an ulp).
 * Allocation: chunked by {@code mrope_section}.
 *
 * <p>Options, as in the reference config: {@code method} circle | no_circle; {@code radius} a number or
 * {@code "auto"} / {@code "auto-k"} (k × the largest centred coordinate); {@code alpha} −1 or in [0, 1];
 * {@code dff_rate} false | true (= 1) | a weight in [0, 1]; {@code move_to_positive} false | true (offset 1,
 * Python's {@code float(True)}) | {@code "auto"} (offset 0) | a number (the offset; 0 means off). The
 * defaults (radius −1, alpha −1) are used literally, as the reference does (§12.5). Text-only input takes
 * the reference's text-only path, whose positions are integers.
 */
public final class CircleRope {

    /** In-plane basis orthogonal to (1, 1, 1), built in float32 like {@code rotate_plane_perpendicular_to_vector}. */
    private static final float[] U;
    private static final float[] V;

    static {
        float unit = 1f / (float) Math.sqrt(3f);
        float uNorm = (float) Math.sqrt(unit * unit + unit * unit);
        U = new float[] {-unit / uNorm, unit / uNorm, 0f / uNorm};
        float[] v = {unit * U[2] - unit * U[1], unit * U[0] - unit * U[2], unit * U[1] - unit * U[0]};
        float vNorm = (float) Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        V = new float[] {v[0] / vNorm, v[1] / vNorm, v[2] / vNorm};
    }

    private CircleRope() {
    }

    /**
     * The projection options.
     *
     * @param circle          {@code method == "circle"}
     * @param radius          fixed radius (ignored when {@code autoScale} is set)
     * @param autoScale       k of {@code "auto-k"} ({@code "auto"} = 1), NaN for a fixed radius
     * @param alpha           weight of the normalised polar angle
     * @param moveToOrigin    centre each axis on (max + min) / 2 first
     * @param dffRate         weight of the unmapped grid (0 = off)
     * @param positiveOffset  offset after shifting by |min| (NaN = no shift)
     * @param temporalStride  z step between slices
     */
    record Projection(boolean circle, double radius, double autoScale, double alpha, boolean moveToOrigin,
            double dffRate, double positiveOffset, double temporalStride) {

        /** {@code [X, Y, Z]}, each {@code h*w} float32 values: the projected cells of one slice. */
        float[][] project(Grid g) {
            int h = g.h();
            int w = g.w();
            int n = h * w;
            float stride = (float) temporalStride;
            float zLast = (float) (g.t() - 1) * stride;
            float zLo = Math.min(0f, zLast);
            float zHi = Math.max(0f, zLast);
            float cx = moveToOrigin ? (float) (w - 1) / 2f : 0f;
            float cy = moveToOrigin ? (float) (h - 1) / 2f : 0f;
            float cz = moveToOrigin ? (zHi + zLo) / 2f : 0f;
            float[] x = new float[n];
            float[] y = new float[n];
            for (int c = 0; c < n; c++) {
                x[c] = (float) (c % w) - cx;
                y[c] = (float) (c / w) - cy;
            }
            float[] a0 = x;
            float[] a1 = y;
            if (circle) {
                float top = Math.max((float) (w - 1) - cx, Math.max((float) (h - 1) - cy, zHi - cz));
                float r = Double.isNaN(autoScale) ? (float) radius : Math.abs(top) * (float) autoScale;
                a0 = new float[n];
                a1 = new float[n];
                onCircle(x, y, r, a0, a1);
            }
            float[][] p = rotate(a0, a1);
            if (dffRate != 0) {
                float[][] plain = rotate(x, y);
                float keep = (float) (1 - dffRate);
                float mix = (float) dffRate;
                for (int k = 0; k < 3; k++) {
                    for (int c = 0; c < n; c++) {
                        p[k][c] = keep * p[k][c] + mix * plain[k][c];
                    }
                }
            }
            if (!Double.isNaN(positiveOffset)) {
                shiftPositive(p, (float) positiveOffset);
            }
            return p;
        }

        /** {@code map_to_circle}: radius r, angle {@code alpha·θ_norm + (1-alpha)·θ_index}. */
        private void onCircle(float[] x, float[] y, float r, float[] outX, float[] outY) {
            int n = x.length;
            float[] theta = new float[n];
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < n; c++) {
                theta[c] = (float) Math.atan2(y[c], x[c]);
                lo = Math.min(lo, theta[c]);
                hi = Math.max(hi, theta[c]);
            }
            float range = hi - lo;
            float twoPi = (float) (2 * Math.PI);
            float a = (float) alpha;
            float b = (float) (1 - alpha);
            for (int c = 0; c < n; c++) {
                float norm = range > 0 ? (theta[c] - lo) / range * twoPi : theta[c];
                float index = (float) c / (float) n * twoPi;
                float angle = a * norm + b * index;
                outX[c] = r * (float) Math.cos(angle);
                outY[c] = r * (float) Math.sin(angle);
            }
        }

        private static float[][] rotate(float[] a0, float[] a1) {
            int n = a0.length;
            float[][] p = new float[3][n];
            for (int k = 0; k < 3; k++) {
                for (int c = 0; c < n; c++) {
                    p[k][c] = a0[c] * U[k] + a1[c] * V[k];
                }
            }
            return p;
        }

        /** {@code move_to_positive_axis}: add |min over all components| and the offset. */
        private static void shiftPositive(float[][] p, float offset) {
            float min = Float.POSITIVE_INFINITY;
            for (float[] axis : p) {
                for (float v : axis) {
                    min = Math.min(min, v);
                }
            }
            float shift = Math.abs(min);
            for (float[] axis : p) {
                for (int c = 0; c < axis.length; c++) {
                    axis[c] = axis[c] + shift + offset;
                }
            }
        }
    }

    /** Writes the projected block: every slice repeats the projection, shifted by ti·stride on all axes. */
    record Layout(Projection projection) implements BlockPlacement {
        @Override
        public void place(VisualBlock block, Walk walk) {
            Grid g = block.grid();
            if (g.t() > 1 && (!projection.circle() || projection.dffRate() != 0)) {
                // The reference's tensor shapes stop matching here (vlm-ropes.md §12.5).
                throw InvalidInputException.of("circlerope cannot plan the " + block.modality().name().toLowerCase()
                        + " grid " + g.t() + "x" + g.h() + "x" + g.w() + " (t = " + g.t() + " > 1) with method '"
                        + (projection.circle() ? "circle" : "no_circle") + "' and dff_rate " + projection.dffRate()
                        + ": the reference fails there (its tensor shapes stop matching); t > 1 needs method "
                        + "'circle' with dff_rate off");
            }
            float[][] p = projection.project(g);
            float stride = (float) projection.temporalStride();
            Float32Offsets base = Float32Offsets.of(walk);
            PositionBuffer out = walk.out();
            int n = g.tokensPerSlice();
            // only the tokens inside the buffer's window (a slice costs what it holds)
            int lo = Math.max(out.from() - walk.cursor(), 0);
            int hi = Math.min(out.from() + out.length() - walk.cursor(), g.tokens());
            for (int k = lo; k < hi; k++) {
                float shift = (float) (k / n) * stride;
                int c = k % n;
                // Row order of the reference: (t, h, w) = (Z, Y, X).
                for (int axis = 0; axis < 3; axis++) {
                    out.set(axis, walk.cursor() + k, base.add(p[2 - axis][c] + shift));
                }
            }
            // float32 rounding is monotonic and the stride positive: the largest value is the largest
            // coordinate of the last slice
            float lastShift = (float) (g.t() - 1) * stride;
            float top = Float.NEGATIVE_INFINITY;
            for (float[] coordinate : p) {
                for (float v : coordinate) {
                    top = Math.max(top, base.add(v + lastShift));
                }
            }
            walk.endBlock(block, top + 1f, top);
        }
    }

    /** {@code method}: project on a circle, or keep the grid. */
    enum Method implements ApiNamed {
        CIRCLE("circle"), NO_CIRCLE("no_circle");

        private final String apiName;

        Method(String apiName) {
            this.apiName = apiName;
        }

        @Override
        public String apiName() {
            return apiName;
        }
    }

    private static final Rotary.Declared ROTARY = Rotary.parameters(5_000_000);
    private static final Parameter<int[]> MROPE_SECTION = Options.mropeSection(16, 24, 24);
    private static final Parameter<Method> METHOD = Parameter.choice("method", Method.class, Method.CIRCLE,
            "circle projects the visual grid on a circle; no_circle keeps it.");
    private static final Parameter<Object> RADIUS = Parameter.numberOrKeyword("radius", -1L,
            "Circle radius: a number (-1, the reference default, used literally), \"auto\" or \"auto-<k>\".");
    private static final Parameter<Double> ALPHA = Parameter.number("alpha", -1, Parameter.Allowed.ANY,
            "Mix of polar angle and raster index, in [0, 1], or -1 (the reference default).");
    private static final Parameter<Boolean> MOVE_TO_ORIGIN = Parameter.bool("move_to_origin", false,
            "Centre the grid on the origin before projecting.");
    private static final Parameter<Object> DFF_RATE = Parameter.numberOrKeyword("dff_rate", false,
            "Blend with the grid: true, false or a number in [0, 1] (1 replaces the circle).");
    private static final Parameter<Object> MOVE_TO_POSITIVE = Parameter.numberOrKeyword("move_to_positive", false,
            "Shift to positive coordinates: true (offset 1), false, \"auto\" (offset 0) or a number.");

    /** Registry entry {@code circlerope}. */
    public static final SchemeDeclaration DECLARATION = SchemeDeclaration.builder("circlerope")
            .summary("CircleRoPE (Multimodal-RoPEs): visual grid projected on a circle orthogonal to the text axis")
            .paper("CircleRoPE (lose4578/CircleRoPE), Multimodal-RoPEs re-implementation")
            .reference("JJJYmmm/Multimodal-RoPEs", "pos_design/circlerope.py", "cd413b9")
            .axes(QwenAxes.THW).dtype(DType.FLOAT32).formats("qwen3-vl").parts("text", "image", "video")
            .parameters(ROTARY.list()).parameters(MROPE_SECTION, METHOD, RADIUS, ALPHA, MOVE_TO_ORIGIN, DFF_RATE,
                    MOVE_TO_POSITIVE, Options.TEMPORAL_STRIDE, Options.PAD_VALUE)
            .build(CircleRope::create);

    static Projection projection(SchemeParams p) {
        Method method = p.get(METHOD);
        Object radius = p.get(RADIUS);
        double alpha = p.get(ALPHA);
        if (alpha != -1 && !(alpha >= 0 && alpha <= 1)) {
            throw ALPHA.invalid("must be in [0, 1], or -1 (the reference default), got " + alpha);
        }
        boolean moveToOrigin = p.get(MOVE_TO_ORIGIN);
        double dffRate = dffRate(p.get(DFF_RATE));
        double positiveOffset = positiveOffset(p.get(MOVE_TO_POSITIVE));
        double stride = p.get(Options.TEMPORAL_STRIDE);
        double fixed = Double.NaN;
        double autoScale = Double.NaN;
        if (radius instanceof Number n && Double.isFinite(n.doubleValue())) {
            fixed = n.doubleValue();
        } else {
            autoScale = autoScale(radius);
        }
        return new Projection(method == Method.CIRCLE, fixed, autoScale, alpha, moveToOrigin, dffRate, positiveOffset,
                stride);
    }

    /** {@code "auto"} → 1, {@code "auto-k"} → k. */
    static double autoScale(Object radius) {
        if (radius instanceof String s) {
            if (s.equals("auto")) {
                return 1;
            }
            if (s.startsWith("auto-")) {
                try {
                    double k = Double.parseDouble(s.substring(5));
                    if (Double.isFinite(k)) {
                        return k;
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
        }
        throw RADIUS.invalid("must be a number, \"auto\" or \"auto-<k>\", got " + radius);
    }

    private static double dffRate(Object v) {
        double d;
        if (v instanceof Boolean b) {
            d = b ? 1 : 0;
        } else if (v instanceof Number n) {
            d = n.doubleValue();
        } else {
            d = Double.NaN;
        }
        if (!(d >= 0 && d <= 1)) {
            throw DFF_RATE.invalid("must be true, false or a number in [0, 1], got " + v);
        }
        return d;
    }

    /** NaN when off; else the offset added after the shift. */
    private static double positiveOffset(Object v) {
        if (v instanceof Boolean b) {
            return b ? 1 : Double.NaN;
        }
        if ("auto".equals(v)) {
            return 0;
        }
        if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue() == 0 ? Double.NaN : n.doubleValue();
        }
        throw MOVE_TO_POSITIVE.invalid("must be true, false, \"auto\" or a number, got " + v);
    }

    private static Scheme create(SchemeParams p) {
        Rotary rotary = ROTARY.read(p);
        int[] section = p.get(MROPE_SECTION);
        Projection projection = projection(p);
        int[] pairAxis = Options.sections(MROPE_SECTION, () -> PairAxes.chunked(section, rotary.pairs(), 3));
        // Text-only input takes the reference's attention-mask cumsum path, which returns int64 positions.
        QwenWalker walker = Options.walker(p, QwenAxes.THW, DType.FLOAT32, new Layout(projection))
                .withTextOnlyDtype(DType.INT32);
        return new ComposedScheme(DECLARATION.name(), walker,
                rotary.pairwise("chunked", QwenAxes.THW, pairAxis), p.effective());
    }
}
