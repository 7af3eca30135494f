package dev.posplan.conformance;

import dev.posplan.multimodal.camera.CameraView;
import dev.posplan.multimodal.camera.Intrinsics;
import dev.posplan.multimodal.camera.Pose;
import dev.posplan.planners.camera.Prope;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Checks {@code prope/*.json}: the per-camera (or per-token) projective matrices {@code P, Pᵀ, P⁻¹}, the
 * RoPE cos/sin tables, the q/k/v transforms, attention on posplan's transformed q/k/v against
 * {@code o_sdpa_reference}, and the output transform of the reference's attention output.
 */
final class PropeChecker implements FolderChecker {

    @Override
    public void check(JsonNode g) {
        JsonNode in = g.get("inputs");
        int hd = in.get("head_dim").asInt();
        int w = in.get("image_width").asInt();
        int h = in.get("image_height").asInt();
        int px = in.get("patches_x").asInt();
        int py = in.get("patches_y").asInt();
        boolean perToken = in.get("per_token_camera").asBoolean();
        JsonNode ks = in.get("Ks");
        Prope prope;
        Prope.Projections p;
        if (!perToken && w % px == 0 && h % py == 0 && w / px == h / py) {
            // Through the camera-view API: one view per camera, world-to-camera poses, K from the 3x3 matrix.
            List<CameraView> views = views(in.get("viewmats"), ks, w, h, w / px);
            prope = Prope.forViews(hd, views);
            p = prope.project(views);
        } else {
            prope = new Prope(hd, px, py, w, h, Prope.DEFAULT_FREQ_BASE, Prope.DEFAULT_FREQ_SCALE);
            p = prope.project(Golden.flatten(in.get("viewmats")), ks == null || ks.isNull() ? null : fxfycxcy(ks),
                    perToken);
        }
        check(g, prope, p, hd, ProjectiveTolerance.Matrices.of(g.get("P_image_from_world"), g.get("P_inv")));
    }

    /**
     * Matrices, RoPE tables and transforms; shared with the UCPE checker (same PRoPE module). Transformed
     * features are compared within {@link ProjectiveTolerance}: the difference between posplan's matrices and
     * {@code golden}'s (null when the file records none) pushed through the transform.
     */
    static void check(JsonNode g, Prope prope, Prope.Projections p, int hd, ProjectiveTolerance.Matrices golden) {
        if (g.has("P_image_from_world")) {
            CameraGolden.near("P_image_from_world", g.get("P_image_from_world"), all(p, 0));
            CameraGolden.near("P_T", g.get("P_T"), all(p, 1));
            CameraGolden.near("P_inv", g.get("P_inv"), all(p, 2));
        }
        if (g.has("rope_x_cos")) {
            Prope.Rope rope = prope.rope();
            CameraGolden.near("rope_x_cos", g.get("rope_x_cos"), rope.cosX());
            CameraGolden.near("rope_x_sin", g.get("rope_x_sin"), rope.sinX());
            CameraGolden.near("rope_y_cos", g.get("rope_y_cos"), rope.cosY());
            CameraGolden.near("rope_y_sin", g.get("rope_y_sin"), rope.sinY());
        }
        float[] q0 = CameraGolden.floats(g.get("q"));
        float[] k0 = CameraGolden.floats(g.get("k"));
        float[] v0 = CameraGolden.floats(g.get("v"));
        float[] o0 = CameraGolden.floats(g.get("o_sdpa_reference"));
        double[] sq = ProjectiveTolerance.slack(q0, prope, p, golden, ProjectiveTolerance.Transform.Q);
        double[] sk = ProjectiveTolerance.slack(k0, prope, p, golden, ProjectiveTolerance.Transform.KV);
        double[] sv = ProjectiveTolerance.slack(v0, prope, p, golden, ProjectiveTolerance.Transform.KV);
        float[] q = prope.applyToQ(q0, p);
        float[] k = prope.applyToKv(k0, p);
        float[] v = prope.applyToKv(v0, p);
        near("q_t", g.get("q_t"), q, sq);
        near("k_t", g.get("k_t"), k, sk);
        near("v_t", g.get("v_t"), v, sv);
        near("o_sdpa_reference (attention on posplan's q_t, k_t, v_t)", g.get("o_sdpa_reference"),
                Attention.softmax(q, k, v, hd, Attention.Similarity.DOT),
                ProjectiveTolerance.attentionSlack(q, k, v, sq, sk, sv, hd));
        near("o_t", g.get("o_t"), prope.applyToO(o0, p),
                ProjectiveTolerance.slack(o0, prope, p, golden, ProjectiveTolerance.Transform.O));
    }

    private static void near(String what, JsonNode expected, float[] actual, double[] slack) {
        Expect.near(what, expected, actual, CameraGolden.ATOL, CameraGolden.RTOL, slack);
    }

    private static double[] all(Prope.Projections p, int which) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < p.count(); i++) {
            out.add(which == 0 ? p.p(i) : which == 1 ? p.pTransposed(i) : p.pInv(i));
        }
        return CameraGolden.concat(out);
    }

    private static List<CameraView> views(JsonNode viewmats, JsonNode ks, int w, int h, int patch) {
        List<Pose> poses = CameraGolden.poses(viewmats, Pose.Direction.WORLD_TO_CAMERA);
        List<CameraView> out = new ArrayList<>();
        for (int c = 0; c < poses.size(); c++) {
            Intrinsics k = ks == null || ks.isNull() ? null
                    : Intrinsics.fromMatrix(CameraGolden.matrix3(ks.get(c)), Intrinsics.Units.PIXELS);
            out.add(CameraView.pinhole(w, h, patch, 1, k, poses.get(c)));
        }
        return out;
    }

    /** {@code [fx, fy, cx, cy]} of each 3x3 K. */
    static double[] fxfycxcy(JsonNode ks) {
        double[] out = new double[4 * ks.size()];
        for (int c = 0; c < ks.size(); c++) {
            double[][] k = CameraGolden.matrix3(ks.get(c));
            out[4 * c] = k[0][0];
            out[4 * c + 1] = k[1][1];
            out[4 * c + 2] = k[0][2];
            out[4 * c + 3] = k[1][2];
        }
        return out;
    }
}
