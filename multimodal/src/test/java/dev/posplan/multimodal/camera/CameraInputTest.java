package dev.posplan.multimodal.camera;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CameraInputTest {

    /** Camera at (1, 2, 3), rotated 0.3 rad about y then 0.2 rad about x. */
    private static final double[] C2W = c2w();

    private static double[] c2w() {
        double a = 0.3;
        double b = 0.2;
        double[] ry = {Math.cos(a), 0, Math.sin(a), 0, 1, 0, -Math.sin(a), 0, Math.cos(a)};
        double[] rx = {1, 0, 0, 0, Math.cos(b), -Math.sin(b), 0, Math.sin(b), Math.cos(b)};
        return LinAlg.rigid(LinAlg.multiply(ry, rx, 3), new double[] {1, 2, 3});
    }

    private static Pose pose() {
        return Pose.cameraToWorld(C2W, Pose.Axes.OPENCV);
    }

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void zeroFocalIsSingularIntrinsics() {
        String m = message(() -> Intrinsics.pixels(0, 10, 5, 5));
        assertTrue(m.contains("intrinsics.fx") && m.contains("singular"), m);
        assertTrue(message(() -> Intrinsics.pixels(10, -1, 5, 5)).contains("intrinsics.fy"));
    }

    @Test
    void nonFiniteIntrinsicsAreRejected() {
        assertTrue(message(() -> Intrinsics.pixels(10, 10, Double.NaN, 5)).contains("intrinsics.cx"));
        assertTrue(message(() -> Intrinsics.normalized(Double.POSITIVE_INFINITY, 1, 0.5, 0.5)).contains("intrinsics.fx"));
    }

    @Test
    void skewedCameraMatrixIsRejected() {
        double[][] k = {{10, 0.5, 5}, {0, 10, 5}, {0, 0, 1}};
        assertTrue(message(() -> Intrinsics.fromMatrix(k, Intrinsics.Units.PIXELS)).contains("skew"));
    }

    @Test
    void cameraMatrixIgnoresK22LikePrope() {
        double[][] k = {{32, 0, 16}, {0, 30, 15}, {0, 0, 0}};
        assertEquals(Intrinsics.pixels(32, 30, 16, 15), Intrinsics.fromMatrix(k, Intrinsics.Units.PIXELS));
    }

    @Test
    void normalizedIntrinsicsScaleByImageSize() {
        Intrinsics px = Intrinsics.normalized(0.5, 0.25, 0.5, 0.5).inPixels(640, 480);
        assertEquals(Intrinsics.pixels(320, 120, 320, 240), px);
    }

    @Test
    void nonOrthonormalRotationIsRejected() {
        double[] m = C2W.clone();
        m[0] *= 1.01;
        String msg = message(() -> Pose.cameraToWorld(m, Pose.Axes.OPENCV));
        assertTrue(msg.contains("pose.matrix") && msg.contains("orthonormal"), msg);
    }

    @Test
    void reflectionIsRejected() {
        double[] m = LinAlg.identity4();
        m[10] = -1;
        assertTrue(message(() -> Pose.worldToCamera(m, Pose.Axes.OPENCV)).contains("determinant"));
    }

    @Test
    void nanPoseIsRejected() {
        double[] m = C2W.clone();
        m[7] = Double.NaN;
        assertTrue(message(() -> Pose.cameraToWorld(m, Pose.Axes.OPENCV)).contains("pose.matrix[7]"));
        double[] inf = C2W.clone();
        inf[3] = Double.NEGATIVE_INFINITY;
        assertTrue(message(() -> Pose.cameraToWorld(inf, Pose.Axes.OPENCV)).contains("pose.matrix[3]"));
    }

    @Test
    void badLastRowIsRejected() {
        double[] m = C2W.clone();
        m[14] = 0.5;
        assertTrue(message(() -> Pose.cameraToWorld(m, Pose.Axes.OPENCV)).contains("last row"));
    }

    @Test
    void zeroSizeImageIsRejected() {
        Intrinsics k = Intrinsics.pixels(10, 10, 8, 8);
        String m = message(() -> CameraView.pinhole(0, 16, 1, 1, k, pose()));
        assertTrue(m.contains("imageWidth=0"), m);
        assertTrue(message(() -> CameraView.pinhole(16, -4, 1, 1, k, pose())).contains("imageHeight=-4"));
    }

    @Test
    void patchSizeMustDivideTheImage() {
        Intrinsics k = Intrinsics.pixels(10, 10, 8, 8);
        String m = message(() -> CameraView.pinhole(56, 84, 14, 3, k, pose()));
        assertTrue(m.contains("patchSize 14") && m.contains("does not divide"), m);
        assertTrue(message(() -> CameraView.pinhole(56, 84, 0, 1, k, pose())).contains("patchSize"));
        assertTrue(message(() -> CameraView.pinhole(56, 84, 14, 0, k, pose())).contains("spatialMerge"));
    }

    @Test
    void tokenGridFollowsPatchAndMerge() {
        CameraView v = CameraView.pinhole(84, 56, 14, 2, Intrinsics.pixels(70, 70, 42, 28), pose());
        assertEquals(28, v.stride());
        assertEquals(3, v.tokensX());
        assertEquals(2, v.tokensY());
    }

    @Test
    void missingIntrinsicsNameTheEncoding() {
        CameraView v = CameraView.pinhole(16, 16, 8, 1, null, pose());
        assertTrue(message(() -> v.pixelIntrinsics("Plücker rays")).contains("Plücker rays"));
    }

    @Test
    void cameraToWorldAndWorldToCameraRoundTrip() {
        Pose c2w = pose();
        Pose w2c = c2w.to(Pose.Direction.WORLD_TO_CAMERA, Pose.Axes.OPENCV);
        assertArrayEquals(LinAlg.identity4(), LinAlg.mul4(w2c.matrix(), c2w.matrix()), 1e-12);
        assertArrayEquals(c2w.matrix(), w2c.cameraToWorld(), 1e-12);
        assertArrayEquals(w2c.matrix(), c2w.worldToCamera(), 1e-12);
    }

    @Test
    void openGlToOpenCvFlipsCameraYAndZ() {
        Pose gl = Pose.cameraToWorld(C2W, Pose.Axes.OPENGL);
        double[] cv = gl.cameraToWorld();
        // Same centre; OpenCV x = GL x, y = −GL y, z = −GL z (columns of the rotation).
        for (int r = 0; r < 3; r++) {
            assertEquals(C2W[4 * r + 3], cv[4 * r + 3], 1e-12);
            assertEquals(C2W[4 * r], cv[4 * r], 1e-12);
            assertEquals(-C2W[4 * r + 1], cv[4 * r + 1], 1e-12);
            assertEquals(-C2W[4 * r + 2], cv[4 * r + 2], 1e-12);
        }
        Pose back = Pose.cameraToWorld(cv, Pose.Axes.OPENCV).to(Pose.Direction.CAMERA_TO_WORLD, Pose.Axes.OPENGL);
        assertArrayEquals(C2W, back.matrix(), 1e-12);
        Pose glW2c = gl.to(Pose.Direction.WORLD_TO_CAMERA, Pose.Axes.OPENGL);
        assertArrayEquals(gl.worldToCamera(), glW2c.worldToCamera(), 1e-12);
    }

    @Test
    void lookAtPointsZAtTheTargetWithZUpWorld() {
        Pose e = Pose.lookAt(new double[] {3, 0, 2}, new double[] {0, 0, 0}, new double[] {0, 0, 1});
        double[] w2c = e.matrix();
        // GTA golden gta/01: E_0 rows (0,1,0,0), (0.5547,0,−0.8321,0), (−0.8321,0,−0.5547,3.6056).
        assertArrayEquals(new double[] {0, 1, 0, 0}, java.util.Arrays.copyOfRange(w2c, 0, 4), 1e-12);
        assertEquals(0.5547002, w2c[4], 1e-7);
        assertEquals(-0.8320503, w2c[6], 1e-7);
        assertEquals(3.6055513, w2c[11], 1e-7);
    }

    @Test
    void re10kLineParsesNormalizedIntrinsicsAndExtrinsic() {
        Re10kFrame f = Re10kFrame.parse("171738233 0.495179158 0.880318480 0.5 0.5 0 0 "
                + "1 0 0 0.1 0 1 0 0.2 0 0 1 0.3");
        assertEquals(171738233L, f.timestamp());
        assertEquals(Intrinsics.Units.NORMALIZED, f.intrinsics().units());
        assertEquals(Pose.Direction.WORLD_TO_CAMERA, f.pose().direction());
        assertArrayEquals(new double[] {-0.1, -0.2, -0.3}, LinAlg.translation(f.pose().cameraToWorld()), 1e-12);
        assertTrue(message(() -> Re10kFrame.parse("1 2 3")).contains("19 fields"));
    }

    @Test
    void singularMatrixInverseNamesTheField() {
        double[] m = new double[16];
        assertTrue(message(() -> LinAlg.inverse(m, 4, "extrinsic")).contains("extrinsic"));
        double[] inv = LinAlg.inverse(C2W, 4, "c2w");
        assertArrayEquals(LinAlg.rigidInverse(C2W), inv, 1e-12);
    }

    @Test
    void unifiedCameraWithZeroXiIsThePinhole() {
        double[] a = new double[3];
        double[] b = new double[3];
        LensModel.unified(0).unproject(0.3, -0.7, a, 0);
        LensModel.pinhole().unproject(0.3, -0.7, b, 0);
        assertArrayEquals(b, a, 1e-15);
    }

    @Test
    void unifiedCameraHasNoRayBeyondItsDomain() {
        double[] out = new double[3];
        LensModel.unified(1.5).unproject(2, 2, out, 0);
        assertTrue(Double.isNaN(out[0]) && Double.isNaN(out[1]) && Double.isNaN(out[2]));
        assertTrue(message(() -> LensModel.unified(-0.1)).contains("lens.xi"));
    }

    @Test
    void unifiedCameraProjectionInvertsUnprojection() {
        LensModel lens = LensModel.unified(0.8);
        double[] d = new double[3];
        lens.unproject(-0.4, 0.25, d, 0);
        double[] xy = new double[2];
        lens.project(d[0], d[1], d[2], xy);
        assertArrayEquals(new double[] {-0.4, 0.25}, xy, 1e-12);
    }

    @Test
    void fovAndFocalRoundTrip() {
        LensModel.UnifiedCamera lens = new LensModel.UnifiedCamera(0.8);
        double fx = lens.focalFromFov(140, 52);
        assertEquals(31.5981255, fx, 1e-5); // golden ucpe/12 (float32 in the reference)
        assertEquals(140, lens.fovFromFocal(fx, 52), 1e-9);
        assertTrue(message(() -> lens.focalFromFov(0, 52)).contains("x_fov"));
    }
}
