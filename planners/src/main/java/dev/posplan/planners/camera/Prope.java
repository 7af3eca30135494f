package dev.posplan.planners.camera;

import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.multimodal.camera.CameraView;
import dev.posplan.multimodal.camera.Intrinsics;
import dev.posplan.multimodal.camera.LinAlg;
import dev.posplan.planners.allocation.BlockAllocation.Component;
import dev.posplan.planners.allocation.BlockAllocation;
import java.util.List;

/**
 * PRoPE, "Cameras as Relative Positional Encoding" (spec table-camera.md §4; reference
 * liruilong940607/prope {@code per_img_camera.py}, vendored in chengzhag/UCPE {@code thirdparty/prope}).
 *
 * <p>Per camera {@code c}: {@code Kn = [[fx/W, 0, cx/W − 0.5], [0, fy/H, cy/H − 0.5], [0, 0, 1]]},
 * {@code P_c = lift(Kn) · viewmat_c} (image ← world, viewmat = world-to-camera in OpenCV axes) and
 * {@code P_c⁻¹ = invSE3(viewmat_c) · lift(Kn⁻¹)}; without intrinsics {@code P_c = viewmat_c} (the "GTA
 * formula"). The head is split as {@link #allocation()} states: the first half gets {@code Pᵀ q},
 * {@code P⁻¹ k}, {@code P⁻¹ v}, {@code P o}; the next quarters 2D RoPE over the patch column and row
 * ({@code hd/8} frequencies {@code freqScale · freqBase^(−i/(hd/8))}, split layout, PRoPE's sign).
 * Sequence layout: cameras × patchesY × patchesX. Matrices may also be given per token (UCPE).
 *
 * <p>Entry points: {@link #project(List)} / {@link #project(double[], double[], boolean)} for the
 * matrices, {@link #tokenProjections(TokenStream)} for the posed blocks of a token stream,
 * {@link #rope()} for the cos/sin tables, {@link #applyToQ}, {@link #applyToKv}, {@link #applyToO} for
 * the transforms of one head ({@code [seq, headDim]} float32, token-major; apply to every head alike).
 */
public final class Prope {

    /** Registry and allocation name. */
    static final String RULE = "prope";

    public static final double DEFAULT_FREQ_BASE = 100.0;
    public static final double DEFAULT_FREQ_SCALE = 1.0;

    private final int headDim;
    private final int patchesX;
    private final int patchesY;
    private final int imageWidth;
    private final int imageHeight;
    private final double freqBase;
    private final double freqScale;
    private final Rope rope;

    /**
     * @param headDim     head dimension, a positive multiple of 8
     * @param patchesX    token columns per image
     * @param patchesY    token rows per image
     * @param imageWidth  image width in pixels (normalises K)
     * @param imageHeight image height in pixels
     * @param freqBase    RoPE base (PRoPE 100)
     * @param freqScale   RoPE frequency scale (PRoPE 1)
     */
    public Prope(int headDim, int patchesX, int patchesY, int imageWidth, int imageHeight, double freqBase,
            double freqScale) {
        if (headDim <= 0 || headDim % 8 != 0) {
            throw InvalidInputException.of("head_dim must be a positive multiple of 8 (halves of 4-vectors and "
                    + "two even RoPE quarters), got " + headDim);
        }
        if (patchesX <= 0 || patchesY <= 0) {
            throw InvalidInputException.of("patches_x and patches_y must be positive, got " + patchesX + "x"
                    + patchesY);
        }
        if (imageWidth <= 0 || imageHeight <= 0) {
            throw InvalidInputException.of("image size must be positive, got imageWidth=" + imageWidth
                    + ", imageHeight=" + imageHeight);
        }
        if (!(freqBase > 0) || Double.isInfinite(freqBase) || !(freqScale > 0) || Double.isInfinite(freqScale)) {
            throw InvalidInputException.of("freq_base and freq_scale must be positive and finite");
        }
        this.headDim = headDim;
        this.patchesX = patchesX;
        this.patchesY = patchesY;
        this.imageWidth = imageWidth;
        this.imageHeight = imageHeight;
        this.freqBase = freqBase;
        this.freqScale = freqScale;
        this.rope = Rope.compute(headDim / 8, patchesX, patchesY, freqBase, freqScale);
    }

    /**
     * PRoPE for views sharing one image size and token grid, default frequencies. The grid is the merged
     * grid {@code W/(patch·merge) × H/(patch·merge)}; K stays in full-image pixels (spec §4.2).
     */
    public static Prope forViews(int headDim, List<CameraView> views) {
        CameraView v0 = requireSameGrid(views);
        return new Prope(headDim, v0.tokensX(), v0.tokensY(), v0.imageWidth(), v0.imageHeight(),
                DEFAULT_FREQ_BASE, DEFAULT_FREQ_SCALE);
    }

    public int headDim() {
        return headDim;
    }

    public int patchesX() {
        return patchesX;
    }

    public int patchesY() {
        return patchesY;
    }

    public int tokensPerImage() {
        return patchesX * patchesY;
    }

    /** Per-camera projective matrices of views: viewmat = world-to-camera (OpenCV); K when every view has one. */
    public Projections project(List<CameraView> views) {
        requireSameGrid(views);
        double[][] in = cameraInputs(views);
        return project(in[0], in[1], false);
    }

    /**
     * Per-token projective matrices of the posed blocks of a stream ({@link CameraTokens}): one {@code P} and
     * {@code P⁻¹} per camera token, camera blocks in stream order and row-major inside
     * ({@code count() = CameraTokens.cameraTokens()}; {@link CameraTokens#streamIndices()} maps the k-th matrix to
     * its stream index). Text, padding and blocks without a camera have no matrix: they take no projective
     * transform (the identity). Each token gets its view's matrix as {@link #project(List)} computes it, K
     * normalised by that view's own image size, so views of different sizes may be mixed; intrinsics must be
     * given for all posed blocks or none. A stream without posed blocks gives no matrices.
     */
    public static Projections tokenProjections(TokenStream stream) {
        CameraTokens cams = CameraTokens.of(stream);
        int n = cams.cameraTokens();
        if (n > (Integer.MAX_VALUE - 8) / 16) {
            throw InvalidInputException.of("stream has " + n + " camera tokens, too many for per-token 4x4 matrices");
        }
        double[] p = new double[16 * n];
        double[] pInv = new double[16 * n];
        if (cams.isEmpty()) {
            return new Projections(0, true, p, pInv);
        }
        double[][] in = cameraInputs(cams.views());
        double[] pc = new double[16];
        double[] pic = new double[16];
        int at = 0;
        for (int c = 0; c < cams.count(); c++) {
            CameraView v = cams.view(c);
            projectOne(in[0], in[1], c, v.imageWidth(), v.imageHeight(), pc, pic);
            for (int t = 0; t < cams.tokens(c); t++, at += 16) {
                System.arraycopy(pc, 0, p, at, 16);
                System.arraycopy(pic, 0, pInv, at, 16);
            }
        }
        return new Projections(n, true, p, pInv);
    }

    /** {@code {viewmats, Ks}} of views: world-to-camera (OpenCV) and pixel intrinsics, Ks null when none has K. */
    private static double[][] cameraInputs(List<CameraView> views) {
        int n = views.size();
        boolean withK = views.get(0).hasIntrinsics();
        double[] viewmats = new double[16 * n];
        double[] ks = withK ? new double[4 * n] : null;
        for (int c = 0; c < n; c++) {
            CameraView v = views.get(c);
            if (v.hasIntrinsics() != withK) {
                throw InvalidInputException.of("camera views: intrinsics must be given for all views or none "
                        + "(view " + c + " differs from view 0)");
            }
            System.arraycopy(v.pose().worldToCamera(), 0, viewmats, 16 * c, 16);
            if (withK) {
                Intrinsics k = v.pixelIntrinsics("PRoPE");
                ks[4 * c] = k.fx();
                ks[4 * c + 1] = k.fy();
                ks[4 * c + 2] = k.cx();
                ks[4 * c + 3] = k.cy();
            }
        }
        return new double[][] {viewmats, ks};
    }

    /**
     * Projective matrices from raw world-to-camera matrices.
     *
     * @param viewmats  {@code count · 16} row-major rigid transforms (camera ← world)
     * @param ks        {@code count · 4} pixel intrinsics {@code fx, fy, cx, cy}, or null for none
     * @param perToken  one matrix per token (UCPE) instead of one per camera
     */
    public Projections project(double[] viewmats, double[] ks, boolean perToken) {
        if (viewmats.length == 0 || viewmats.length % 16 != 0) {
            throw InvalidInputException.of("viewmats: expected count x 16 values, got " + viewmats.length);
        }
        int count = viewmats.length / 16;
        if (ks != null && ks.length != 4 * count) {
            throw InvalidInputException.of("Ks: expected " + 4 * count + " values (fx, fy, cx, cy per matrix), got "
                    + ks.length);
        }
        if (perToken && count % tokensPerImage() != 0) {
            throw InvalidInputException.of("viewmats: " + count + " per-token matrices are not whole images of "
                    + tokensPerImage() + " tokens");
        }
        double[] p = new double[16 * count];
        double[] pInv = new double[16 * count];
        double[] pc = new double[16];
        double[] pic = new double[16];
        for (int c = 0; c < count; c++) {
            projectOne(viewmats, ks, c, imageWidth, imageHeight, pc, pic);
            System.arraycopy(pc, 0, p, 16 * c, 16);
            System.arraycopy(pic, 0, pInv, 16 * c, 16);
        }
        return new Projections(count, perToken, p, pInv);
    }

    /** {@code P} and {@code P⁻¹} of matrix {@code c}, K normalised by a {@code width × height} image. */
    private static void projectOne(double[] viewmats, double[] ks, int c, int width, int height, double[] pOut,
            double[] pInvOut) {
        double[] v = java.util.Arrays.copyOfRange(viewmats, 16 * c, 16 * c + 16);
        LinAlg.requireFinite(v, "viewmats[" + c + "]");
        LinAlg.requireRotation(LinAlg.rotation(v), "viewmats[" + c + "]");
        double[] pc = v;
        double[] pic = LinAlg.rigidInverse(v);
        if (ks != null) {
            double[] kn = normalizedK(ks, c, width, height);
            pc = LinAlg.mul4(kn, v);
            pic = LinAlg.mul4(pic, inverseK(kn));
        }
        System.arraycopy(pc, 0, pOut, 0, 16);
        System.arraycopy(pic, 0, pInvOut, 0, 16);
    }

    /** lift(Kn): PRoPE's normalised intrinsics as a 4x4 matrix. */
    private static double[] normalizedK(double[] ks, int c, int imageWidth, int imageHeight) {
        double fx = ks[4 * c];
        double fy = ks[4 * c + 1];
        double cx = ks[4 * c + 2];
        double cy = ks[4 * c + 3];
        double[] all = {fx, fy, cx, cy};
        LinAlg.requireFinite(all, "Ks[" + c + "]");
        if (!(fx > 0 && fy > 0)) {
            throw InvalidInputException.of("Ks[" + c + "]: focal lengths must be positive, got fx=" + fx + ", fy="
                    + fy + " (singular intrinsics)");
        }
        double[] m = LinAlg.identity4();
        m[0] = fx / imageWidth;
        m[5] = fy / imageHeight;
        m[2] = cx / imageWidth - 0.5;
        m[6] = cy / imageHeight - 0.5;
        return m;
    }

    /** lift(Kn⁻¹) for a zero-skew Kn (PRoPE {@code _invert_K}). */
    private static double[] inverseK(double[] kn) {
        double[] m = LinAlg.identity4();
        m[0] = 1 / kn[0];
        m[5] = 1 / kn[5];
        m[2] = -kn[2] / kn[0];
        m[6] = -kn[6] / kn[5];
        return m;
    }

    /** The RoPE cos/sin tables of one image. */
    public Rope rope() {
        return rope;
    }

    /** {@code q'}: {@code Pᵀ q} on the first half, RoPE on the quarters. */
    public float[] applyToQ(float[] q, Projections p) {
        return apply(q, p, p.p, true, false, "q");
    }

    /** {@code k'} or {@code v'}: {@code P⁻¹ x} on the first half, RoPE on the quarters. */
    public float[] applyToKv(float[] kv, Projections p) {
        return apply(kv, p, p.pInv, false, false, "kv");
    }

    /** {@code o'}: {@code P o} on the first half, inverse RoPE on the quarters. */
    public float[] applyToO(float[] o, Projections p) {
        return apply(o, p, p.p, false, true, "o");
    }

    private float[] apply(float[] x, Projections p, double[] mats, boolean transpose, boolean inverse, String what) {
        int seq = HeadTransforms.rows(x, headDim, what);
        int perMatrix = p.perToken ? 1 : tokensPerImage();
        if ((long) p.count * perMatrix != seq) {
            throw InvalidInputException.of(what + ": " + seq + " tokens, but " + p.count
                    + (p.perToken ? " per-token matrices" : " cameras of " + perMatrix + " tokens"));
        }
        float[] out = x.clone();
        int half = headDim / 2;
        int quarter = headDim / 4;
        int f = headDim / 8;
        HeadTransforms.matrices(out, seq, headDim, 0, half, 4, mats, perMatrix, transpose);
        HeadTransforms.rotateSplit(out, seq, headDim, half, rope.cosX, rope.sinX, f, tokensPerImage(), inverse);
        HeadTransforms.rotateSplit(out, seq, headDim, half + quarter, rope.cosY, rope.sinY, f, tokensPerImage(), inverse);
        return out;
    }

    /** Which head dimensions carry what (spec §4.1 table). */
    public BlockAllocation allocation() {
        int f = headDim / 8;
        double[] freq = new double[f];
        for (int i = 0; i < f; i++) {
            freq[i] = rope.freqs[i];
        }
        int[] col = new int[f];
        int[] row = new int[f];
        java.util.Arrays.fill(col, BlockAllocation.COLUMN);
        java.util.Arrays.fill(row, BlockAllocation.ROW);
        return new BlockAllocation.Builder(RULE, headDim)
                .add(Component.MATRIX_4, headDim / 2, 4, "q' = Pᵀq, k' = P⁻¹k, v' = P⁻¹v, o' = Po per 4-vector")
                .add(Component.ROTATION_SPLIT, headDim / 4, 2, freq, col,
                        "RoPE over the patch column x (q, k, v; inverse on o)")
                .add(Component.ROTATION_SPLIT, headDim / 4, 2, freq, row,
                        "RoPE over the patch row y (q, k, v; inverse on o)")
                .build();
    }

    private static CameraView requireSameGrid(List<CameraView> views) {
        if (views.isEmpty()) {
            throw InvalidInputException.of("camera views: at least one view is required");
        }
        CameraView v0 = views.get(0);
        for (int i = 1; i < views.size(); i++) {
            CameraView v = views.get(i);
            if (v.imageWidth() != v0.imageWidth() || v.imageHeight() != v0.imageHeight()
                    || v.tokensX() != v0.tokensX() || v.tokensY() != v0.tokensY()) {
                throw InvalidInputException.of("camera views: PRoPE needs one image size and token grid; view " + i
                        + " differs from view 0");
            }
        }
        return v0;
    }

    /** The projective matrices of a sequence: per camera (tokens of a camera share it) or per token. */
    public static final class Projections {
        private final int count;
        private final boolean perToken;
        private final double[] p;
        private final double[] pInv;

        private Projections(int count, boolean perToken, double[] p, double[] pInv) {
            this.count = count;
            this.perToken = perToken;
            this.p = p;
            this.pInv = pInv;
        }

        /** Number of matrices (cameras, or tokens when {@link #perToken()}). */
        public int count() {
            return count;
        }

        public boolean perToken() {
            return perToken;
        }

        /** {@code P} (image ← world) of camera (or token) {@code i}, row-major. */
        public double[] p(int i) {
            return java.util.Arrays.copyOfRange(p, 16 * i, 16 * i + 16);
        }

        /** {@code P⁻¹} of camera (or token) {@code i}. */
        public double[] pInv(int i) {
            return java.util.Arrays.copyOfRange(pInv, 16 * i, 16 * i + 16);
        }

        /** {@code Pᵀ}, what q is multiplied by. */
        public double[] pTransposed(int i) {
            return LinAlg.transpose(p(i), 4);
        }
    }

    /**
     * RoPE cos/sin of one image, row-major over tokens, {@code hd/8} values per token and axis, float32 as
     * PRoPE's {@code _rope_precompute_coeffs} computes them: {@code freq_i = scale · base^(−i/F)} and
     * {@code angle = position · freq_i} in float32.
     */
    public static final class Rope {
        private final float[] freqs;
        private final float[] cosX;
        private final float[] sinX;
        private final float[] cosY;
        private final float[] sinY;

        private Rope(float[] freqs, float[] cosX, float[] sinX, float[] cosY, float[] sinY) {
            this.freqs = freqs;
            this.cosX = cosX;
            this.sinX = sinX;
            this.cosY = cosY;
            this.sinY = sinY;
        }

        static Rope compute(int f, int patchesX, int patchesY, double base, double scale) {
            float[] freqs = CameraMath.ropeFrequencies(f, base, scale);
            int n = patchesX * patchesY;
            float[] cx = new float[n * f];
            float[] sx = new float[n * f];
            float[] cy = new float[n * f];
            float[] sy = new float[n * f];
            for (int t = 0; t < n; t++) {
                int x = t % patchesX;
                int y = t / patchesX;
                for (int i = 0; i < f; i++) {
                    float ax = x * freqs[i];
                    float ay = y * freqs[i];
                    cx[t * f + i] = CameraMath.cos(ax);
                    sx[t * f + i] = CameraMath.sin(ax);
                    cy[t * f + i] = CameraMath.cos(ay);
                    sy[t * f + i] = CameraMath.sin(ay);
                }
            }
            return new Rope(freqs, cx, sx, cy, sy);
        }

        /** The {@code hd/8} float32 frequencies. */
        public float[] freqs() {
            return freqs.clone();
        }

        public float[] cosX() {
            return cosX.clone();
        }

        public float[] sinX() {
            return sinX.clone();
        }

        public float[] cosY() {
            return cosY.clone();
        }

        public float[] sinY() {
            return sinY.clone();
        }
    }
}
