package dev.posplan.multimodal.processor;

import static dev.posplan.multimodal.processor.Qwen3TimestampsTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class VideoPixelBudgetTest {

    @Test
    void fewFramesGetTheFrameMaximum() {
        ResizeSetting s = VideoPixelBudget.qwenVlUtils2(20);
        assertEquals(new ResizeSetting(ResizeVariant.QWEN_VL_UTILS, 28, 100_352, 602_112), s);
    }

    @Test
    void manyFramesShareTheTotalAsAFloat() {
        // 19267584 / 100 * 2 = 385351.68 stays fractional
        assertEquals(19_267_584 / 100.0 * 2, VideoPixelBudget.qwenVlUtils2(100).maxPixels());
        // the floor is int(min * 1.05)
        assertEquals(105_369.0, VideoPixelBudget.qwenVlUtils2(768).maxPixels());
    }

    @Test
    void qvu3UsesModelSeqLenAndThePatchFactor() {
        ResizeSetting s = VideoPixelBudget.qwenVlUtils3(768, 16);
        assertEquals(32, s.factor());
        assertEquals(128 * 1024.0, s.minPixels());
        assertEquals(Math.max(128_000 * 1024 * 0.9 / 768 * 2, (long) (131_072 * 1.05)), s.maxPixels());
        assertEquals(768 * 784.0, VideoPixelBudget.qwenVlUtils3(4, 14).maxPixels());
    }

    /**
     * Ming's bailingmm_utils: max(9,633,792 / n * 2, 105,369) with no 768·28² cap — 4 frames may each take
     * 4,816,896 pixels (8 times QVU-2's 602,112); at its 128-frame maximum 150,528 (192·28²), so the
     * int(min * 1.05) floor only binds past 182 frames, which its sampler never picks.
     */
    @Test
    void bailingmmUtilsSharesItsTotalWithoutAFrameCap() {
        assertEquals(new ResizeSetting(ResizeVariant.QWEN_VL_UTILS, 28, 100_352, 4_816_896),
                VideoPixelBudget.bailingmmUtils(4));
        assertEquals(150_528.0, VideoPixelBudget.bailingmmUtils(128).maxPixels());
        assertEquals(9_633_792 / 6.0 * 2, VideoPixelBudget.bailingmmUtils(6).maxPixels());
        assertEquals(105_369.0, VideoPixelBudget.bailingmmUtils(184).maxPixels());
        assertMessage("nframes", () -> VideoPixelBudget.bailingmmUtils(0));
    }

    @Test
    void aUserMaximumOnlyLowersTheBudget() {
        ResizeSetting budget = VideoPixelBudget.qwenVlUtils2(20);
        assertEquals(200_000.0, VideoPixelBudget.capped(budget, 200_000).maxPixels());
        assertEquals(602_112.0, VideoPixelBudget.capped(budget, 5e6).maxPixels());
    }

    @Test
    void rejectsBadInputsNamingTheField() {
        assertMessage("nframes", () -> VideoPixelBudget.qwenVlUtils2(0));
        assertMessage("patchSize", () -> VideoPixelBudget.qwenVlUtils3(4, 0));
        assertMessage("totalPixels", () -> VideoPixelBudget.maxPixels(4, 100, 1000, Double.NaN));
        assertMessage("userMaxPixels", () -> VideoPixelBudget.capped(VideoPixelBudget.qwenVlUtils2(4), -1));
    }
}
