package dev.posplan.planners.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.multimodal.camera.CameraView;
import dev.posplan.multimodal.camera.Intrinsics;
import dev.posplan.multimodal.camera.LinAlg;
import dev.posplan.multimodal.camera.Pose;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ray buffers whose size does not fit an int fail before allocating, with a clear error. */
class RayBufferSizeTest {

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void sizeIsTheProductWhenItFits() {
        assertEquals(2 * 3 * 4 * 3, ArraySize.of("rays", 2, 3, 4, 3));
        assertEquals(ArraySize.MAX_LENGTH, ArraySize.of("rays", ArraySize.MAX_LENGTH));
        assertEquals(0, ArraySize.of("rays", 0, Integer.MAX_VALUE, Integer.MAX_VALUE));
    }

    @Test
    void sizeBeyondOneArrayIsAnError() {
        // 3 · 2^28 · 3 wraps to a negative int.
        String m = message(() -> ArraySize.of("camera rays", 3, 1 << 14, 1 << 14, 3));
        assertTrue(m.contains("camera rays") && m.contains("3 x 16384 x 16384 x 3"), m);
        // 2^28 tokens x 9 channels wraps to a positive int: the silent case.
        assertTrue(message(() -> ArraySize.of("Plücker embedding", 1 << 28, 9)).contains("Plücker embedding"));
        assertTrue(message(() -> ArraySize.of("rays", 3, -1)).contains("negative"));
    }

    @Test
    void tracingViewsWhoseRaysOverflowAnIntFailsBeforeAllocating() {
        // Three 16384 x 16384 per-pixel views: 3 · 3 · 2^28 doubles do not fit one array.
        int side = 1 << 14;
        CameraView v = CameraView.pinhole(side, side, 1, 1, Intrinsics.pixels(side, side, side / 2.0, side / 2.0),
                Pose.cameraToWorld(LinAlg.identity4(), Pose.Axes.OPENCV));
        List<CameraView> views = Collections.nCopies(3, v);
        String m = message(() -> PluckerRays.cameraCtrl().rays(views));
        assertTrue(m.contains("camera rays") && m.contains("3 x 16384 x 16384 x 3"), m);
        assertTrue(message(() -> PluckerRays.cameraCtrl().embed(views)).contains("camera rays"));
    }
}
