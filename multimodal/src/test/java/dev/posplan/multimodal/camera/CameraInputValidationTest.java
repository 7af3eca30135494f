package dev.posplan.multimodal.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Bad camera inputs fail with a message naming the offending field. */
class CameraInputValidationTest {

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void fovBeyondThePinholeLimitNamesTheFovNotTheFocal() {
        LensModel.UnifiedCamera pinhole = new LensModel.UnifiedCamera(0);
        for (double fov : new double[] {180, 200, 359}) {
            String m = message(() -> pinhole.focalFromFov(fov, 52));
            assertTrue(m.contains("x_fov_deg") && m.contains("lens.xi"), m);
            String k = message(() -> pinhole.intrinsicsFromFov(fov, 52, 52));
            assertTrue(k.contains("x_fov_deg") && !k.contains("intrinsics.fx"), k);
        }
        for (double fov : new double[] {0, -10, 360, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertTrue(message(() -> pinhole.focalFromFov(fov, 52)).contains("x_fov_deg"), "fov " + fov);
        }
    }

    @Test
    void fisheyeLensesAcceptFovsUpToTheirLimit() {
        // cos θ + ξ > 0: ξ = 0.5 sees up to 240°, ξ ≥ 1 up to 360°.
        LensModel.UnifiedCamera half = new LensModel.UnifiedCamera(0.5);
        assertEquals(240, half.maxFovDegrees(), 1e-12);
        double fx = half.focalFromFov(200, 52);
        assertTrue(fx > 0);
        assertEquals(200, half.fovFromFocal(fx, 52), 1e-9);
        assertTrue(message(() -> half.focalFromFov(250, 52)).contains("x_fov_deg"));
        LensModel.UnifiedCamera wide = new LensModel.UnifiedCamera(1.5);
        assertTrue(wide.focalFromFov(300, 52) > 0);
        assertEquals(360, wide.maxFovDegrees());
    }

    @Test
    void fovHelpersRejectBadWidthAndFocal() {
        LensModel.UnifiedCamera lens = new LensModel.UnifiedCamera(0.8);
        for (double w : new double[] {0, -52, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertTrue(message(() -> lens.focalFromFov(90, w)).contains("width"), "width " + w);
            assertTrue(message(() -> lens.fovFromFocal(30, w)).contains("width"), "width " + w);
        }
        for (double fx : new double[] {0, -30, Double.NaN, Double.NEGATIVE_INFINITY}) {
            String m = message(() -> lens.fovFromFocal(fx, 52));
            assertTrue(m.startsWith("fx"), m);
        }
        assertTrue(message(() -> lens.intrinsicsFromFov(90, 0, 32)).contains("width"));
        String h = message(() -> lens.intrinsicsFromFov(90, 32, -2));
        assertTrue(h.contains("height"), h);
        assertFalse(h.contains("intrinsics"), h);
    }

    @Test
    void lookAtWithEyeOnTheTargetSaysSo() {
        String m = message(() -> Pose.lookAt(new double[] {1, 2, 3}, new double[] {1, 2, 3}, new double[] {0, 0, 1}));
        assertTrue(m.contains("eye") && m.contains("target") && m.contains("coincide"), m);
        assertFalse(m.contains("pose.matrix"), m);
    }

    @Test
    void lookAtWithUpAlongTheViewSaysSo() {
        double[] eye = {0, 0, 5};
        double[] target = {0, 0, 0};
        for (double[] up : new double[][] {{0, 0, 1}, {0, 0, -2}, {0, 0, 0}}) {
            String m = message(() -> Pose.lookAt(eye, target, up));
            assertTrue(m.contains("up") && m.contains("parallel"), m);
            assertFalse(m.contains("pose.matrix"), m);
        }
        // A slightly tilted up is fine.
        Pose p = Pose.lookAt(eye, target, new double[] {0, 1e-3, 1});
        assertEquals(1, LinAlg.determinant3(LinAlg.rotation(p.matrix())), 1e-12);
    }

    @Test
    void lookAtRejectsMalformedVectors() {
        double[] ok = {0, 0, 1};
        assertTrue(message(() -> Pose.lookAt(new double[] {Double.NaN, 0, 0}, ok, new double[] {0, 1, 0}))
                .contains("eye[0]"));
        assertTrue(message(() -> Pose.lookAt(new double[3], new double[] {1, 0}, ok)).contains("target"));
        assertTrue(message(() -> Pose.lookAt(new double[3], ok, new double[] {0, Double.POSITIVE_INFINITY, 0}))
                .contains("up[1]"));
    }

    private static final String RE10K_POSE = " 1 0 0 0.1 0 1 0 0.2 0 0 1 0.3";

    @Test
    void re10kTimestampThatIsNotAnIntegerNamesFieldAndLine() {
        String line = "17173.5 0.49 0.88 0.5 0.5 0 0" + RE10K_POSE;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Re10kFrame.parse(line));
        assertTrue(e.getMessage().contains("timestamp") && e.getMessage().contains(line), e.getMessage());
        String overflow = message(() -> Re10kFrame.parse("99999999999999999999 0.49 0.88 0.5 0.5 0 0" + RE10K_POSE));
        assertTrue(overflow.contains("timestamp"), overflow);
    }

    @Test
    void re10kBadNumbersNameTheirField() {
        String m = message(() -> Re10kFrame.parse("1 0.49 0.88 x 0.5 0 0" + RE10K_POSE));
        assertTrue(m.contains("field 3 (cx)") && m.contains("\"1 0.49"), m);
        String w = message(() -> Re10kFrame.parse("1 0.49 0.88 0.5 0.5 0 0 1 0 0 0.1 0 1 0 y 0 0 1 0.3"));
        assertTrue(w.contains("w2c[1][3]"), w);
    }

    @Test
    void re10kInvalidValuesQuoteTheLine() {
        String line = "5 0 0.88 0.5 0.5 0 0" + RE10K_POSE;
        String m = message(() -> Re10kFrame.parse(line));
        assertTrue(m.contains("intrinsics.fx") && m.contains(line), m);
        String nan = message(() -> Re10kFrame.parse("5 0.49 0.88 0.5 0.5 0 0 1 0 0 NaN 0 1 0 0.2 0 0 1 0.3"));
        assertTrue(nan.contains("pose.matrix[3]") && nan.contains("RealEstate10K line"), nan);
    }

    private static Pose identity() {
        return Pose.cameraToWorld(LinAlg.identity4(), Pose.Axes.OPENCV);
    }

    @Test
    void viewsWhoseTokenGridIsNoGridAreRejected() {
        // 50000² per-pixel tokens: tokens() would wrap around an int.
        String m = message(() -> CameraView.pinhole(50_000, 50_000, 1, 1, null, identity()));
        assertTrue(m.contains("camera view") && m.contains("50000x50000") && m.contains("too many tokens"), m);
        String side = message(() -> CameraView.pinhole(1 << 21, 2, 1, 1, null, identity()));
        assertTrue(side.contains("camera view") && side.contains("grid w"), side);
        // At stride 16 the same image is a fine 3125 x 3125 grid.
        assertEquals(3125 * 3125, CameraView.pinhole(50_000, 50_000, 16, 1, null, identity()).tokens());
    }

    @Test
    void normalizedIntrinsicsNeedAPositiveImageSize() {
        Intrinsics k = Intrinsics.normalized(0.5, 0.5, 0.5, 0.5);
        assertTrue(message(() -> k.inPixels(0, 10)).contains("width=0"));
        assertTrue(message(() -> k.inPixels(10, -3)).contains("height=-3"));
    }

    @Test
    void cameraMatrixRowsAreChecked() {
        double[][] jagged = {{10, 0, 5}, {0, 10}, {0, 0, 1}};
        String m = message(() -> Intrinsics.fromMatrix(jagged, Intrinsics.Units.PIXELS));
        assertTrue(m.contains("row 1") && m.contains("3x3"), m);
        double[][] missing = {{10, 0, 5}, null, {0, 0, 1}};
        assertTrue(message(() -> Intrinsics.fromMatrix(missing, Intrinsics.Units.PIXELS)).contains("row 1"));
    }

    @Test
    void poseConversionNamesMissingConventions() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> identity().to(null, Pose.Axes.OPENCV));
        assertEquals("pose.direction", e.getMessage());
        assertEquals("pose.matrix", assertThrows(NullPointerException.class,
                () -> Pose.of3x4(null, Pose.Direction.CAMERA_TO_WORLD, Pose.Axes.OPENCV)).getMessage());
    }
}
