package dev.posplan.planners.camera;

import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.multimodal.camera.CameraView;
import dev.posplan.multimodal.camera.Intrinsics;
import dev.posplan.multimodal.camera.LinAlg;
import dev.posplan.planners.allocation.BlockAllocation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * UCPE, Unified Camera Positional Encoding (spec table-camera.md §5; chengzhag/UCPE @ 4c4b1180,
 * {@code src/camera_control.py}, {@code WanVideoUnit_UCPECameraControl.process}).
 *
 * <p>Input: one {@link CameraView} per video frame with the UCM lens, pixel intrinsics (UCPE derives them
 * from the horizontal FOV: {@code LensModel.UnifiedCamera.intrinsicsFromFov}), camera-to-world pose and
 * {@code patchSize} = VAE factor × DiT patch (8 × 2 = 16 for Wan2.1). Latent frames are every
 * {@code temporalStride}-th frame ({@code pose[:, ::4]}). Rays are unprojected at the integer token grid
 * ({@link RayCaster.Sampling#PATCH_ORIGIN}, half a patch off the principal point) through the lens.
 *
 * <ul>
 *   <li>Relative Ray Encoding ({@code relray}, default): per token a world→ray rigid transform
 *       ({@link #rayViewmats}) fed to PRoPE without K, per token ({@link #relativeRays}).</li>
 *   <li>Absolute Orientation Encoding ({@code absmap}): per token {@code (up_u, up_v, latitude)}
 *       ({@link #absoluteMap}); variants {@link #absoluteRay} ({@code absray}) and
 *       {@link #absoluteCameraToWorld} ({@code absc2w}).</li>
 *   <li>The other {@code camera_condition} values: {@link #cameraProjections} ({@code prope} with K,
 *       {@code gta} without) and {@link #recamPlucker}.</li>
 * </ul>
 *
 * @see #allocation(CameraView)
 */
public final class Ucpe {

    /** Reference defects, reproduced by default (the released checkpoints were trained with them). */
    public enum Quirk {
        /**
         * {@code compute_up_lat_map} writes the third Rodrigues term as {@code k ∘ (k · Σv)} (element-wise,
         * with the sum of v's components) instead of {@code k (k·v)}; k ⊥ v so the correct term is 0
         * (spec §5.3). Without the quirk the rotation is exact.
         */
        RODRIGUES_SUM_TERM,
        /**
         * {@code absc2w} subsamples the already subsampled latent poses again ({@code pose[:, ::4]} twice),
         * so it keeps latent frames 0, 4, 8, … (video frames 0, 16, 32, …); the model broadcasts each row
         * over {@code tokens / rows} tokens. Without the quirk there is one row per latent frame.
         */
        ABSC2W_DOUBLE_STRIDE
    }

    /** Wan2.1 VAE temporal compression: latent frames are every 4th video frame. */
    public static final int DEFAULT_TEMPORAL_STRIDE = 4;
    /** Small rotation towards world-up used to find the up direction in the image (radians). */
    public static final double DEFAULT_UP_DELTA = 0.1;

    private static final double[] WORLD_UP = {0, -1, 0};

    private final int headDim;
    private final int temporalStride;
    private final double upDelta;
    private final Set<Quirk> quirks;

    /**
     * @param headDim        attention head dimension of the UCPE self-attention (a multiple of 8;
     *                       Wan2.1-1.3B with {@code attn_compress = 8}: 192)
     * @param temporalStride video frames per latent frame (&gt; 0)
     * @param upDelta        rotation towards world-up for the up map, radians
     * @param quirks         reference defects to reproduce
     */
    public Ucpe(int headDim, int temporalStride, double upDelta, Set<Quirk> quirks) {
        if (temporalStride <= 0) {
            throw InvalidInputException.of("temporal_stride must be positive, got " + temporalStride);
        }
        if (!(upDelta > 0 && upDelta < Math.PI / 2)) {
            throw InvalidInputException.of("up_delta must be in (0, π/2), got " + upDelta);
        }
        if (headDim <= 0 || headDim % 8 != 0) {
            throw InvalidInputException.of("head_dim must be a positive multiple of 8, got " + headDim);
        }
        this.headDim = headDim;
        this.temporalStride = temporalStride;
        this.upDelta = upDelta;
        this.quirks = quirks.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(quirks));
    }

    /** The released pipeline: stride 4, δ = 0.1, both quirks reproduced. */
    public static Ucpe released(int headDim) {
        return new Ucpe(headDim, DEFAULT_TEMPORAL_STRIDE, DEFAULT_UP_DELTA, EnumSet.allOf(Quirk.class));
    }

    public Set<Quirk> quirks() {
        return quirks;
    }

    /** Every {@code temporalStride}-th frame, starting with frame 0. */
    public List<CameraView> latentFrames(List<CameraView> frames) {
        return everyNth(frames, temporalStride);
    }

    private static List<CameraView> everyNth(List<CameraView> frames, int n) {
        if (frames.isEmpty()) {
            throw InvalidInputException.of("camera views: at least one frame is required");
        }
        List<CameraView> out = new ArrayList<>();
        for (int i = 0; i < frames.size(); i += n) {
            out.add(frames.get(i));
        }
        return out;
    }

    /** Focal length in token (patch) units, what UCPE computes on its patch grid. */
    public static double focalInPatches(CameraView view) {
        return view.pixelIntrinsics("UCPE").fx() / view.stride();
    }

    /** Unit camera-frame rays of a view's token grid ({@code [rows, cols, 3]}, NaN outside the lens). */
    public static double[] cameraRays(CameraView view) {
        return RayCaster.cameraDirections(view, view.pixelIntrinsics("UCPE"), RayCaster.Sampling.PATCH_ORIGIN);
    }

    /** The PRoPE module UCPE's self-attention uses (frequency base 100, image size for K). */
    public Prope prope(CameraView view) {
        return new Prope(headDim, view.tokensX(), view.tokensY(), view.imageWidth(), view.imageHeight(),
                Prope.DEFAULT_FREQ_BASE, Prope.DEFAULT_FREQ_SCALE);
    }

    /**
     * Per token of the latent frames, the world→ray transform {@code [R_l2wᵀ | −R_l2wᵀ t]} (16 values each,
     * frames outer): ray frame {@code z = d_w}, {@code x = normalize(cam_y × z)}, {@code y = z × x} with
     * {@code d_w = R d}, {@code cam_y = R[:, 1]}; identity where the lens has no ray (spec §5.2).
     */
    public double[] rayViewmats(List<CameraView> latent) {
        LatentGrid g = LatentGrid.of(latent);
        double[] out = new double[16 * g.tokens()];
        double[] x = new double[3];
        double[] y = new double[3];
        double[] z = new double[3];
        for (int f = 0; f < latent.size(); f++) {
            double[] c2w = latent.get(f).pose().cameraToWorld();
            double[] rot = LinAlg.rotation(c2w);
            double[] t = LinAlg.translation(c2w);
            double[] camY = {rot[1], rot[4], rot[7]};
            double[] cam = cameraRays(latent.get(f));
            for (int i = 0; i < g.perFrame; i++) {
                int at = 16 * (f * g.perFrame + i);
                out[at + 15] = 1;
                if (noRay(cam, i)) {
                    out[at] = 1;
                    out[at + 5] = 1;
                    out[at + 10] = 1;
                    continue;
                }
                LinAlg.apply3(rot, false, cam[3 * i], cam[3 * i + 1], cam[3 * i + 2], z, 0);
                LinAlg.normalizeInPlace(z, 1e-6);
                LinAlg.cross(camY, z, x);
                LinAlg.normalizeInPlace(x, 1e-6);
                LinAlg.cross(z, x, y);
                LinAlg.normalizeInPlace(y, 1e-6);
                // Rows of the world→ray rotation are the ray axes; translation −R t.
                putRow(out, at, x, t);
                putRow(out, at + 4, y, t);
                putRow(out, at + 8, z, t);
            }
        }
        return out;
    }

    private static void putRow(double[] out, int at, double[] axis, double[] t) {
        out[at] = axis[0];
        out[at + 1] = axis[1];
        out[at + 2] = axis[2];
        out[at + 3] = -LinAlg.dot(axis, t);
    }

    private static boolean noRay(double[] cam, int i) {
        return Double.isNaN(cam[3 * i]) || Double.isNaN(cam[3 * i + 1]) || Double.isNaN(cam[3 * i + 2]);
    }

    /** Relative Ray Encoding: PRoPE per-token matrices of the world→ray transforms, no K. */
    public Prope.Projections relativeRays(List<CameraView> latent) {
        return prope(latent.get(0)).project(rayViewmats(latent), null, true);
    }

    /**
     * PRoPE per latent frame as the {@code prope} ({@code withK}: the views' pixel intrinsics, which UCPE
     * derives from the FOV) and {@code gta} (no K) camera conditions build it: viewmat = inverse c2w.
     */
    public Prope.Projections cameraProjections(List<CameraView> latent, boolean withK) {
        LatentGrid.of(latent);
        double[] viewmats = new double[16 * latent.size()];
        double[] ks = withK ? new double[4 * latent.size()] : null;
        for (int f = 0; f < latent.size(); f++) {
            System.arraycopy(latent.get(f).pose().worldToCamera(), 0, viewmats, 16 * f, 16);
            if (withK) {
                Intrinsics k = latent.get(f).pixelIntrinsics("UCPE prope");
                ks[4 * f] = k.fx();
                ks[4 * f + 1] = k.fy();
                ks[4 * f + 2] = k.cx();
                ks[4 * f + 3] = k.cy();
            }
        }
        return prope(latent.get(0)).project(viewmats, ks, false);
    }

    /**
     * Absolute Orientation Encoding ({@code absmap}, spec §5.3): per token {@code (up_u, up_v, latitude)},
     * float32, frames outer. Latitude {@code atan2(−Y_w, √(X_w² + Z_w²))} of the unit world ray (world up
     * = −Y); up = unit image-plane direction from the token towards the projection of the ray rotated by
     * δ towards world-up (Rodrigues about {@code k = normalize(d_w × (0, −1, 0))}). Zero outside the lens.
     */
    public float[] absoluteMap(List<CameraView> latent) {
        LatentGrid g = LatentGrid.of(latent);
        float[] out = new float[3 * g.tokens()];
        boolean quirk = quirks.contains(Quirk.RODRIGUES_SUM_TERM);
        double[] v = new double[3];
        double[] axis = new double[3];
        double[] kxv = new double[3];
        double[] rotated = new double[3];
        double[] d = new double[3];
        double[] xy = new double[2];
        for (int f = 0; f < latent.size(); f++) {
            CameraView view = latent.get(f);
            Intrinsics k = view.pixelIntrinsics("UCPE");
            double[] rot = LinAlg.rotation(view.pose().cameraToWorld());
            double[] cam = cameraRays(view);
            int cols = view.tokensX();
            int s = view.stride();
            for (int i = 0; i < g.perFrame; i++) {
                if (noRay(cam, i)) {
                    continue;
                }
                LinAlg.apply3(rot, false, cam[3 * i], cam[3 * i + 1], cam[3 * i + 2], v, 0);
                LinAlg.normalizeInPlace(v, 1e-8);
                double lat = Math.atan2(-v[1], Math.sqrt(v[0] * v[0] + v[2] * v[2]));
                LinAlg.cross(v, WORLD_UP, axis);
                LinAlg.normalizeInPlace(axis, 1e-8);
                LinAlg.cross(axis, v, kxv);
                rodrigues(v, axis, kxv, quirk, rotated);
                LinAlg.apply3(rot, true, rotated[0], rotated[1], rotated[2], d, 0);
                view.lens().project(d[0], d[1], d[2], xy);
                double du = k.fx() * xy[0] + k.cx() - (i % cols) * s;
                double dv = k.fy() * xy[1] + k.cy() - (i / cols) * s;
                double n = Math.max(Math.hypot(du, dv), 1e-8 * s);
                int at = 3 * (f * g.perFrame + i);
                out[at] = (float) (du / n);
                out[at + 1] = (float) (dv / n);
                out[at + 2] = (float) lat;
            }
        }
        return out;
    }

    /**
     * {@code v} rotated by δ about unit {@code axis} ⊥ v: {@code v cos δ + (k × v) sin δ + third (1 − cos δ)},
     * {@code third = k (k·v) = 0} exactly, or {@code k ∘ k · Σv} with {@link Quirk#RODRIGUES_SUM_TERM}.
     */
    private void rodrigues(double[] v, double[] axis, double[] kxv, boolean quirk, double[] out) {
        double cosD = Math.cos(upDelta);
        double sinD = Math.sin(upDelta);
        double sum = v[0] + v[1] + v[2];
        for (int a = 0; a < 3; a++) {
            double third = quirk ? axis[a] * axis[a] * sum : 0;
            out[a] = v[a] * cosD + kxv[a] * sinD + third * (1 - cosD);
        }
    }

    /** {@code absray}: the top three rows of each token's world→ray transform (12 values per token). */
    public float[] absoluteRay(List<CameraView> latent) {
        double[] m = rayViewmats(latent);
        int n = m.length / 16;
        float[] out = new float[12 * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 12; j++) {
                out[12 * i + j] = (float) m[16 * i + j];
            }
        }
        return out;
    }

    /**
     * {@code absc2w}: camera-to-world {@code [R | t]} rows (12 values) of the latent frames, one row per
     * {@code temporalStride}-th latent frame with {@link Quirk#ABSC2W_DOUBLE_STRIDE}, else per latent frame.
     */
    public float[] absoluteCameraToWorld(List<CameraView> latent) {
        List<CameraView> rows = quirks.contains(Quirk.ABSC2W_DOUBLE_STRIDE) ? everyNth(latent, temporalStride) : latent;
        float[] out = new float[12 * rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            double[] c2w = rows.get(r).pose().cameraToWorld();
            for (int j = 0; j < 12; j++) {
                out[12 * r + j] = (float) c2w[j];
            }
        }
        return out;
    }

    /** {@code recam_plucker}: UCPE's Plücker baseline on the token grid of the latent frames (6 per token). */
    public float[] recamPlucker(List<CameraView> latent) {
        LatentGrid.of(latent);
        return PluckerRays.ucpeBaseline().embed(latent);
    }

    /** Head dimensions: the PRoPE split (first half per-token ray transforms, then RoPE x, RoPE y). */
    public BlockAllocation allocation(CameraView view) {
        return prope(view).allocation();
    }

    /**
     * {@code d_cam_to_angles} (defined in {@code camera_control.py}, not called by the released pipeline):
     * per unit camera ray {@code (azimuth, elevation) = (atan2(x, z), −asin(y))}.
     */
    public static double[] azimuthElevation(double[] cameraRays) {
        int n = cameraRays.length / 3;
        double[] out = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double x = cameraRays[3 * i];
            double y = cameraRays[3 * i + 1];
            double z = cameraRays[3 * i + 2];
            double norm = Math.max(Math.sqrt(x * x + y * y + z * z), 1e-12);
            out[2 * i] = Math.atan2(x / norm, z / norm);
            out[2 * i + 1] = -Math.asin(y / norm);
        }
        return out;
    }

    /**
     * {@code rope_precompute_coeffs} (defined, unused by the released pipeline): RoPE cos (or sin) of angle
     * positions, {@code featDim/2} frequencies {@code scale · base^(−i/(featDim/2))}, NaN positions as 0,
     * float32 arithmetic; {@code [positions, featDim/2]}.
     */
    public static float[] angleRope(double[] positions, int featDim, double base, double scale, boolean sine) {
        if (featDim <= 0 || featDim % 2 != 0) {
            throw InvalidInputException.of("feat_dim must be positive and even, got " + featDim);
        }
        int f = featDim / 2;
        float[] freqs = CameraMath.ropeFrequencies(f, base, scale);
        float[] out = new float[positions.length * f];
        for (int p = 0; p < positions.length; p++) {
            float pos = Double.isNaN(positions[p]) ? 0f : (float) positions[p];
            for (int i = 0; i < f; i++) {
                float angle = pos * freqs[i];
                out[p * f + i] = sine ? CameraMath.sin(angle) : CameraMath.cos(angle);
            }
        }
        return out;
    }

    /** The token grid of the latent frames, which must share one (not the LLM grid of dev.posplan.multimodal). */
    private record LatentGrid(int frames, int perFrame) {
        static LatentGrid of(List<CameraView> latent) {
            if (latent.isEmpty()) {
                throw InvalidInputException.of("camera views: at least one latent frame is required");
            }
            CameraView v0 = latent.get(0);
            for (int f = 1; f < latent.size(); f++) {
                CameraView v = latent.get(f);
                if (v.tokensX() != v0.tokensX() || v.tokensY() != v0.tokensY() || v.imageWidth() != v0.imageWidth()
                        || v.imageHeight() != v0.imageHeight()) {
                    throw InvalidInputException.of("camera views: frame " + f + " differs from frame 0 in image "
                            + "size or token grid");
                }
            }
            return new LatentGrid(latent.size(), v0.tokens());
        }

        int tokens() {
            return frames * perFrame;
        }
    }
}
