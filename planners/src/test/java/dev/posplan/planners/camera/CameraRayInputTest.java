package dev.posplan.planners.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.multimodal.camera.CameraView;
import dev.posplan.multimodal.camera.Intrinsics;
import dev.posplan.multimodal.camera.LinAlg;
import dev.posplan.multimodal.camera.Pose;
import dev.posplan.planners.camera.PluckerRays.Channels;
import dev.posplan.planners.camera.PluckerRays.IntrinsicsScaling;
import dev.posplan.planners.camera.RayCaster.Sampling;
import org.junit.jupiter.api.Test;

/** Bad inputs to the ray builders fail with the field named instead of giving wrong rays. */
class CameraRayInputTest {

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void cameraDirectionsRefuseNormalizedIntrinsics() {
        Intrinsics normalized = Intrinsics.normalized(0.5, 0.5, 0.5, 0.5);
        CameraView v = CameraView.pinhole(8, 8, 1, 1, normalized, Pose.cameraToWorld(LinAlg.identity4(),
                Pose.Axes.OPENCV));
        String m = message(() -> RayCaster.cameraDirections(v, normalized, Sampling.PATCH_CENTRE));
        assertTrue(m.contains("pixelIntrinsics.units") && m.contains("NORMALIZED"), m);
        double[] d = RayCaster.cameraDirections(v, v.pixelIntrinsics("test"), Sampling.PATCH_CENTRE);
        assertEquals(8 * 8 * 3, d.length);
    }

    @Test
    void givenRaysMustHaveFiniteOriginsAndARealOrNoDirection() {
        double[] o = {0, 0, 0, 1, 2, 3};
        String inf = message(() -> RayGrid.of(1, 1, 2, new double[] {0, 0, 0, 1, Double.POSITIVE_INFINITY, 3},
                new double[] {0, 0, 1, 0, 0, 1}));
        assertTrue(inf.contains("origins[4]") && inf.contains("ray 1"), inf);
        String mixed = message(() -> RayGrid.of(1, 1, 2, o, new double[] {0, 0, 1, Double.NaN, 0, 1}));
        assertTrue(mixed.contains("directions[3..5]") && mixed.contains("ray 1"), mixed);
        String zero = message(() -> RayGrid.of(1, 1, 2, o, new double[] {0, 0, 0, 0, 0, 1}));
        assertTrue(zero.contains("directions[0..2]") && zero.contains("non-zero"), zero);
        // All-NaN is the documented "no ray" and embeds as zeros.
        RayGrid none = RayGrid.of(1, 1, 2, o, new double[] {Double.NaN, Double.NaN, Double.NaN, 0, 0, 2});
        float[] e = PluckerRays.cameraCtrl().embed(none);
        assertEquals(0f, e[0]);
        assertEquals(2f, e[11]);
    }

    @Test
    void pluckerOptionsMustBeGiven() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> new PluckerRays(Sampling.PATCH_CENTRE, Channels.MOMENT_DIRECTION, null, IntrinsicsScaling.AS_GIVEN));
        assertEquals("quirks", e.getMessage());
    }
}
