package dev.posplan.conformance;

import dev.posplan.multimodal.camera.CameraView;
import dev.posplan.multimodal.camera.Intrinsics;
import dev.posplan.multimodal.camera.LensModel;
import dev.posplan.multimodal.camera.Pose;
import dev.posplan.planners.camera.Prope;
import dev.posplan.planners.camera.Ucpe;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Checks {@code ucpe/*.json}: the released pipeline's camera conditions ({@code relray*}, {@code prope},
 * {@code gta}, {@code recam_plucker}) from the per-frame poses, FOV and ξ; the helper functions file goes to
 * {@link UcpeHelpersCheck}.
 */
final class UcpeChecker implements FolderChecker {

    /** Wan2.1: VAE ×8 then DiT patch ×2, so one token per 16×16 pixels. */
    private static final int PIXELS_PER_TOKEN = 16;

    /** The absmap up direction comes from a difference of nearby projections: float32 cancellation. */
    private static final double UP_MAP_TOLERANCE = 1e-5;

    @Override
    public void check(JsonNode g) {
        if (g.get("case").asString().equals("helpers")) {
            UcpeHelpersCheck.check(g);
            return;
        }
        JsonNode in = g.get("inputs");
        String method = in.get("method").asString();
        List<CameraView> frames = frames(in);
        CameraView v0 = frames.get(0);
        Expect.scalar("patches_x", in.get("patches_x").asInt(), v0.tokensX());
        Expect.scalar("patches_y", in.get("patches_y").asInt(), v0.tokensY());
        CameraGolden.near("fx_patch_units", g.get("fx_patch_units"), new double[] {Ucpe.focalInPatches(v0)});
        CameraGolden.near("d_cam_patch_grid", g.get("d_cam_patch_grid"), Ucpe.cameraRays(v0));
        // recam_plucker runs no UCPE attention and records no head_dim; any valid one builds the module.
        int hd = g.has("head_dim") ? g.get("head_dim").asInt() : 8;
        Ucpe ucpe = Ucpe.released(hd);
        List<CameraView> latent = ucpe.latentFrames(frames);
        Prope prope = ucpe.prope(v0);
        if (method.startsWith("relray")) {
            // World→ray matrices: their translation column inherits the rotation rows' accepted difference.
            ProjectiveTolerance.matrices("viewmats", Golden.flatten(g.get("viewmats")), ucpe.rayViewmats(latent));
            absolute(g, method, ucpe, latent);
            PropeChecker.check(g, prope, ucpe.relativeRays(latent), hd,
                    ProjectiveTolerance.Matrices.ofViewmats(Golden.flatten(g.get("viewmats"))));
        } else if (method.equals("prope") || method.equals("gta")) {
            boolean withK = method.equals("prope");
            List<double[]> viewmats = new ArrayList<>();
            for (CameraView v : latent) {
                viewmats.add(v.pose().worldToCamera());
            }
            CameraGolden.near("viewmats", g.get("viewmats"), CameraGolden.concat(viewmats));
            if (withK) {
                CameraGolden.near("K", g.get("K"), CameraGolden.concat(
                        latent.stream().map(v -> v.pixelIntrinsics("K").matrix()).toList()));
            }
            // The file records the poses (and K) the matrices are built from, not P: no geometry slack.
            PropeChecker.check(g, prope, ucpe.cameraProjections(latent, withK), hd, null);
        } else if (method.equals("recam_plucker")) {
            CameraGolden.near("cam_emb", g.get("cam_emb"), ucpe.recamPlucker(latent));
        } else {
            throw new Mismatch("unknown UCPE method " + method);
        }
    }

    private static void absolute(JsonNode g, String method, Ucpe ucpe, List<CameraView> latent) {
        if (method.endsWith("absmap")) {
            float[] map = ucpe.absoluteMap(latent);
            double[] e = Golden.flatten(g.get("cam_emb"));
            Expect.near("cam_emb (up_u, up_v)", CameraGolden.columns(e, 3, 0, 2), CameraGolden.columns(map, 3, 0, 2),
                    UP_MAP_TOLERANCE, CameraGolden.RTOL);
            Expect.near("cam_emb (latitude)", CameraGolden.columns(e, 3, 2, 1), CameraGolden.columns(map, 3, 2, 1),
                    CameraGolden.ATOL, CameraGolden.RTOL);
        } else if (method.endsWith("absray")) {
            CameraGolden.near("cam_emb", g.get("cam_emb"), ucpe.absoluteRay(latent));
        } else if (method.endsWith("absc2w")) {
            CameraGolden.near("cam_emb", g.get("cam_emb"), ucpe.absoluteCameraToWorld(latent));
        } else if (g.has("cam_emb")) {
            throw new Mismatch("method " + method + " has a cam_emb posplan does not know");
        }
    }

    /** One view per video frame: image {@code width × height}, 16-pixel tokens, intrinsics from FOV and ξ. */
    private static List<CameraView> frames(JsonNode in) {
        int w = in.get("width").asInt();
        int h = in.get("height").asInt();
        LensModel.UnifiedCamera lens = new LensModel.UnifiedCamera(in.get("xi").asDouble());
        Intrinsics k = lens.intrinsicsFromFov(in.get("x_fov_deg").asDouble(), w, h);
        List<CameraView> out = new ArrayList<>();
        for (Pose p : CameraGolden.poses(in.get("pose_c2w_3x4"), Pose.Direction.CAMERA_TO_WORLD)) {
            out.add(new CameraView(w, h, PIXELS_PER_TOKEN, 1, k, p, lens));
        }
        Expect.scalar("num_frames", in.get("num_frames").asInt(), out.size());
        return out;
    }
}
