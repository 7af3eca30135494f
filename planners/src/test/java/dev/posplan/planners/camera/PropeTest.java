package dev.posplan.planners.camera;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.SchemeRegistry;
import dev.posplan.planners.allocation.BlockAllocation;

import dev.posplan.multimodal.camera.CameraView;
import dev.posplan.multimodal.camera.Intrinsics;
import dev.posplan.multimodal.camera.LinAlg;
import dev.posplan.multimodal.camera.Pose;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PropeTest {

    private static final int HD = 16;

    private static List<CameraView> views(double[] shift, boolean withK) {
        List<CameraView> out = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            Pose p = PluckerRaysTest.rotY(0.3 * c, c, 0.2 * c, -1);
            double[] c2w = LinAlg.mul4(shift, p.cameraToWorld());
            Intrinsics k = withK ? Intrinsics.pixels(30 + c, 28, 15 + c, 17) : null;
            out.add(CameraView.pinhole(48, 32, 16, 1, k, Pose.cameraToWorld(c2w, Pose.Axes.OPENCV)));
        }
        return out;
    }

    private static float[] random(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    private static double[] scores(float[] q, float[] k) {
        int n = q.length / HD;
        double[] s = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double a = 0;
                for (int c = 0; c < HD; c++) {
                    a += q[i * HD + c] * k[j * HD + c];
                }
                s[i * n + j] = a;
            }
        }
        return s;
    }

    @Test
    void scoresDependOnlyOnRelativeCamerasAndPatchOffsets() {
        float[] q = random(3 * 6 * HD, 1);
        float[] k = random(3 * 6 * HD, 2);
        for (boolean withK : new boolean[] {false, true}) {
            List<CameraView> a = views(LinAlg.identity4(), withK);
            List<CameraView> b = views(PluckerRaysTest.rotY(1.1, 5, -2, 3).cameraToWorld(), withK);
            Prope prope = Prope.forViews(HD, a);
            double[] sa = scores(prope.applyToQ(q, prope.project(a)), prope.applyToKv(k, prope.project(a)));
            double[] sb = scores(prope.applyToQ(q, prope.project(b)), prope.applyToKv(k, prope.project(b)));
            assertArrayEquals(sa, sb, 1e-4, "a world transform must not change the scores (K=" + withK + ")");
        }
    }

    @Test
    void outputTransformUndoesTheValueTransform() {
        List<CameraView> v = views(LinAlg.identity4(), true);
        Prope prope = Prope.forViews(HD, v);
        Prope.Projections p = prope.project(v);
        float[] x = random(3 * 6 * HD, 3);
        assertArrayEquals(x, prope.applyToO(prope.applyToKv(x, p), p), 1e-5f);
    }

    @Test
    void layoutSplitsTheHeadInHalfAndQuarters() {
        BlockAllocation l = new Prope(32, 3, 2, 48, 32, 100, 1).allocation();
        assertEquals(3, l.blocks().size());
        assertEquals(BlockAllocation.Component.MATRIX_4, l.blockAt(15).component());
        assertEquals(BlockAllocation.Component.ROTATION_SPLIT, l.blockAt(16).component());
        assertArrayEquals(new int[] {1, 1, 1, 1}, l.blockAt(16).axis());
        assertArrayEquals(new int[] {0, 0, 0, 0}, l.blockAt(31).axis());
        assertArrayEquals(new double[] {1, Math.pow(100, -0.25), 0.1, Math.pow(100, -0.75)}, l.blockAt(24).frequency(), 1e-7);
        assertEquals("[0, 16) MATRIX_4: q' = Pᵀq, k' = P⁻¹k, v' = P⁻¹v, o' = Po per 4-vector",
                l.describe().lines().findFirst().orElseThrow());
    }

    @Test
    void badConfigurationsNameTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Prope(12, 2, 2, 32, 32, 100, 1))
                .getMessage().contains("head_dim"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Prope(16, 0, 2, 32, 32, 100, 1))
                .getMessage().contains("patches_x"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Prope(16, 2, 2, 0, 32, 100, 1))
                .getMessage().contains("imageWidth=0"));
        Prope prope = new Prope(16, 2, 2, 32, 32, 100, 1);
        double[] bad = LinAlg.identity4();
        bad[0] = 2;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> prope.project(bad, null, false))
                .getMessage().contains("viewmats[0]"));
        double[] nan = LinAlg.identity4();
        nan[3] = Double.NaN;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> prope.project(nan, null, false))
                .getMessage().contains("viewmats[0][3]"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> prope.project(LinAlg.identity4(), new double[] {0, 32, 16, 16}, false))
                .getMessage().contains("singular"));
        Prope.Projections one = prope.project(LinAlg.identity4(), null, false);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> prope.applyToQ(new float[3 * 16], one))
                .getMessage().contains("3 tokens"));
    }

    @Test
    void intrinsicsForAllViewsOrNone() {
        List<CameraView> v = new ArrayList<>(views(LinAlg.identity4(), true));
        v.set(1, v.get(1).withPose(v.get(1).pose()));
        v.set(2, CameraView.pinhole(48, 32, 16, 1, null, v.get(2).pose()));
        Prope prope = Prope.forViews(HD, v);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> prope.project(v)).getMessage()
                .contains("view 2"));
    }

    @Test
    void aFreqBaseOutsideFloat32IsARefusedParameterNotABug() {
        for (double base : new double[] {1e308, 1e39, 1e-40, 0}) {
            SchemeParams.InvalidParameterException e = assertThrows(SchemeParams.InvalidParameterException.class,
                    () -> SchemeRegistry.create("prope", SchemeParams.of("freq_base", base)));
            assertEquals("freq_base", e.parameter());
        }
        SchemeRegistry.create("prope", SchemeParams.of("freq_base", 1e38));
    }
}
