package dev.posplan.multimodal.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.multimodal.Grid;
import org.junit.jupiter.api.Test;

/** Expected grids derived by hand from the processor formulas of qwen-mrope.md §7. */
class PartSizerTest {

    @Test
    void qwen25ImageRoundsEachSideToTheFactor() {
        // 768/28 = 27.43 -> 27*28 = 756; 1024/28 = 36.57 -> 37*28 = 1036; 783,216 px is inside the budget
        SizedVisual s = PartSizer.image(ProcessorPreset.QWEN2_5_VL, 1024, 768);
        assertArrayEquals(new int[] {1, 54, 74}, s.gridThw());
        assertEquals(new Grid(1, 27, 37), s.grid());
        assertEquals(999, s.tokens());
        assertTrue(Double.isNaN(s.secondPerGridT()));
    }

    @Test
    void qwen3SmallImageIsScaledUpToTheMinimumBudget() {
        // 20x20 -> 32x32 = 1024 px < 65536: beta = sqrt(65536/400) = 12.8, ceil(20*12.8/32)*32 = 256
        SizedVisual s = PartSizer.image(ProcessorPreset.QWEN3_VL, 20, 20);
        assertEquals(new Resized(256, 256), s.resized());
        assertArrayEquals(new int[] {1, 16, 16}, s.gridThw());
        assertEquals(new Grid(1, 8, 8), s.grid());
    }

    @Test
    void qwen25VideoFollowsQwenVlUtils() {
        // 300 frames at 30 fps sampled at 2 fps: 20 frames; frame budget max(min(768*28^2, total/20*2), ...) =
        // 602,112 px; 360x640 -> 364x644; t = 20/2; sample_fps = 20/300*30 = 2 -> second_per_grid_t = 1
        SizedVisual s = PartSizer.video(ProcessorPreset.QWEN2_5_VL, 300, 30, 640, 360);
        assertEquals(20, s.sampledFrames());
        assertArrayEquals(new int[] {10, 26, 46}, s.gridThw());
        assertEquals(new Grid(10, 13, 23), s.grid());
        assertEquals(1.0, s.secondPerGridT(), 1e-12);
        assertEquals(0, s.timestamps().length);
    }

    @Test
    void qwen3VideoHasOneTimestampPerTemporalPatch() {
        // int(300/30*2) = 20 frames, linspace(0, 299, 20).round(): 0, 16, ..., 283, 299; whole-video budget keeps
        // 352x640; timestamps = mean of each pair / 30 fps: (0+16)/60 and (283+299)/60
        SizedVisual s = PartSizer.video(ProcessorPreset.QWEN3_VL, 300, 30, 640, 360);
        assertArrayEquals(new int[] {10, 22, 40}, s.gridThw());
        assertEquals(new Grid(10, 11, 20), s.grid());
        double[] ts = s.timestamps();
        assertEquals(10, ts.length);
        assertEquals(16 / 60.0, ts[0], 1e-12);
        assertEquals(9.7, ts[9], 1e-12);
        assertEquals("<9.7 seconds>", Qwen3Timestamps.text(ts[9]));
    }

    @Test
    void oddSampledFrameCountRepeatsTheLastFrame() {
        // Qwen3-VL: int(7/1*2) = 14 -> clamped to 7 frames -> ceil(7/2) = 4 temporal patches
        SizedVisual s = PartSizer.video(ProcessorPreset.QWEN3_VL, 7, 1, 64, 64);
        assertEquals(7, s.sampledFrames());
        assertEquals(4, s.grid().t());
        assertEquals(4, s.timestamps().length);
    }

    @Test
    void mergesProcessorGridsAndExplainsUnmergedOnes() {
        assertEquals(new Grid(4, 16, 14), PartSizer.merge(new int[] {4, 32, 28}, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PartSizer.merge(new int[] {1, 33, 32}, 2));
        assertTrue(e.getMessage().contains("grid_thw h = 33"), e.getMessage());
        assertTrue(e.getMessage().contains("'grid'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PartSizer.merge(new int[] {0, 2, 2}, 2));
        assertThrows(IllegalArgumentException.class, () -> PartSizer.merge(new int[] {2, 2}, 2));
    }

    @Test
    void everyPresetIsConsistentAndFoundByModel() {
        for (ProcessorPreset p : ProcessorPreset.all()) {
            assertEquals(p, ProcessorPreset.forModel(p.model()));
            assertEquals(p.patchSize() * p.mergeSize(), p.image().factor());
        }
        assertThrows(IllegalArgumentException.class, () -> ProcessorPreset.forModel("llava"));
    }

    @Test
    void rejectsImpossibleSizes() {
        assertThrows(IllegalArgumentException.class, () -> PartSizer.image(ProcessorPreset.QWEN2_VL, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> PartSizer.image(ProcessorPreset.QWEN2_VL, 10_000, 10));
        assertThrows(IllegalArgumentException.class, () -> PartSizer.video(ProcessorPreset.QWEN3_VL, 0, 30, 64, 64));
        assertThrows(IllegalArgumentException.class, () -> PartSizer.video(ProcessorPreset.QWEN2_5_VL, 10, -1, 64, 64));
    }
}
