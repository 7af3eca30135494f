package dev.posplan.conformance;

import dev.posplan.multimodal.camera.CameraView;
import dev.posplan.multimodal.camera.LensModel;
import dev.posplan.multimodal.camera.Pose;
import dev.posplan.planners.camera.Gta;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Checks {@code gta/*.json}: look-at extrinsics, relative transforms, token coordinates, SO(2) and SE(3)
 * representations, the q/k/v transforms and the output after attention (dot product, or
 * {@code −½|q − k|²} with {@code euclid_sim}) and the inverse transform; the DiT image branch; and the
 * {@code gta_t2} configuration the released encoder cannot run ({@code 07_t2_triv}).
 */
final class GtaChecker implements FolderChecker {

    /** {@code nerf.get_extrinsic}: z-up world. */
    private static final double[] WORLD_UP = {0, 0, 1};

    @Override
    public void check(JsonNode g) {
        if (g.get("scheme").asString().equals("gta-dit")) {
            dit(g);
        } else if (g.has("result")) {
            releasedFailure(g);
        } else {
            nvs(g);
        }
    }

    private static void nvs(JsonNode g) {
        JsonNode in = g.get("inputs");
        Gta gta = new Gta(config(in, Gta.Compat.RELEASED));
        List<CameraView> views = views(in);
        Gta.Reps reps = gta.represent(views);
        int n = views.size();
        CameraGolden.near("extrinsic_world_to_cam", g.get("extrinsic_world_to_cam"), each(n, reps::extrinsic));
        CameraGolden.near("input_transforms_rel", g.get("input_transforms_rel"), each(n, reps::relativeExtrinsic));
        CameraGolden.near("token_coord", g.get("token_coord"), reps.coordinates());
        double[] so2 = reps.so2Matrices();
        double[] tiled = new double[so2.length * n];
        for (int v = 0; v < n; v++) {
            System.arraycopy(so2, 0, tiled, v * so2.length, so2.length);
        }
        CameraGolden.near("so2rep_per_token", g.get("so2rep_per_token"), tiled);
        CameraGolden.near("se3rep_per_view_inv_extrinsic", g.get("se3rep_per_view_inv_extrinsic"), each(n, reps::se3));
        JsonNode t2 = g.path("t2rep_per_token");
        if (!t2.isMissingNode() && !t2.isNull()) {
            CameraGolden.near("t2rep_per_token", t2, t2Matrices(gta, reps));
        }
        transforms(g, gta, reps, gta.config().headDim(),
                gta.config().euclid() ? Attention.Similarity.NEGATIVE_HALF_SQUARED_DISTANCE : Attention.Similarity.DOT);
    }

    /**
     * The 3×3 T(2) matrix posplan applies to each token's k ({@code make_T2mats}: {@code [[1,0,0],[0,1,0],
     * [row,col,1]]}), read back from {@link Gta#applyToK} on unit vectors in the first 3-vector of the t2
     * block: {@code [V·T, 3, 3]} row-major.
     */
    static double[] t2Matrices(Gta gta, Gta.Reps reps) {
        Gta.FDims d = gta.config().fDims();
        if (d.t2() == 0) {
            throw new Mismatch("t2rep_per_token: the file gives T(2) matrices but method_args.f_dims has no t2");
        }
        int hd = gta.config().headDim();
        int from = d.triv() + d.se3() + d.so3() + d.so2();
        int n = reps.views() * reps.tokensPerView();
        double[] out = new double[9 * n];
        for (int col = 0; col < 3; col++) {
            float[] x = new float[n * hd];
            for (int i = 0; i < n; i++) {
                x[i * hd + from + col] = 1;
            }
            float[] y = gta.applyToK(x, reps);
            for (int i = 0; i < n; i++) {
                for (int row = 0; row < 3; row++) {
                    out[9 * i + 3 * row + col] = y[i * hd + from + row];
                }
            }
        }
        return out;
    }

    private static void transforms(JsonNode g, Gta gta, Gta.Reps reps, int hd, Attention.Similarity similarity) {
        float[] q = gta.applyToQ(CameraGolden.floats(g.get("q")), reps);
        float[] k = gta.applyToK(CameraGolden.floats(g.get("k")), reps);
        float[] v = gta.applyToV(CameraGolden.floats(g.get("v")), reps);
        CameraGolden.near("q_transformed", g.get("q_transformed"), q);
        CameraGolden.near("k_transformed", g.get("k_transformed"), k);
        CameraGolden.near("v_transformed", g.get("v_transformed"), v);
        float[] out = gta.applyToO(Attention.softmax(q, k, v, hd, similarity), reps);
        CameraGolden.near("out (attention on posplan's transforms, then ρ⁻¹)", g.get("out"), out);
    }

    /**
     * 11, 12: DiT image branch, {@code rep_mul_x} is the q (= k = v) transform. {@code v_transform} (the
     * inputs' or their {@code method_args}', default true as in the reference) does not change q.
     */
    private static void dit(JsonNode g) {
        JsonNode in = g.get("inputs");
        int hd = in.get("head_dim").asInt();
        boolean vTransform = in.path("v_transform")
                .asBoolean(in.path("method_args").path("v_transform").asBoolean(true));
        Gta gta = new Gta(Gta.Config.dit(hd, vTransform));
        Expect.scalar("nfreqs", in.get("nfreqs").asInt(), gta.config().so2Freqs());
        Gta.Reps reps = gta.representGrid(in.get("grid_hw").get(0).asInt(), in.get("grid_hw").get(1).asInt());
        CameraGolden.near("coord_unnormalized", g.get("coord_unnormalized"), reps.coordinates());
        CameraGolden.near("so2rep", g.get("so2rep"), reps.so2Matrices());
        CameraGolden.near("rep_mul_x", g.get("rep_mul_x"), gta.applyToQ(CameraGolden.floats(g.get("x")), reps));
    }

    /**
     * 07: {@code se3} without {@code so2} raises in the released encoder. posplan's {@link Gta.Compat#RELEASED}
     * mode must reject the file's configuration ({@code method_args}) with that explanation;
     * {@link Gta.Compat#FIXED} computes the intended transforms for the file's cameras (no reference numbers
     * exist, so the checker asserts that the output transform undoes the value transform).
     */
    private static void releasedFailure(JsonNode g) {
        JsonNode in = g.get("inputs");
        String result = g.get("result").asString();
        if (!result.contains("NqTq")) {
            throw new Mismatch("result: expected the documented NqTq failure, got " + result);
        }
        try {
            config(in, Gta.Compat.RELEASED);
            throw new Mismatch("result: the released mode accepted a configuration the reference cannot run");
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().contains("NqTq") || !e.getMessage().contains("f_dims")) {
                throw new Mismatch("result: error does not explain the released failure: " + e.getMessage());
            }
        }
        Gta fixed = new Gta(config(in, Gta.Compat.FIXED));
        List<CameraView> views = views(in);
        Gta.Reps reps = fixed.represent(views);
        int hd = fixed.config().headDim();
        float[] x = new float[hd * views.size() * views.get(0).tokens()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(0.37 * i);
        }
        float[] back = fixed.applyToO(fixed.applyToV(x, reps), reps);
        double[] a = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            a[i] = back[i];
        }
        Expect.near("fixed mode: o-transform of the v-transform", toDoubles(x), a, 1e-5, 1e-5);
    }

    private static double[] toDoubles(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    /**
     * The file's configuration, in float64: the generator drew q/k/v (and so the coordinates the angles are
     * formed from) as float64 tensors (table-camera.md §3.2).
     */
    private static Gta.Config config(JsonNode in, Gta.Compat compat) {
        JsonNode a = in.get("method_args");
        JsonNode f = a.get("f_dims");
        Gta.FDims dims = new Gta.FDims(f.path("triv").asInt(0), f.path("se3").asInt(0), f.path("so3").asInt(0),
                f.path("so2").asInt(0), f.path("t2").asInt(0));
        int so2 = a.get("so2").isNumber() ? a.get("so2").asInt() : 0;
        boolean euclid = a.path("euclid_sim").asBoolean(false);
        if (in.has("euclid") && in.get("euclid").asBoolean() != euclid) {
            throw new Mismatch("inputs.euclid disagrees with method_args.euclid_sim");
        }
        int hd = in.has("head_dim") ? in.get("head_dim").asInt() : dims.total();
        return new Gta.Config(Gta.Variant.NVS, hd, dims, so2, a.get("max_freq_h").asDouble(),
                a.get("max_freq_w").asDouble(), a.path("shared_freqs").asBoolean(false),
                in.path("trans_coeff").asDouble(0.01), a.path("v_transform").asBoolean(true), euclid, compat,
                Gta.Precision.FLOAT64);
    }

    /**
     * Cameras of a file that records none ({@code 07}): the generator's default pair, as recorded in
     * {@code 01} ((3, 0, 2) and (0, 3, 2) looking at the origin).
     */
    private static final double[][] DEFAULT_CAMERAS = {{3, 0, 2}, {0, 3, 2}};

    /**
     * One view per camera position ({@code camera_positions_world}, else {@link #DEFAULT_CAMERAS}), looking at
     * {@code look_at} (default the origin); tokens every 2^downsample_steps pixels.
     */
    private static List<CameraView> views(JsonNode in) {
        int h = in.get("image_hw").get(0).asInt();
        int w = in.get("image_hw").get(1).asInt();
        int stride = 1 << in.get("downsample_steps").asInt();
        double[] target = in.has("look_at") ? Golden.doubles(in.get("look_at")) : new double[3];
        List<double[]> eyes = new ArrayList<>();
        if (in.has("camera_positions_world")) {
            in.get("camera_positions_world").values().forEach(eye -> eyes.add(Golden.doubles(eye)));
        } else {
            eyes.addAll(List.of(DEFAULT_CAMERAS));
        }
        List<CameraView> out = new ArrayList<>();
        for (double[] eye : eyes) {
            Pose p = Pose.lookAt(eye, target, WORLD_UP);
            out.add(new CameraView(w, h, stride, 1, null, p, LensModel.pinhole()));
        }
        return out;
    }

    private static double[] each(int n, java.util.function.IntFunction<double[]> f) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(f.apply(i));
        }
        return CameraGolden.concat(out);
    }
}
