package dev.posplan.conformance;

import dev.posplan.multimodal.camera.CameraView;
import dev.posplan.multimodal.camera.Intrinsics;
import dev.posplan.multimodal.camera.LensModel;
import dev.posplan.multimodal.camera.Pose;
import dev.posplan.multimodal.camera.Re10kFrame;
import dev.posplan.planners.camera.PluckerRays.Channels;
import dev.posplan.planners.camera.PluckerRays;
import dev.posplan.planners.camera.PoseNormalisation;
import dev.posplan.planners.camera.RayGrid;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Checks {@code plucker/*.json} (golden/README-table-camera.md): CameraCtrl, LVSM, patch-centre, GBT and
 * UCPE Plücker embeddings, dispatched on the file's {@code scheme} and the inputs it records.
 */
final class PluckerChecker implements FolderChecker {

    @Override
    public void check(JsonNode g) {
        JsonNode in = g.get("inputs");
        switch (g.get("scheme").asString()) {
            case "plucker-cameractrl" -> {
                if (in.has("lines")) {
                    cameraCtrlRe10k(g, in);
                } else {
                    cameraCtrlCrossPitfall(g, in);
                }
            }
            case "plucker-lvsm" -> {
                if (g.has("c2w_normalized")) {
                    lvsmPreprocess(g, in);
                } else {
                    lvsmAllMethods(g, in);
                }
            }
            case "plucker-patch-centre" -> patchCentre(g, in);
            case "plucker-gbt" -> gbt(g, in);
            case "plucker-ucpe" -> ucpe(g, in);
            default -> throw new Mismatch("unknown scheme " + g.get("scheme").asString());
        }
    }

    /** 01: RealEstate10K lines, poses relative to frame 0, per-pixel {@code [o×d, d]}. */
    private static void cameraCtrlRe10k(JsonNode g, JsonNode in) {
        int h = in.get("H").asInt();
        int w = in.get("W").asInt();
        List<Re10kFrame> frames = new ArrayList<>();
        for (JsonNode line : in.get("lines").values()) {
            frames.add(Re10kFrame.parse(line.asString()));
        }
        List<Pose> rel = PoseNormalisation.relativeToFirst(frames.stream().map(Re10kFrame::pose).toList());
        List<CameraView> views = new ArrayList<>();
        List<double[]> k = new ArrayList<>();
        List<double[]> c2w = new ArrayList<>();
        for (int v = 0; v < frames.size(); v++) {
            Intrinsics px = frames.get(v).intrinsics().inPixels(w, h);
            k.add(new double[] {px.fx(), px.fy(), px.cx(), px.cy()});
            c2w.add(rel.get(v).cameraToWorld());
            views.add(CameraView.pinhole(w, h, 1, 1, frames.get(v).intrinsics(), rel.get(v)));
        }
        CameraGolden.near("K_pixels_fx_fy_cx_cy", g.get("K_pixels_fx_fy_cx_cy"), CameraGolden.concat(k));
        CameraGolden.near("c2w_relative", g.get("c2w_relative"), CameraGolden.concat(c2w));
        CameraGolden.near("plucker_BVHW6", g.get("plucker_BVHW6"), PluckerRays.cameraCtrl().embed(views));
    }

    /** 07: three views reproduce the {@code torch.cross} default-dim pitfall. */
    private static void cameraCtrlCrossPitfall(JsonNode g, JsonNode in) {
        List<CameraView> views = pixelViews(in.get("K"), in.get("c2w"), in.get("W").asInt(), in.get("H").asInt());
        PluckerRays correct = PluckerRays.cameraCtrl();
        PluckerRays asReleased = correct.withQuirk(PluckerRays.Quirk.CAMERACTRL_CROSS_FIRST_SIZE3_AXIS);
        float[] quirky = asReleased.embed(views);
        CameraGolden.near("plucker_as_computed", g.get("plucker_as_computed"), quirky);
        double[] moments = CameraGolden.columns(correct.embed(views), 6, 0, 3);
        CameraGolden.near("moment_with_dim_-1", g.get("moment_with_dim_-1"), moments);
        boolean same = java.util.Arrays.equals(CameraGolden.columns(quirky, 6, 0, 3), moments);
        Expect.bool("moments_match", g.get("moments_match").asBoolean(), same);
    }

    /** 02: LVSM rays (channel-major) and the three posed-input layouts. */
    private static void lvsmAllMethods(JsonNode g, JsonNode in) {
        int h = in.get("h").asInt();
        int w = in.get("w").asInt();
        List<CameraView> views = pixelViews(in.get("fxfycxcy"), in.get("c2w"), w, h);
        int v = views.size();
        int px = h * w;
        RayGrid rays = PluckerRays.lvsm(Channels.MOMENT_DIRECTION).rays(views);
        CameraGolden.near("ray_o", g.get("ray_o"), CameraGolden.channelMajor(rays.originsFloat32(), v, px, 3));
        CameraGolden.near("ray_d", g.get("ray_d"), CameraGolden.channelMajor(rays.directionsFloat32(), v, px, 3));
        JsonNode posed = g.get("posed");
        check(posed, "default_plucker", Channels.MOMENT_DIRECTION, rays, v, px);
        check(posed, "aug_plucker", Channels.MOMENT_DIRECTION_FOOT, rays, v, px);
        check(posed, "custom_plucker", Channels.DIRECTION_FOOT, rays, v, px);
        float[] lvsm = PluckerRays.lvsm(Channels.MOMENT_DIRECTION).embed(rays);
        float[] cameraCtrl = PluckerRays.cameraCtrl().embed(views);
        Expect.bool("equals_cameractrl_case01", g.get("equals_cameractrl_case01").asBoolean(),
                java.util.Arrays.equals(lvsm, cameraCtrl));
    }

    private static void check(JsonNode posed, String key, Channels c, RayGrid rays, int views, int pixels) {
        float[] emb = PluckerRays.lvsm(c).embed(rays);
        CameraGolden.near("posed." + key, posed.get(key), CameraGolden.channelMajor(emb, views, pixels, c.width()));
    }

    /** 03: LVSM mean-camera normalisation. */
    private static void lvsmPreprocess(JsonNode g, JsonNode in) {
        List<Pose> poses = CameraGolden.poses(in.get("c2w"), Pose.Direction.CAMERA_TO_WORLD);
        List<Pose> out = PoseNormalisation.lvsmMeanCamera(poses, in.get("scene_scale_factor").asDouble());
        CameraGolden.near("c2w_normalized", g.get("c2w_normalized"),
                CameraGolden.concat(out.stream().map(Pose::cameraToWorld).toList()));
    }

    /** 04, 05: one ray per ViT token through its patch centre; mean of the per-pixel directions. */
    private static void patchCentre(JsonNode g, JsonNode in) {
        int h = in.get("image_hw").get(0).asInt();
        int w = in.get("image_hw").get(1).asInt();
        int patch = in.get("patch").asInt();
        int merge = in.get("merge").asInt();
        double[] k = Golden.doubles(in.get("fxfycxcy_full"));
        Intrinsics intr = Intrinsics.pixels(k[0], k[1], k[2], k[3]);
        Pose pose = Pose.cameraToWorld(CameraGolden.matrix4(in.get("c2w")), Pose.Axes.OPENCV);
        CameraView view = CameraView.pinhole(w, h, patch, merge, intr, pose);
        Expect.scalar("stride", in.get("stride").asInt(), view.stride());
        int tokens = view.tokens();
        PluckerRays rule = PluckerRays.patchCentre();
        RayGrid rays = rule.rays(List.of(view));
        CameraGolden.near("token_ray_o", g.get("token_ray_o"), CameraGolden.channelMajor(rays.originsFloat32(), 1, tokens, 3));
        CameraGolden.near("token_ray_d", g.get("token_ray_d"), CameraGolden.channelMajor(rays.directionsFloat32(), 1, tokens, 3));
        CameraGolden.near("token_plucker_default", g.get("token_plucker_default"),
                CameraGolden.channelMajor(rule.embed(rays), 1, tokens, 6));
        CameraGolden.near("mean_of_pixel_dirs_unnormalized", g.get("mean_of_pixel_dirs_unnormalized"),
                CameraGolden.channelMajor(meanPixelDirections(view, intr, pose), 1, tokens, 3));
    }

    /** Per-token mean of the per-pixel unit directions (the comparison value of spec §7). */
    private static float[] meanPixelDirections(CameraView view, Intrinsics intr, Pose pose) {
        CameraView pixels = CameraView.pinhole(view.imageWidth(), view.imageHeight(), 1, 1, intr, pose);
        RayGrid rays = PluckerRays.lvsm(Channels.MOMENT_DIRECTION).rays(List.of(pixels));
        int s = view.stride();
        int cols = view.tokensX();
        double[] sum = new double[view.tokens() * 3];
        for (int y = 0; y < view.imageHeight(); y++) {
            for (int x = 0; x < view.imageWidth(); x++) {
                int token = (y / s) * cols + x / s;
                int p = y * view.imageWidth() + x;
                for (int a = 0; a < 3; a++) {
                    sum[3 * token + a] += rays.direction(p, a);
                }
            }
        }
        float[] out = new float[sum.length];
        for (int i = 0; i < sum.length; i++) {
            out[i] = (float) (sum[i] / (s * s));
        }
        return out;
    }

    /** 06: GBT ordering {@code [d̂, o×d̂]} of given (unnormalised) rays. */
    private static void gbt(JsonNode g, JsonNode in) {
        JsonNode rays = in.get("ray_origin_dir_HW6");
        int h = rays.size();
        int w = rays.get(0).size();
        double[] flat = Golden.flatten(rays);
        double[] o = new double[h * w * 3];
        double[] d = new double[h * w * 3];
        for (int i = 0; i < h * w; i++) {
            System.arraycopy(flat, 6 * i, o, 3 * i, 3);
            System.arraycopy(flat, 6 * i + 3, d, 3 * i, 3);
        }
        CameraGolden.near("plucker_d_oxd", g.get("plucker_d_oxd"), PluckerRays.gbt().embed(RayGrid.of(1, h, w, o, d)));
    }

    /** 08: UCPE {@code ray_condition_ucm} (integer grid, Rᵀ) next to CameraCtrl on the same camera. */
    private static void ucpe(JsonNode g, JsonNode in) {
        int h = in.get("H").asInt();
        int w = in.get("W").asInt();
        LensModel.UnifiedCamera lens = new LensModel.UnifiedCamera(in.get("xi").asDouble());
        Intrinsics ucm = lens.intrinsicsFromFov(in.get("x_fov").asDouble(), w, h);
        Expect.close("fx_pixels", in.get("fx_pixels").asDouble(), ucm.fx(), CameraGolden.ATOL);
        List<Pose> poses = CameraGolden.poses(in.get("pose_c2w"), Pose.Direction.CAMERA_TO_WORLD);
        List<CameraView> ucpeViews = new ArrayList<>();
        List<CameraView> ctrlViews = new ArrayList<>();
        for (Pose p : poses) {
            ucpeViews.add(new CameraView(w, h, 1, 1, ucm, p, lens));
            ctrlViews.add(CameraView.pinhole(w, h, 1, 1, Intrinsics.pixels(ucm.fx(), ucm.fx(), w / 2.0, h / 2.0), p));
        }
        CameraGolden.near("ucpe_plucker_VHW6", g.get("ucpe_plucker_VHW6"), PluckerRays.ucpeBaseline().embed(ucpeViews));
        CameraGolden.near("cameractrl_plucker_VHW6", g.get("cameractrl_plucker_VHW6"), PluckerRays.cameraCtrl().embed(ctrlViews));
    }

    /** Per-pixel pinhole views from {@code [fx, fy, cx, cy]} rows in pixels and camera-to-world matrices. */
    private static List<CameraView> pixelViews(JsonNode fxfycxcy, JsonNode c2w, int w, int h) {
        List<Pose> poses = CameraGolden.poses(c2w, Pose.Direction.CAMERA_TO_WORLD);
        List<CameraView> views = new ArrayList<>();
        for (int v = 0; v < poses.size(); v++) {
            double[] k = Golden.doubles(fxfycxcy.get(v));
            views.add(CameraView.pinhole(w, h, 1, 1, Intrinsics.pixels(k[0], k[1], k[2], k[3]), poses.get(v)));
        }
        return views;
    }
}
