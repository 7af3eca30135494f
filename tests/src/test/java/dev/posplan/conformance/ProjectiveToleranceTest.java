package dev.posplan.conformance;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.multimodal.camera.CameraView;
import dev.posplan.multimodal.camera.Intrinsics;
import dev.posplan.multimodal.camera.LensModel;
import dev.posplan.multimodal.camera.Pose;
import dev.posplan.planners.camera.Prope;
import dev.posplan.planners.camera.Ucpe;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The geometry-derived tolerance of PRoPE/UCPE transforms. A stand-in "reference" is posplan on geometry
 * moved by one float32 ulp (what torch's float32 {@code sinf} may do to {@code fx}), written to 7 decimals
 * as the golden files are: it must pass on ill-conditioned wide-FOV UCM cameras (ξ > 1, rays turning NaN
 * nearby) with large |q|, and a wrong convention or a wrong element must still fail.
 */
class ProjectiveToleranceTest {

    private static final int HD = 16;
    private static final double[] UP = {0, -1, 0};

    /** One frame of a UCM camera of the given FOV; {@code fxUlps} float32 ulps added to the focal length. */
    private static List<CameraView> ucm(int w, int h, double xi, double fov, int fxUlps, double cxShift) {
        LensModel.UnifiedCamera lens = new LensModel.UnifiedCamera(xi);
        Intrinsics k = lens.intrinsicsFromFov(fov, w, h);
        float fx = (float) k.fx();
        for (int i = 0; i < fxUlps; i++) {
            fx = Math.nextUp(fx);
        }
        double f = fxUlps == 0 ? k.fx() : fx;
        Intrinsics moved = Intrinsics.pixels(f, f, k.cx() + cxShift, k.cy());
        Pose pose = Pose.lookAt(new double[] {0.3, -0.2, -2}, new double[] {0.1, 0, 0}, UP);
        return List.of(new CameraView(w, h, 16, 1, moved, pose, lens));
    }

    private static float[] random(int n, double scale, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian() * scale);
        }
        return x;
    }

    /** As a golden file stores values: 7 decimals, NaN kept. */
    private static JsonNode file(float[] values) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (float v : values) {
            a.add(Double.isNaN(v) ? Double.NaN : Math.round(v * 1e7) / 1e7);
        }
        return a;
    }

    private static JsonNode file(double[] values) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (double v : values) {
            a.add(Double.isNaN(v) ? Double.NaN : Math.round(v * 1e7) / 1e7);
        }
        return a;
    }

    /** posplan's q_t against the moved-geometry "reference" q_t, with the slack from the reference's matrices. */
    private static void checkUcm(int w, int h, double xi, double fov, double qScale, boolean wrongTranspose,
            int corrupt) {
        Ucpe ucpe = Ucpe.released(HD);
        List<CameraView> mine = ucpe.latentFrames(ucm(w, h, xi, fov, 0, 0));
        List<CameraView> ref = ucpe.latentFrames(ucm(w, h, xi, fov, 1, 0));
        Prope prope = ucpe.prope(mine.get(0));
        Prope.Projections pMine = ucpe.relativeRays(mine);
        Prope.Projections pRef = ucpe.relativeRays(ref);
        double[] refViewmats = Golden.flatten(file(ucpe.rayViewmats(ref)));
        ProjectiveTolerance.Matrices golden = ProjectiveTolerance.Matrices.ofViewmats(refViewmats);
        float[] q = random(prope.tokensPerImage() * HD, qScale, 5);
        float[] expected = prope.applyToQ(q, pRef);
        if (corrupt >= 0) {
            expected[corrupt] += 1e-4f;
        }
        float[] actual = wrongTranspose ? prope.applyToKv(q, pMine) : prope.applyToQ(q, pMine);
        double[] slack = ProjectiveTolerance.slack(q, prope, pMine, golden, ProjectiveTolerance.Transform.Q);
        Expect.near("q_t", file(expected), actual, CameraGolden.ATOL, CameraGolden.RTOL, slack);
    }

    private static int nanRays(int w, int h, double xi, double fov) {
        double[] rays = Ucpe.cameraRays(ucm(w, h, xi, fov, 0, 0).get(0));
        int n = 0;
        for (int i = 0; i < rays.length; i += 3) {
            n += Double.isNaN(rays[i]) ? 1 : 0;
        }
        return n;
    }

    @Test
    void wideFovUnifiedCamerasPassWithinTheirGeometrySlack() {
        // xi 3 (landscape) and 2.5 (portrait): rays exist only for r² < 1/(ξ² − 1), the corners lose theirs
        assertTrue(nanRays(160, 96, 3.0, 178) > 0, "landscape 178° has NaN rays");
        assertTrue(nanRays(96, 160, 2.5, 178) > 0, "portrait 178° has NaN rays");
        for (double fov : new double[] {150, 170, 178}) {
            // landscape and portrait, xi > 1: the outer rays leave the lens' valid cone (NaN) near the edge,
            // |q| ~ 30
            for (double xi : new double[] {1.5, 2.5, 3.0}) {
                String at = "fov " + fov + " xi " + xi;
                assertDoesNotThrow(() -> checkUcm(160, 96, xi, fov, 30, false, -1), "landscape " + at);
                assertDoesNotThrow(() -> checkUcm(96, 160, xi, fov, 30, false, -1), "portrait " + at);
            }
        }
    }

    @Test
    void aWrongConventionOrElementStillFails() {
        assertThrows(Mismatch.class, () -> checkUcm(160, 96, 1.5, 170, 30, true, -1), "P instead of Pᵀ");
        assertThrows(Mismatch.class, () -> checkUcm(160, 96, 1.5, 170, 30, false, 3), "one element 1e-4 off");
        assertThrows(Mismatch.class, () -> checkUcm(96, 160, 1.2, 170, 1, false, 17), "one element, small |q|");
    }

    @Test
    void matricesFromAnotherConventionGetNoSlack() {
        Ucpe ucpe = Ucpe.released(HD);
        List<CameraView> mine = ucpe.latentFrames(ucm(160, 96, 1.5, 170, 0, 0));
        // principal point half a pixel off: a convention error, not a rounding difference
        List<CameraView> other = ucpe.latentFrames(ucm(160, 96, 1.5, 170, 0, 0.5));
        Prope prope = ucpe.prope(mine.get(0));
        ProjectiveTolerance.Matrices golden = ProjectiveTolerance.Matrices.ofViewmats(ucpe.rayViewmats(other));
        float[] q = random(prope.tokensPerImage() * HD, 30, 5);
        Mismatch m = assertThrows(Mismatch.class, () -> ProjectiveTolerance.slack(q, prope, ucpe.relativeRays(mine),
                golden, ProjectiveTolerance.Transform.Q));
        assertTrue(m.getMessage().contains("accepted matrix difference"), m.getMessage());
    }

    /** The slack is what the moved geometry needs: without it, large |q| on a wide UCM fails a fixed 1e-6. */
    @Test
    void aFixedToleranceIsTheWrongInstrumentThere() {
        Ucpe ucpe = Ucpe.released(HD);
        List<CameraView> mine = ucpe.latentFrames(ucm(160, 96, 1.5, 178, 0, 0));
        List<CameraView> ref = ucpe.latentFrames(ucm(160, 96, 1.5, 178, 1, 0));
        Prope prope = ucpe.prope(mine.get(0));
        float[] q = random(prope.tokensPerImage() * HD, 30, 5);
        float[] expected = prope.applyToQ(q, ucpe.relativeRays(ref));
        float[] actual = prope.applyToQ(q, ucpe.relativeRays(mine));
        double worst = 0;
        for (int i = 0; i < q.length; i++) {
            if (!Float.isNaN(expected[i])) {
                worst = Math.max(worst, Math.abs(expected[i] - actual[i]) - 1e-6 * Math.abs(expected[i]));
            }
        }
        assertTrue(worst > 1e-6, "moved geometry changed q_t by only " + worst);
    }

    /** PRoPE with off-centre principal points: float32-rounded intrinsics pass, a mirrored cx fails. */
    @Test
    void propeOffCentrePrincipalPoints() {
        int w = 96;
        int h = 64;
        Prope prope = new Prope(HD, 6, 4, w, h, Prope.DEFAULT_FREQ_BASE, Prope.DEFAULT_FREQ_SCALE);
        Pose a = Pose.lookAt(new double[] {2, 0.5, -3}, new double[3], UP);
        Pose b = Pose.lookAt(new double[] {-1.5, 0.2, -2.5}, new double[3], UP);
        double[] viewmats = CameraGolden.concat(List.of(a.worldToCamera(), b.worldToCamera()));
        double[] ks = {71.3, 69.9, 12.25, 51.5, 40.1, 44.7, 80.6, 9.75};
        double[] ks32 = new double[ks.length];
        double[] mirrored = ks.clone();
        for (int i = 0; i < ks.length; i++) {
            ks32[i] = (float) ks[i];
        }
        mirrored[2] = w - ks[2];
        Prope.Projections mine = prope.project(viewmats, ks, false);
        Prope.Projections ref = prope.project(viewmats, ks32, false);
        ProjectiveTolerance.Matrices golden = matrices(ref);
        float[] k = random(2 * prope.tokensPerImage() * HD, 20, 11);
        double[] slack = ProjectiveTolerance.slack(k, prope, mine, golden, ProjectiveTolerance.Transform.KV);
        assertDoesNotThrow(() -> Expect.near("k_t", file(prope.applyToKv(k, ref)), prope.applyToKv(k, mine),
                CameraGolden.ATOL, CameraGolden.RTOL, slack));
        assertThrows(Mismatch.class, () -> ProjectiveTolerance.slack(k, prope, prope.project(viewmats, mirrored, false),
                golden, ProjectiveTolerance.Transform.KV));
        assertThrows(Mismatch.class, () -> Expect.near("k_t", file(prope.applyToKv(k, ref)), prope.applyToQ(k, mine),
                CameraGolden.ATOL, CameraGolden.RTOL, slack));
    }

    private static ProjectiveTolerance.Matrices matrices(Prope.Projections p) {
        double[] pm = new double[16 * p.count()];
        double[] pi = new double[16 * p.count()];
        for (int i = 0; i < p.count(); i++) {
            System.arraycopy(p.p(i), 0, pm, 16 * i, 16);
            System.arraycopy(p.pInv(i), 0, pi, 16 * i, 16);
        }
        double[] rounding = new double[pi.length];
        java.util.Arrays.fill(rounding, ProjectiveTolerance.FILE_ROUNDING);
        return new ProjectiveTolerance.Matrices(Golden.flatten(file(pm)), Golden.flatten(file(pi)), rounding);
    }
}
