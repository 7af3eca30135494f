package dev.posplan.planners.camera;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.planners.allocation.BlockAllocation;

import dev.posplan.multimodal.PromptPart;
import dev.posplan.multimodal.QwenFormats;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.multimodal.camera.CameraView;
import dev.posplan.multimodal.camera.LensModel;
import dev.posplan.multimodal.camera.Pose;
import dev.posplan.planners.OutputTensor;
import dev.posplan.planners.PositionPlan;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.SchemeRegistry;
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
        return new Gta.Config(Gta.Variant.NVS, dims.total(), dims, freqs, 1, 1, false, 0.01, true, euclid, compat,
                Gta.Precision.FLOAT32);
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
                true, false, Gta.Compat.RELEASED, Gta.Precision.FLOAT32)).contains("head_dim"));
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
                false, c.compat(), c.precision()));
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
        double[] m = reps.so2Matrices();
        // Token 4 = (1, 1), pair 1 = (f 0, column): angle 1 · 10000^0 = 1.
        int at = (4 * 4 + 1) * 4;
        assertArrayEquals(new double[] {(float) Math.cos(1), (float) -Math.sin(1), (float) Math.sin(1), (float) Math.cos(1)},
                java.util.Arrays.copyOfRange(m, at, at + 4), 1e-7);
        assertTrue(message(() -> gta.represent(List.of(view(3, 0, 2)))).contains("variant"));
    }

    /**
     * Large angles (max_freq 3π on rows, 10 on columns, coordinates near 1): the float32 angle
     * {@code fl(fl(max_freq·2π) · fl(coord·freq))} and the float64 one differ visibly. Expected values come from
     * numpy running the reference's operation order in each dtype (token (23, 31) of a 48×64 image at stride 2,
     * frequency 1: row coordinate fl32(47/48), column 63/64).
     */
    @Test
    void precisionDecidesTheSo2AngleAtLargeAngles() {
        Gta.Config c = new Gta.Config(Gta.Variant.NVS, 64, new Gta.FDims(0, 32, 0, 32, 0), 8, 3 * Math.PI, 10, false,
                0.01, true, false, Gta.Compat.RELEASED, Gta.Precision.FLOAT32);
        CameraView wide = new CameraView(64, 48, 2, 1, null, Pose.lookAt(new double[] {3, 0, 2}, new double[3], UP),
                LensModel.pinhole());
        Gta g32 = new Gta(c);
        Gta g64 = new Gta(c.withPrecision(Gta.Precision.FLOAT64));
        Gta.Reps r32 = g32.represent(List.of(wide));
        Gta.Reps r64 = g64.represent(List.of(wide));
        int token = 23 * 32 + 31;
        int row = (token * 16 + 14) * 4;
        int col = (token * 16 + 15) * 4;
        double[] m32 = r32.so2Matrices();
        double[] m64 = r64.so2Matrices();
        assertEquals(0.13512460887432098, m32[row], 0);
        assertEquals(0.9908286333084106, m32[row + 2], 0);
        assertEquals(0.13512246351729573, m64[row], 1e-15);
        assertEquals(0.9908289054387831, m64[row + 2], 1e-15);
        assertEquals(0.5555701851844788, m32[col], 0);
        assertEquals(-0.8314696550369263, m32[col + 2], 0);
        assertEquals(0.555570233019603, m64[col], 1e-15);
        assertEquals(-0.8314696123025447, m64[col + 2], 1e-15);

        // Rotated features move by ~2e-6 between the two, beyond a 1e-6 comparison.
        float[] q = random(768 * 64, 9);
        float[] q32 = g32.applyToQ(q, r32);
        float[] q64 = g64.applyToQ(q, r64);
        double worst = 0;
        for (int i = 0; i < q.length; i++) {
            worst = Math.max(worst, Math.abs(q32[i] - q64[i]));
        }
        assertTrue(worst > 1e-6, "float32 and float64 agree to " + worst);
    }

    /** With max_freq 1 and power-of-two images (the goldens' regime) the precisions agree to float32 rounding
     * (an angle ulp of ~1e-7 at most). */
    @Test
    void precisionsAgreeWhileAnglesStaySmall() {
        Gta g32 = new Gta(Gta.Config.clevrTr());
        Gta g64 = new Gta(Gta.Config.clevrTr().withPrecision(Gta.Precision.FLOAT64));
        List<CameraView> views = List.of(view(3, 0, 2), view(0, 3, 2));
        double[] m32 = g32.represent(views).so2Matrices();
        double[] m64 = g64.represent(views).so2Matrices();
        for (int i = 0; i < m32.length; i++) {
            assertEquals(m64[i], m32[i], 1e-7);
        }
    }

    /**
     * The {@code gta} scheme's {@code precision} parameter picks the SO(2) dtype: its {@code so2} tensor is
     * the library's table in that precision, rounded to float32 (float32 by default, as in training).
     */
    @Test
    void theSchemesPrecisionParameterPicksTheSo2Dtype() {
        CameraView a = CameraView.pinhole(448, 224, 14, 2, null,
                Pose.lookAt(new double[] {3, 0, 2}, new double[3], UP));
        CameraView b = CameraView.pinhole(448, 224, 14, 2, null,
                Pose.lookAt(new double[] {0, 3, 2}, new double[3], UP));
        TokenStream stream = QwenFormats.QWEN2_VL.expand(List.of(new PromptPart.Text(2), PromptPart.Image.posed(a),
                PromptPart.Image.posed(b)));
        float[] byDefault = so2(SchemeRegistry.create("gta").plan(stream));
        float[] f32 = so2(SchemeRegistry.create("gta", SchemeParams.of("precision", "float32")).plan(stream));
        float[] f64 = so2(SchemeRegistry.create("gta", SchemeParams.of("precision", "float64")).plan(stream));
        double[] lib32 = new Gta(Gta.Config.clevrTr()).represent(stream).so2Matrices();
        double[] lib64 = new Gta(Gta.Config.clevrTr().withPrecision(Gta.Precision.FLOAT64)).represent(stream)
                .so2Matrices();
        int differing = 0;
        for (int i = 0; i < lib32.length; i++) {
            assertEquals((float) lib32[i], byDefault[i], "float32 so2[" + i + "]");
            assertEquals((float) lib32[i], f32[i], "float32 so2[" + i + "]");
            assertEquals((float) lib64[i], f64[i], "float64 so2[" + i + "]");
            differing += f32[i] != f64[i] ? 1 : 0;
        }
        assertTrue(differing > 0, "float32 and float64 so2 tables are identical");
        assertEquals("float32", SchemeRegistry.create("gta").parameters().get("precision"));
        assertEquals("precision", assertThrows(SchemeParams.InvalidParameterException.class,
                () -> SchemeRegistry.create("gta", SchemeParams.of("precision", "float16"))).parameter());
    }

    private static float[] so2(PositionPlan plan) {
        return ((OutputTensor.F32) plan.tensors().stream().filter(t -> t.name().equals("so2")).findFirst()
                .orElseThrow()).data();
    }
}
