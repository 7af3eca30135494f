package dev.posplan.planners.camera;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.multimodal.camera.CameraView;
import dev.posplan.multimodal.camera.LensModel;
import dev.posplan.multimodal.camera.LinAlg;
import dev.posplan.multimodal.camera.Pose;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UcpeTest {

    /** 32×32 video, 16-pixel tokens → 2×2 grid, fov 90°, ξ = 0 (spec §5.5). */
    private static CameraView frame(Pose pose, double xi, double fov) {
        LensModel.UnifiedCamera lens = new LensModel.UnifiedCamera(xi);
        return new CameraView(32, 32, 16, 1, lens.intrinsicsFromFov(fov, 32, 32), pose, lens);
    }

    private static Pose identity() {
        return Pose.cameraToWorld(LinAlg.identity4(), Pose.Axes.OPENCV);
    }

    @Test
    void workedExampleOfSpec55() {
        CameraView v = frame(identity(), 0, 90);
        assertEquals(1.0, Ucpe.focalInPatches(v), 1e-12);
        double[] rays = Ucpe.cameraRays(v);
        assertArrayEquals(new double[] {-0.5774, -0.5774, 0.5774}, Arrays.copyOfRange(rays, 0, 3), 1e-4);
        assertArrayEquals(new double[] {0, 0, 1}, Arrays.copyOfRange(rays, 9, 12), 1e-12);
        double[] m = Ucpe.released(16).rayViewmats(List.of(v));
        assertArrayEquals(new double[] {0.7071, 0, 0.7071, 0, -0.4082, 0.8165, 0.4082, 0, -0.5774, -0.5774, 0.5774, 0,
            0, 0, 0, 1}, Arrays.copyOfRange(m, 0, 16), 1e-4);
        assertArrayEquals(LinAlg.identity4(), Arrays.copyOfRange(m, 48, 64), 1e-12);
        float[] map = Ucpe.released(16).absoluteMap(List.of(v));
        assertEquals(0.6155, map[2], 1e-4);
        assertEquals(0.7854, map[5], 1e-4);
        assertEquals(0, map[11], 1e-6);
    }

    @Test
    void rodriguesQuirkTiltsTheCentreRayUpDirection() {
        CameraView v = frame(identity(), 0, 90);
        float[] released = Ucpe.released(16).absoluteMap(List.of(v));
        float[] exact = new Ucpe(16, 4, 0.1, Set.of(Ucpe.Quirk.ABSC2W_DOUBLE_STRIDE)).absoluteMap(List.of(v));
        // Token (1,1) looks along the optical axis: up is straight up the image without the quirk.
        assertArrayEquals(new float[] {0.05f, -0.9988f}, Arrays.copyOfRange(released, 9, 11), 1e-4f);
        assertArrayEquals(new float[] {0f, -1f}, Arrays.copyOfRange(exact, 9, 11), 1e-6f);
        assertEquals(released[11], exact[11], 0f, "latitude does not depend on the quirk");
    }

    @Test
    void absoluteCameraToWorldDoubleStrideKeepsEveryFourthLatentFrame() {
        List<CameraView> latent = new ArrayList<>();
        for (int f = 0; f < 9; f++) {
            latent.add(frame(PluckerRaysTest.rotY(0.05 * f, 0.1 * f, 0, 0), 0, 90));
        }
        float[] released = Ucpe.released(16).absoluteCameraToWorld(latent);
        float[] fixed = new Ucpe(16, 4, 0.1, Set.of(Ucpe.Quirk.RODRIGUES_SUM_TERM)).absoluteCameraToWorld(latent);
        assertEquals(3 * 12, released.length);
        assertEquals(9 * 12, fixed.length);
        assertArrayEquals(Arrays.copyOfRange(fixed, 4 * 12, 5 * 12), Arrays.copyOfRange(released, 12, 24), 0f);
    }

    @Test
    void latentFramesAreEveryFourthFrame() {
        List<CameraView> frames = new ArrayList<>();
        for (int f = 0; f < 81; f++) {
            frames.add(frame(PluckerRaysTest.rotY(0.01 * f, 0, 0, 0), 0, 90));
        }
        List<CameraView> latent = Ucpe.released(16).latentFrames(frames);
        assertEquals(21, latent.size());
        assertEquals(frames.get(80), latent.get(20));
    }

    @Test
    void relativeRaysIgnoreAWorldTransform() {
        double[] g = PluckerRaysTest.rotY(0.7, 1, -2, 0.5).cameraToWorld();
        List<CameraView> a = new ArrayList<>();
        List<CameraView> b = new ArrayList<>();
        for (int f = 0; f < 2; f++) {
            Pose p = PluckerRaysTest.rotY(0.2 * f, 0.3 * f, 0, 0);
            a.add(frame(p, 0.5, 120));
            b.add(frame(Pose.cameraToWorld(LinAlg.mul4(g, p.cameraToWorld()), Pose.Axes.OPENCV), 0.5, 120));
        }
        Ucpe ucpe = Ucpe.released(16);
        Prope prope = ucpe.prope(a.get(0));
        java.util.Random r = new java.util.Random(7);
        float[] q = new float[8 * 16];
        float[] k = new float[8 * 16];
        for (int i = 0; i < q.length; i++) {
            q[i] = (float) r.nextGaussian();
            k[i] = (float) r.nextGaussian();
        }
        double[] sa = scores(prope.applyToQ(q, ucpe.relativeRays(a)), prope.applyToKv(k, ucpe.relativeRays(a)));
        double[] sb = scores(prope.applyToQ(q, ucpe.relativeRays(b)), prope.applyToKv(k, ucpe.relativeRays(b)));
        assertArrayEquals(sa, sb, 1e-4);
    }

    private static double[] scores(float[] q, float[] k) {
        int n = q.length / 16;
        double[] s = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int c = 0; c < 16; c++) {
                    s[i * n + j] += q[i * 16 + c] * k[j * 16 + c];
                }
            }
        }
        return s;
    }

    @Test
    void raysOutsideTheLensGetIdentityAndZeros() {
        // ξ = 1.5 has rays only for r² ≤ 1/(ξ² − 1) = 0.8; a short focal length puts the corners beyond.
        CameraView v = new CameraView(64, 48, 16, 1, dev.posplan.multimodal.camera.Intrinsics.pixels(16, 16, 32, 24),
                identity(), new LensModel.UnifiedCamera(1.5));
        double[] rays = Ucpe.cameraRays(v);
        int missing = -1;
        for (int i = 0; i < rays.length / 3; i++) {
            if (Double.isNaN(rays[3 * i])) {
                missing = i;
                break;
            }
        }
        assertTrue(missing >= 0, "the corner tokens lie outside the lens");
        Ucpe ucpe = Ucpe.released(16);
        assertArrayEquals(LinAlg.identity4(), Arrays.copyOfRange(ucpe.rayViewmats(List.of(v)), 16 * missing,
                16 * missing + 16), 0);
        assertArrayEquals(new float[3], Arrays.copyOfRange(ucpe.absoluteMap(List.of(v)), 3 * missing, 3 * missing + 3), 0f);
    }

    @Test
    void badConfigurationsNameTheField() {
        Set<Ucpe.Quirk> all = EnumSet.allOf(Ucpe.Quirk.class);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Ucpe(16, 0, 0.1, all)).getMessage()
                .contains("temporal_stride"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Ucpe(20, 4, 0.1, all)).getMessage()
                .contains("head_dim"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Ucpe(16, 4, 0, all)).getMessage()
                .contains("up_delta"));
        List<CameraView> mixed = List.of(frame(identity(), 0, 90),
                new CameraView(64, 32, 16, 1, new LensModel.UnifiedCamera(0).intrinsicsFromFov(90, 64, 32), identity(),
                        new LensModel.UnifiedCamera(0)));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Ucpe.released(16).rayViewmats(mixed))
                .getMessage().contains("frame 1"));
    }
}
