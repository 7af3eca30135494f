package dev.posplan.planners.camera;

import dev.posplan.multimodal.ApiNamed;
import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.multimodal.camera.CameraView;
import dev.posplan.multimodal.camera.LinAlg;
import dev.posplan.planners.allocation.BlockAllocation.Component;
import dev.posplan.planners.allocation.BlockAllocation;
import java.util.List;
import java.util.Objects;

/**
 * GTA, Geometric Transform Attention (spec table-camera.md §3; autonomousvision/gta @ 1dcbd37d
 * {@code source/utils/gta.py}, {@code encoder.pre_compute_reps}; DiT branch {@code gta.py}).
 *
 * <p>The head is split into blocks in the fixed order {@code triv, se3, so3, so2, t2}
 * ({@link #allocation()}). With {@code g_i} the token's geometry, attention sees
 * {@code q' = ρ(g_i)⁻ᵀ q}, {@code k' = ρ(g_j) k}, {@code v' = ρ(g_j) v} and the output is mapped back by
 * {@code ρ(g_i)⁻¹}: SE(3) per view from the relative extrinsic {@code E_i E_0⁻¹} (translation column
 * scaled by {@code trans_coeff}), SO(2) per token from its image coordinate, T(2) per token as a
 * homogeneous 2D translation. SO(3) (Wigner-D of the view rotation) is not implemented: its basis file
 * {@code J_dense.pt} is absent from the reference snapshot and no golden covers it.
 *
 * <p>Entry points: {@link #represent(List)} (multi-view NVS; {@link #represent(TokenStream)} for the
 * posed blocks of a token stream) or {@link #representGrid(int, int)} (DiT image branch) give the
 * {@link Reps}; {@link #applyToQ}, {@link #applyToK}, {@link #applyToV},
 * {@link #applyToO} transform one head ({@code [seq, headDim]} float32, token-major).
 *
 * @param config the method arguments
 */
public record Gta(Config config) {

    /** Registry and allocation name. */
    static final String RULE = "gta";

    /** Which code path of the reference. */
    public enum Variant {
        /**
         * Multi-view NVS encoder ({@code main}): token coordinate {@code (row_px/H, col_px/W)} of the pixel
         * index {@code stride/2 + stride·t}; SO(2) frequency {@code 2^(f+1)/2^F} (or 1 when shared), angle
         * {@code max_freq_axis · 2π · coord · freq}.
         */
        NVS,
        /**
         * DiT image branch: integer latent coordinates {@code (row, col)}, frequency
         * {@code exp(−2f · ln 10000 / (2F))}; only SO(2).
         */
        DIT
    }

    /** Behaviour of configurations the released encoder cannot run. */
    public enum Compat {
        /**
         * As released: {@code pre_compute_reps} binds {@code NqTq} only when {@code so2 > 0} but reads it for
         * {@code se3}, so SE(3) without SO(2) (the {@code gta_t2} configs) raises {@code UnboundLocalError};
         * posplan rejects such configurations with an error that says so (golden {@code gta/07}).
         */
        RELEASED,
        /** The intended behaviour: every block is computed (NqTq only feeds an unused flattened representation). */
        FIXED
    }

    /**
     * The dtype the reference runs in: {@code make_SO2mats} forms the angle {@code (max_freq·2·π) · (coord·freq)}
     * and its cos/sin in the dtype of the coordinate tensor it is given (float32 in training, float64 in the
     * goldens, whose q/k/v and coordinates are float64; table-camera.md §3.2). The two differ once angles are
     * large: a float32 angle near 60 is up to half an ulp (~2e-6) off the float64 one.
     */
    public enum Precision implements ApiNamed {
        /**
         * Every step float32, in the reference's order: {@code fl(fl(max_freq·2·π) · fl(coord·freq))} (the
         * Python scalar {@code max_freq·2·π} is a double rounded to float32 by torch), then cos/sin of that
         * float32 angle rounded to float32 (torch's SLEEF u10 {@code cosf}/{@code sinf} is within 1 ulp of it).
         */
        FLOAT32("float32"),
        /** Every step float64: the same products unrounded to float32, cos/sin in double. */
        FLOAT64("float64");

        private final String apiName;

        Precision(String apiName) {
            this.apiName = apiName;
        }

        @Override
        public String apiName() {
            return apiName;
        }
    }

    /**
     * Head-dimension sizes per block, in the reference's fixed order.
     *
     * @param triv untouched dimensions
     * @param se3  SE(3) dimensions (multiple of 4, or of 3 with {@code euclid})
     * @param so3  SO(3) dimensions (must be 0: not implemented)
     * @param so2  SO(2) dimensions (= 4 × {@code so2Freqs})
     * @param t2   T(2) dimensions (multiple of 3)
     */
    public record FDims(int triv, int se3, int so3, int so2, int t2) {
        public FDims {
            if (triv < 0 || se3 < 0 || so3 < 0 || so2 < 0 || t2 < 0) {
                throw InvalidInputException.of("f_dims must be >= 0, got " + this);
            }
        }

        public int total() {
            return triv + se3 + so3 + so2 + t2;
        }
    }

    /**
     * GTA method arguments ({@code runs/*}/config.yaml {@code attn_args.method.args}) plus the learned
     * translation scale.
     *
     * @param variant     NVS or DiT code path
     * @param headDim     head dimension (= sum of f_dims)
     * @param fDims       block sizes
     * @param so2Freqs    F, SO(2) frequencies per axis (NVS default 8; DiT head_dim/4)
     * @param maxFreqH    angle scale of the row axis (NVS, default 1)
     * @param maxFreqW    angle scale of the column axis (NVS, default 1)
     * @param sharedFreqs all SO(2) frequencies 1 (NVS {@code shared_freqs}, default false)
     * @param transCoeff  scale of the SE(3) translation ({@code trans_coeff}: a learned parameter, initialised
     *                    to 0.01; pass the trained value)
     * @param vTransform  transform v and the output (default true; false leaves v and the output alone)
     * @param euclid      {@code euclid_sim}: SE(3) block as homogeneous 3D points, attention similarity
     *                    {@code −½|q − k|²} (default false)
     * @param compat      released or fixed behaviour for configurations the release cannot run
     * @param precision   dtype of the SO(2) angle and its cos/sin (NVS; the DiT branch always builds its
     *                    table from float32 tensors, {@code torch.Tensor} and {@code torch.arange} defaults)
     */
    public record Config(Variant variant, int headDim, FDims fDims, int so2Freqs, double maxFreqH, double maxFreqW,
            boolean sharedFreqs, double transCoeff, boolean vTransform, boolean euclid, Compat compat,
            Precision precision) {

        public Config {
            Objects.requireNonNull(variant, "variant");
            Objects.requireNonNull(precision, "precision");
            Objects.requireNonNull(fDims, "f_dims");
            Objects.requireNonNull(compat, "compat");
            if (headDim <= 0 || fDims.total() != headDim) {
                throw InvalidInputException.of("f_dims " + fDims + " must add up to head_dim " + headDim);
            }
            if (fDims.so3() > 0) {
                throw InvalidInputException.of("f_dims.so3: Wigner-D blocks are not supported (J_dense.pt is absent "
                        + "from the reference snapshot; no golden covers SO(3))");
            }
            if (fDims.so2() != 4 * so2Freqs) {
                throw InvalidInputException.of("f_dims.so2 must be 4 x so2 frequencies (" + so2Freqs + "), got "
                        + fDims.so2());
            }
            if (fDims.se3() % (euclid ? 3 : 4) != 0) {
                throw InvalidInputException.of("f_dims.se3 must be a multiple of " + (euclid ? "3 (euclid_sim)" : "4")
                        + ", got " + fDims.se3());
            }
            if (fDims.t2() % 3 != 0) {
                throw InvalidInputException.of("f_dims.t2 must be a multiple of 3, got " + fDims.t2());
            }
            if (!Double.isFinite(maxFreqH) || !Double.isFinite(maxFreqW) || !Double.isFinite(transCoeff)) {
                throw InvalidInputException.of("max_freq_h, max_freq_w and trans_coeff must be finite");
            }
            if (variant == Variant.DIT && (fDims.so2() != headDim)) {
                throw InvalidInputException.of("f_dims: the DiT branch has SO(2) only (so2 = head_dim)");
            }
            if (compat == Compat.RELEASED && fDims.se3() > 0 && fDims.so2() == 0) {
                throw InvalidInputException.of("f_dims: se3 without so2 cannot run in the released encoder "
                        + "(pre_compute_reps raises UnboundLocalError: local variable 'NqTq' is only bound in the so2 "
                        + "branch); choose Compat.FIXED for the intended transforms");
            }
        }

        /**
         * {@code runs/clevrtr/GTA/gta}: head_dim 64, se3 32, so2 32 (F = 8), max_freq 1, trans_coeff 0.01; float32
         * as in training.
         */
        public static Config clevrTr() {
            return new Config(Variant.NVS, 64, new FDims(0, 32, 0, 32, 0), 8, 1, 1, false, 0.01, true, false,
                    Compat.RELEASED, Precision.FLOAT32);
        }

        /** This configuration computed in another precision. */
        public Config withPrecision(Precision p) {
            return new Config(variant, headDim, fDims, so2Freqs, maxFreqH, maxFreqW, sharedFreqs, transCoeff,
                    vTransform, euclid, compat, p);
        }

        /** DiT image branch: SO(2) on all {@code headDim} dimensions, F = head_dim/4. */
        public static Config dit(int headDim, boolean vTransform) {
            if (headDim <= 0 || headDim % 4 != 0) {
                throw InvalidInputException.of("head_dim must be a positive multiple of 4, got " + headDim);
            }
            return new Config(Variant.DIT, headDim, new FDims(0, 0, 0, headDim, 0), headDim / 4, 1, 1, false, 1,
                    vTransform, false, Compat.RELEASED, Precision.FLOAT32);
        }
    }

    public Gta {
        Objects.requireNonNull(config, "config");
    }

    /**
     * Representations of a multi-view sequence (NVS variant): views outer, tokens of a view row-major.
     * The views share one image size and stride ({@code patchSize · spatialMerge} = 2^downsample_steps);
     * intrinsics are not used.
     */
    public Reps represent(List<CameraView> views) {
        if (config.variant() != Variant.NVS) {
            throw InvalidInputException.of("variant: camera views need the NVS variant, not " + config.variant());
        }
        if (views.isEmpty()) {
            throw InvalidInputException.of("camera views: at least one view is required");
        }
        CameraView v0 = views.get(0);
        int n = views.size();
        double[] ext = new double[16 * n];
        double[] rel = new double[16 * n];
        double[] inv = new double[16 * n];
        double[] e0inv = LinAlg.inverse(v0.pose().worldToCamera(), 4, "extrinsic[0]");
        for (int i = 0; i < n; i++) {
            CameraView v = views.get(i);
            if (v.imageWidth() != v0.imageWidth() || v.imageHeight() != v0.imageHeight() || v.stride() != v0.stride()) {
                throw InvalidInputException.of("camera views: view " + i + " differs from view 0 in image size or "
                        + "stride");
            }
            double[] e = v.pose().worldToCamera();
            double[] r = LinAlg.mul4(e, e0inv);
            System.arraycopy(e, 0, ext, 16 * i, 16);
            System.arraycopy(r, 0, rel, 16 * i, 16);
            System.arraycopy(LinAlg.inverse(r, 4, "input_transforms[" + i + "]"), 0, inv, 16 * i, 16);
        }
        int rows = v0.tokensY();
        int cols = v0.tokensX();
        float[] coords = new float[2 * rows * cols];
        int s = v0.stride();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                // make_2dcoord: float32 index / size, at the pixel kept by common.downsample.
                coords[2 * (r * cols + c)] = (float) (s / 2 + s * r) / (float) v0.imageHeight();
                coords[2 * (r * cols + c) + 1] = (float) (s / 2 + s * c) / (float) v0.imageWidth();
            }
        }
        return new Reps(n, rows * cols, ext, rel, inv, coords, so2Tables(coords));
    }

    /**
     * {@link #represent(List)} of the posed blocks of a stream, in stream order ({@link CameraTokens#views()}):
     * the SE(3) block is relative to the stream's first posed block, and the representations' token order
     * is the stream's camera tokens in order ({@link CameraTokens#streamIndices()} gives their stream
     * indices; other tokens take no transform).
     */
    public Reps represent(TokenStream stream) {
        CameraTokens cams = CameraTokens.of(stream);
        if (cams.isEmpty()) {
            throw InvalidInputException.of("camera views: the stream has no visual block with a camera");
        }
        return represent(cams.views());
    }

    /** Representations of one latent image grid (DiT variant): integer coordinates, SO(2) only. */
    public Reps representGrid(int rows, int cols) {
        if (config.variant() != Variant.DIT) {
            throw InvalidInputException.of("variant: a bare grid needs the DiT variant, not " + config.variant());
        }
        if (rows <= 0 || cols <= 0) {
            throw InvalidInputException.of("grid must be positive, got " + rows + "x" + cols);
        }
        float[] coords = new float[2 * rows * cols];
        for (int t = 0; t < rows * cols; t++) {
            coords[2 * t] = t / cols;
            coords[2 * t + 1] = t % cols;
        }
        return new Reps(1, rows * cols, new double[0], new double[0], new double[0], coords, so2Tables(coords));
    }

    /** SO(2) frequency of frequency index f (before the axis scale), float32 as the reference forms it. */
    float frequency(int f) {
        int nf = config.so2Freqs();
        if (config.variant() == Variant.DIT) {
            float step = (float) -(Math.log(10000.0) / (2 * nf));
            return (float) Math.exp((float) (2 * f) * step);
        }
        return config.sharedFreqs() ? 1f : (float) (Math.pow(2, f + 1) / Math.pow(2, nf));
    }

    /**
     * cos/sin per token and pair {@code p = 2f + axis} (axis 0 row, 1 column), in the configured
     * {@link Precision} (the DiT table is float32 whatever the precision).
     */
    private double[][] so2Tables(float[] coords) {
        int tokens = coords.length / 2;
        int pairs = 2 * config.so2Freqs();
        double[] cos = new double[tokens * pairs];
        double[] sin = new double[tokens * pairs];
        // Python evaluates max_freqs[d] * 2 * math.pi left to right in double before torch sees it.
        double[] scale = {config.maxFreqH() * 2 * Math.PI, config.maxFreqW() * 2 * Math.PI};
        boolean float64 = config.variant() == Variant.NVS && config.precision() == Precision.FLOAT64;
        for (int t = 0; t < tokens; t++) {
            for (int f = 0; f < config.so2Freqs(); f++) {
                float freq = frequency(f);
                for (int a = 0; a < 2; a++) {
                    int at = t * pairs + 2 * f + a;
                    if (float64) {
                        double angle = scale[a] * ((double) coords[2 * t + a] * freq);
                        cos[at] = StrictMath.cos(angle);
                        sin[at] = StrictMath.sin(angle);
                    } else {
                        float x = coords[2 * t + a] * freq;
                        float angle = config.variant() == Variant.DIT ? x : (float) scale[a] * x;
                        cos[at] = CameraMath.cos(angle);
                        sin[at] = CameraMath.sin(angle);
                    }
                }
            }
        }
        return new double[][] {cos, sin};
    }

    public float[] applyToQ(float[] q, Reps reps) {
        return apply(q, reps, Role.Q);
    }

    public float[] applyToK(float[] k, Reps reps) {
        return apply(k, reps, Role.K);
    }

    /** {@code v' = ρ v}, or v unchanged when {@code v_transform} is off. */
    public float[] applyToV(float[] v, Reps reps) {
        return config.vTransform() ? apply(v, reps, Role.K) : v.clone();
    }

    /** {@code o' = ρ⁻¹ o} of the attention output, or o unchanged when {@code v_transform} is off. */
    public float[] applyToO(float[] o, Reps reps) {
        return config.vTransform() ? apply(o, reps, Role.O) : o.clone();
    }

    private enum Role { Q, K, O }

    private float[] apply(float[] x, Reps reps, Role role) {
        int hd = config.headDim();
        int seq = HeadTransforms.rows(x, hd, "features");
        if (seq != reps.views * reps.tokensPerView) {
            throw InvalidInputException.of("features: " + seq + " tokens, but the representations cover "
                    + reps.views + " views of " + reps.tokensPerView + " tokens");
        }
        FDims d = config.fDims();
        float[] out = x.clone();
        int at = d.triv();
        if (d.se3() > 0) {
            se3(out, seq, at, at + d.se3(), reps, role);
        }
        at += d.se3() + d.so3();
        if (d.so2() > 0) {
            HeadTransforms.rotateInterleaved(out, seq, hd, at, reps.cos, reps.sin, 2 * config.so2Freqs(),
                    reps.tokensPerView, role == Role.O);
        }
        at += d.so2();
        if (d.t2() > 0) {
            HeadTransforms.matrices(out, seq, hd, at, at + d.t2(), 3, t2(reps, role), 1, role == Role.Q);
        }
        return out;
    }

    /**
     * SE(3) block: masked {@code M = inv(E_rel) ⊙ mask} for k, v; {@code (E_rel ⊙ mask)ᵀ} for q;
     * {@code E_rel ⊙ mask} for the output. With {@code euclid}, 3-vectors are points: q, k, v use
     * {@code inv(E_rel) ⊙ mask}, the output {@code E_rel ⊙ mask}.
     */
    private void se3(float[] x, int seq, int start, int end, Reps reps, Role role) {
        boolean fromInverse = config.euclid() ? role != Role.O : role == Role.K;
        double[] mats = masked(fromInverse ? reps.inverse : reps.relative);
        if (config.euclid()) {
            HeadTransforms.points(x, seq, config.headDim(), start, end, mats, reps.tokensPerView);
        } else {
            HeadTransforms.matrices(x, seq, config.headDim(), start, end, 4, mats, reps.tokensPerView, role == Role.Q);
        }
    }

    private double[] masked(double[] mats) {
        double[] out = mats.clone();
        for (int m = 0; m < out.length; m += 16) {
            out[m + 3] *= config.transCoeff();
            out[m + 7] *= config.transCoeff();
            out[m + 11] *= config.transCoeff();
        }
        return out;
    }

    /**
     * T(2) per token ({@code make_T2mats}): {@code T = [[1,0,0],[0,1,0],[row,col,1]]}; k, v use T, the output
     * {@code T⁻¹}, q {@code T⁻ᵀ} (applied as the transpose of {@code T⁻¹}).
     */
    private static double[] t2(Reps reps, Role role) {
        int n = reps.views * reps.tokensPerView;
        double[] out = new double[9 * n];
        double sign = role == Role.K ? 1 : -1;
        for (int i = 0; i < n; i++) {
            int t = i % reps.tokensPerView;
            out[9 * i] = 1;
            out[9 * i + 4] = 1;
            out[9 * i + 8] = 1;
            out[9 * i + 6] = sign * reps.coords[2 * t];
            out[9 * i + 7] = sign * reps.coords[2 * t + 1];
        }
        return out;
    }

    /** Which head dimensions carry what, with the SO(2) angle per unit coordinate of each pair. */
    public BlockAllocation allocation() {
        FDims d = config.fDims();
        int pairs = 2 * config.so2Freqs();
        double[] freq = new double[pairs];
        int[] axis = new int[pairs];
        for (int p = 0; p < pairs; p++) {
            axis[p] = p % 2 == 0 ? BlockAllocation.ROW : BlockAllocation.COLUMN;
            double scale = config.variant() == Variant.DIT ? 1 : 2 * Math.PI * (axis[p] == 0 ? config.maxFreqH()
                    : config.maxFreqW());
            freq[p] = scale * frequency(p / 2);
        }
        String coord = config.variant() == Variant.DIT ? "integer (row, col)" : "(row_px/H, col_px/W)";
        return new BlockAllocation.Builder(RULE, config.headDim())
                .add(Component.TRIVIAL, d.triv(), 1, "unchanged")
                .add(config.euclid() ? Component.POINT_3 : Component.MATRIX_4, d.se3(), config.euclid() ? 3 : 4,
                        config.euclid() ? "q, k, v: inv(E_rel)⊙mask [x;1]; o: E_rel⊙mask [o;1] (per view)"
                                : "q: (E_rel⊙mask)ᵀ; k, v: inv(E_rel)⊙mask; o: E_rel⊙mask (per view)")
                .add(Component.WIGNER_D, d.so3(), 1, "not supported")
                .add(Component.ROTATION_INTERLEAVED, d.so2(), 2, freq, axis,
                        "q, k, v: R(angle) per pair p = 2f + axis over " + coord + "; o: Rᵀ")
                .add(Component.MATRIX_3, d.t2(), 3, "q: T⁻ᵀ; k, v: T; o: T⁻¹ with T the token's 2D translation")
                .build();
    }

    /**
     * Precomputed representations of a sequence.
     */
    public static final class Reps {
        private final int views;
        private final int tokensPerView;
        private final double[] extrinsics;
        private final double[] relative;
        private final double[] inverse;
        private final float[] coords;
        private final double[] cos;
        private final double[] sin;

        private Reps(int views, int tokensPerView, double[] extrinsics, double[] relative, double[] inverse,
                float[] coords, double[][] so2) {
            this.views = views;
            this.tokensPerView = tokensPerView;
            this.extrinsics = extrinsics;
            this.relative = relative;
            this.inverse = inverse;
            this.coords = coords;
            this.cos = so2[0];
            this.sin = so2[1];
        }

        public int views() {
            return views;
        }

        public int tokensPerView() {
            return tokensPerView;
        }

        /** World-to-camera extrinsic {@code E_i} of view i (OpenCV), row-major. */
        public double[] extrinsic(int i) {
            return java.util.Arrays.copyOfRange(extrinsics, 16 * i, 16 * i + 16);
        }

        /** {@code E_i · E_0⁻¹}, the reference's {@code input_transforms}. */
        public double[] relativeExtrinsic(int i) {
            return java.util.Arrays.copyOfRange(relative, 16 * i, 16 * i + 16);
        }

        /** The SE(3) representation {@code inv(E_i · E_0⁻¹)} before the translation mask. */
        public double[] se3(int i) {
            return java.util.Arrays.copyOfRange(inverse, 16 * i, 16 * i + 16);
        }

        /** Token coordinates {@code (row, col)} of one view, row-major, float32. */
        public float[] coordinates() {
            return coords.clone();
        }

        /**
         * SO(2) 2x2 blocks {@code [[cos, −sin], [sin, cos]]} per token of a view and pair: {@code [T, 2F, 2, 2]}
         * (float32 values in {@link Precision#FLOAT32}).
         */
        public double[] so2Matrices() {
            double[] out = new double[cos.length * 4];
            for (int i = 0; i < cos.length; i++) {
                out[4 * i] = cos[i];
                out[4 * i + 1] = -sin[i];
                out[4 * i + 2] = sin[i];
                out[4 * i + 3] = cos[i];
            }
            return out;
        }
    }
}
