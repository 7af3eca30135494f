package dev.posplan.planners.camera;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.multimodal.camera.CameraView;
import dev.posplan.multimodal.camera.Intrinsics;
import dev.posplan.multimodal.camera.LensModel;
import dev.posplan.multimodal.camera.LinAlg;
import dev.posplan.multimodal.camera.Pose;
import dev.posplan.planners.camera.PluckerRays.Channels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PluckerRaysTest {

    static Pose rotY(double angle, double x, double y, double z) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        return Pose.cameraToWorld(LinAlg.rigid(new double[] {c, 0, s, 0, 1, 0, -s, 0, c}, new double[] {x, y, z}),
                Pose.Axes.OPENCV);
    }

    private static List<CameraView> views(int n, int w, int h) {
        List<CameraView> out = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            out.add(CameraView.pinhole(w, h, 1, 1, Intrinsics.pixels(4, 4, w / 2.0, h / 2.0),
                    rotY(0.2 * v, 0.5 * v, 0.1, -0.3)));
        }
        return out;
    }

    @Test
    void momentIsOrthogonalToDirectionAndDirectionIsUnit() {
        float[] e = PluckerRays.cameraCtrl().embed(views(2, 6, 4));
        for (int i = 0; i < e.length; i += 6) {
            double dot = e[i] * e[i + 3] + e[i + 1] * e[i + 4] + e[i + 2] * e[i + 5];
            assertEquals(0, dot, 1e-6, "o×d ⟂ d at token " + i / 6);
            double n = Math.sqrt(e[i + 3] * e[i + 3] + e[i + 4] * e[i + 4] + e[i + 5] * e[i + 5]);
            assertEquals(1, n, 1e-6);
        }
    }

    @Test
    void workedExampleOfSpec65() {
        // K fx=fy=2, cx=cy=1; c2w = RotY(90°) with centre (1,0,0); pixel (0,0) → [0,−0.2357,−0.2357, 0.9428,−0.2357,0.2357].
        CameraView v = CameraView.pinhole(2, 2, 1, 1, Intrinsics.pixels(2, 2, 1, 1), rotY(Math.PI / 2, 1, 0, 0));
        float[] e = PluckerRays.cameraCtrl().embed(List.of(v));
        assertArrayEquals(new float[] {0, -0.2357f, -0.2357f, 0.9428f, -0.2357f, 0.2357f},
                java.util.Arrays.copyOf(e, 6), 1e-4f);
    }

    @Test
    void gbtPutsTheNormalisedDirectionFirst() {
        RayGrid rays = RayGrid.of(1, 1, 1, new double[] {1, 2, 3}, new double[] {0, 0, 2});
        float[] e = PluckerRays.gbt().embed(rays);
        assertArrayEquals(new float[] {0, 0, 1, 2, -1, 0}, e, 0f);
        float[] m = PluckerRays.cameraCtrl().embed(rays);
        assertArrayEquals(new float[] {4, -2, 0, 0, 0, 2}, m, 0f);
    }

    @Test
    void lvsmFootIsTheNearestPointToTheOrigin() {
        RayGrid rays = RayGrid.of(1, 1, 1, new double[] {1, 2, 3}, new double[] {0, 0, 1});
        float[] e = PluckerRays.lvsm(Channels.DIRECTION_FOOT).embed(rays);
        assertArrayEquals(new float[] {0, 0, 1, 1, 2, 0}, e, 0f);
        assertEquals(9, PluckerRays.lvsm(Channels.MOMENT_DIRECTION_FOOT).embed(rays).length);
    }

    @Test
    void crossQuirkMixesViewsOnlyWithThreeViews() {
        PluckerRays ok = PluckerRays.cameraCtrl();
        PluckerRays quirky = ok.withQuirk(PluckerRays.Quirk.CAMERACTRL_CROSS_FIRST_SIZE3_AXIS);
        assertArrayEquals(ok.embed(views(2, 6, 4)), quirky.embed(views(2, 6, 4)), 0f);
        assertArrayEquals(ok.embed(views(4, 6, 4)), quirky.embed(views(4, 6, 4)), 0f);
        float[] a = ok.embed(views(3, 6, 4));
        float[] b = quirky.embed(views(3, 6, 4));
        assertFalse(java.util.Arrays.equals(a, b));
        // Directions are untouched; only the moment channels differ.
        for (int i = 0; i < a.length; i += 6) {
            assertArrayEquals(java.util.Arrays.copyOfRange(a, i + 3, i + 6), java.util.Arrays.copyOfRange(b, i + 3, i + 6), 0f);
        }
        // With H·W = 3 pixels the cross runs over the pixels.
        assertFalse(java.util.Arrays.equals(ok.embed(views(2, 3, 1)), quirky.embed(views(2, 3, 1))));
    }

    @Test
    void transposedRotationQuirkUsesTheInverseRotation() {
        CameraView v = new CameraView(4, 2, 1, 1, Intrinsics.pixels(2, 2, 2, 1), rotY(0.4, 1, 0, 0),
                LensModel.unified(0));
        RayGrid asReleased = PluckerRays.ucpeBaseline().rays(List.of(v));
        RayGrid correct = new PluckerRays(RayCaster.Sampling.PATCH_ORIGIN, Channels.MOMENT_DIRECTION,
                java.util.Set.of(), PluckerRays.IntrinsicsScaling.AS_GIVEN).rays(List.of(v));
        // The centre column ray (u = cx) points along the optical axis; R and Rᵀ tilt it opposite ways.
        int token = 2; // row 0, column 2
        assertEquals(correct.direction(token, 0), -asReleased.direction(token, 0), 1e-3);
    }

    @Test
    void raysOutsideTheLensEmbedAsZeros() {
        CameraView v = new CameraView(8, 8, 1, 1, Intrinsics.pixels(1, 1, 4, 4), rotY(0, 1, 2, 3),
                LensModel.unified(1.5));
        float[] e = PluckerRays.ucpeBaseline().embed(List.of(v));
        RayGrid rays = PluckerRays.ucpeBaseline().rays(List.of(v));
        assertTrue(Double.isNaN(rays.direction(0, 0)), "corner ray lies outside a ξ=1.5 lens");
        for (int c = 0; c < 6; c++) {
            assertEquals(0f, e[c]);
        }
    }

    @Test
    void lvsmIntendedRescaleScalesIntrinsicsToTheRayMap() {
        // Intrinsics of a 12x8 original (cx = 6, cy = 4) used on a 6x4 ray map.
        CameraView small = CameraView.pinhole(6, 4, 1, 1, Intrinsics.pixels(8, 8, 6, 4), rotY(0, 0, 0, 0));
        CameraView halved = CameraView.pinhole(6, 4, 1, 1, Intrinsics.pixels(4, 4, 3, 2), rotY(0, 0, 0, 0));
        PluckerRays lvsm = PluckerRays.lvsm(Channels.MOMENT_DIRECTION);
        float[] asRun = lvsm.embed(List.of(small));
        float[] intended = lvsm.withScaling(PluckerRays.IntrinsicsScaling.LVSM_INTENDED_RESCALE).embed(List.of(small));
        assertArrayEquals(lvsm.embed(List.of(halved)), intended, 0f);
        assertFalse(java.util.Arrays.equals(asRun, intended));
    }

    @Test
    void viewsMustShareATokenGrid() {
        List<CameraView> v = new ArrayList<>(views(1, 6, 4));
        v.addAll(views(1, 4, 4));
        String m = assertThrows(IllegalArgumentException.class, () -> PluckerRays.cameraCtrl().rays(v)).getMessage();
        assertTrue(m.contains("view 1"), m);
        CameraView noK = CameraView.pinhole(4, 4, 1, 1, null, rotY(0, 0, 0, 0));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PluckerRays.cameraCtrl().rays(List.of(noK))).getMessage().contains("intrinsics"));
    }

    @Test
    void relativePosesStartAtTheIdentity() {
        List<Pose> rel = PoseNormalisation.relativeToFirst(List.of(rotY(0.3, 1, 2, 3), rotY(0.5, 0, 1, 0)));
        assertArrayEquals(LinAlg.identity4(), rel.get(0).matrix(), 0);
        double[] expected = LinAlg.mul4(rotY(0.3, 1, 2, 3).worldToCamera(), rotY(0.5, 0, 1, 0).cameraToWorld());
        assertArrayEquals(expected, rel.get(1).matrix(), 1e-12);
    }
}
