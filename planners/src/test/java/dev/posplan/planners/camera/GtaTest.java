package dev.posplan.planners.camera;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.planners.allocation.BlockAllocation;

import dev.posplan.multimodal.camera.CameraView;
import dev.posplan.multimodal.camera.LensModel;
import dev.posplan.multimodal.camera.Pose;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GtaTest {

    private static final double[] UP = {0, 0, 1};

    private static CameraView view(double x, double y, double z) {
        return new CameraView(16, 16, 8, 1, null, Pose.lookAt(new double[] {x, y, z}, new double[3], UP),
                LensModel.pinhole());
    }

    private static Gta.Config config(Gta.FDims dims, int freqs, boolean euclid, Gta.Compat compat) {
        return new Gta.Config(Gta.Variant.NVS, dims.total(), dims, freqs, 1, 1, false, 0.01, true, euclid, compat);
    }

    private static float[] random(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void releasedModeRejectsSe3WithoutSo2LikeTheReference() {
        Gta.FDims t2 = new Gta.FDims(2, 32, 0, 0, 30);
        String m = message(() -> config(t2, 0, false, Gta.Compat.RELEASED));
        assertTrue(m.contains("f_dims") && m.contains("NqTq"), m);
        Gta fixed = new Gta(config(t2, 0, false, Gta.Compat.FIXED));
        Gta.Reps reps = fixed.represent(List.of(view(3, 0, 2), view(0, 3, 2)));
        float[] x = random(8 * 64, 1);
        assertArrayEquals(x, fixed.applyToO(fixed.applyToV(x, reps), reps), 1e-4f);
    }

    @Test
    void unsupportedOrInconsistentDimsNameTheField() {
        assertTrue(message(() -> config(new Gta.FDims(0, 32, 8, 32, 0), 8, false, Gta.Compat.RELEASED)).contains("so3"));
        assertTrue(message(() -> config(new Gta.FDims(0, 32, 0, 30, 0), 8, false, Gta.Compat.RELEASED))
                .contains("f_dims.so2"));
        assertTrue(message(() -> config(new Gta.FDims(2, 30, 0, 32, 0), 8, false, Gta.Compat.RELEASED))
                .contains("f_dims.se3"));
        assertTrue(message(() -> config(new Gta.FDims(0, 32, 0, 32, 4), 8, false, Gta.Compat.FIXED)).contains("f_dims.t2"));
        assertTrue(message(() -> new Gta.Config(Gta.Variant.NVS, 60, new Gta.FDims(0, 32, 0, 32, 0), 8, 1, 1, false, 0.01,
                true, false, Gta.Compat.RELEASED)).contains("head_dim"));
        Gta gta = new Gta(Gta.Config.clevrTr());
        Gta.Reps reps = gta.represent(List.of(view(3, 0, 2)));
        assertTrue(message(() -> gta.applyToQ(new float[3 * 64], reps)).contains("3 tokens"));
    }

    @Test
    void scoresDependOnRelativePosesNotOnTheReferenceView() {
        Gta gta = new Gta(Gta.Config.clevrTr());
        CameraView a = view(3, 0, 2);
        CameraView b = view(0, 3, 2);
        Gta.Reps ab = gta.represent(List.of(a, b));
        Gta.Reps ba = gta.represent(List.of(b, a));
        float[] q = random(8 * 64, 2);
        float[] k = random(8 * 64, 3);
        double[] sab = scores(gta.applyToQ(q, ab), gta.applyToK(k, ab));
        // The same features in swapped view order: tokens 0..3 ↔ 4..7.
        double[] sba = scores(gta.applyToQ(swap(q), ba), gta.applyToK(swap(k), ba));
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                assertEquals(sab[i * 8 + j], sba[((i + 4) % 8) * 8 + (j + 4) % 8], 1e-4);
            }
        }
    }

    private static float[] swap(float[] x) {
        float[] out = new float[x.length];
        int half = x.length / 2;
        System.arraycopy(x, 0, out, half, half);
        System.arraycopy(x, half, out, 0, half);
        return out;
    }

    private static double[] scores(float[] q, float[] k) {
        int n = q.length / 64;
        double[] s = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int c = 0; c < 64; c++) {
                    s[i * n + j] += q[i * 64 + c] * k[j * 64 + c];
                }
            }
        }
        return s;
    }

    @Test
    void withoutValueTransformVAndOutputAreUntouched() {
        Gta.Config c = Gta.Config.clevrTr();
        Gta gta = new Gta(new Gta.Config(c.variant(), c.headDim(), c.fDims(), c.so2Freqs(), 1, 1, false, 0.01, false,
                false, c.compat()));
        Gta.Reps reps = gta.represent(List.of(view(3, 0, 2)));
        float[] x = random(4 * 64, 4);
        assertArrayEquals(x, gta.applyToV(x, reps), 0f);
        assertArrayEquals(x, gta.applyToO(x, reps), 0f);
    }

    @Test
    void layoutListsTheBlocksAndSo2Frequencies() {
        BlockAllocation l = new Gta(Gta.Config.clevrTr()).allocation();
        assertEquals(BlockAllocation.Component.MATRIX_4, l.blockAt(0).component());
        BlockAllocation.Block so2 = l.blockAt(32);
        assertEquals(BlockAllocation.Component.ROTATION_INTERLEAVED, so2.component());
        assertEquals(16, so2.frequency().length);
        assertEquals(2 * Math.PI / 128, so2.frequency()[0], 1e-6);
        assertEquals(2 * Math.PI, so2.frequency()[15], 1e-5);
        assertArrayEquals(new int[] {0, 1, 0, 1}, java.util.Arrays.copyOf(so2.axis(), 4));
    }

    @Test
    void ditIsTwoDimensionalRopeOnIntegerCoordinates() {
        Gta gta = new Gta(Gta.Config.dit(8, false));
        Gta.Reps reps = gta.representGrid(2, 3);
        assertArrayEquals(new float[] {0, 0, 0, 1, 0, 2, 1, 0, 1, 1, 1, 2}, reps.coordinates(), 0f);
        float[] m = reps.so2Matrices();
        // Token 4 = (1, 1), pair 1 = (f 0, column): angle 1 · 10000^0 = 1.
        int at = (4 * 4 + 1) * 4;
        assertArrayEquals(new float[] {(float) Math.cos(1), (float) -Math.sin(1), (float) Math.sin(1), (float) Math.cos(1)},
                java.util.Arrays.copyOfRange(m, at, at + 4), 1e-7f);
        assertTrue(message(() -> gta.represent(List.of(view(3, 0, 2)))).contains("variant"));
    }
}
