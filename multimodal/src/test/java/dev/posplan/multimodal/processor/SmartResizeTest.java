package dev.posplan.multimodal.processor;

import static dev.posplan.multimodal.processor.Qwen3TimestampsTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SmartResizeTest {

    private static final ResizeSetting HF = ResizeSetting.QWEN2_CHECKPOINT_IMAGE;

    @Test
    void roundsSidesHalfToEvenLikePython() {
        // 70/28 = 2.5 rounds to 2 (half up would give 84); 42/28 = 1.5 rounds to 2
        assertEquals(new Resized(56, 56), SmartResize.image(70, 70, HF));
        assertEquals(new Resized(56, 56), SmartResize.image(42, 42, HF));
        assertEquals(new Resized(112, 112), SmartResize.image(98, 98, HF)); // 3.5 -> 4
    }

    @Test
    void aspectRatioAbove200IsAnError() {
        assertEquals(new Resized(28, 812), SmartResize.image(1, 200, HF));
        assertMessage("aspect ratio", () -> SmartResize.image(1, 201, HF));
        assertMessage("aspect ratio", () -> SmartResize.image(201, 1, ResizeSetting.QVU2_IMAGE));
        assertMessage("aspect ratio", () -> SmartResize.qwen3Video(4, 1, 201, ResizeSetting.QWEN3_CHECKPOINT_VIDEO));
    }

    @Test
    void onlyTransformersKeepsShrunkSidesAtLeastOneFactor() {
        ResizeSetting tiny = new ResizeSetting(ResizeVariant.TRANSFORMERS, 28, 0, 784);
        // 20x150 rounds to 28x140 = 3920 > 784: beta = sqrt(3000/784) floors the height to 0 pixels
        assertEquals(new Resized(28, 56), SmartResize.image(20, 150, tiny));
        // qwen-vl-utils keeps the 0, which the reference cannot resize to
        assertMessage("height/width", () -> SmartResize.image(20, 150,
                new ResizeSetting(ResizeVariant.QWEN_VL_UTILS, 28, 0, 784)));
    }

    @Test
    void qwenVlUtilsStartsEverySideAtOneFactor() {
        ResizeSetting loose = new ResizeSetting(ResizeVariant.QWEN_VL_UTILS, 28, 0, 1e9);
        assertEquals(new Resized(28, 28), SmartResize.image(10, 10, loose));
        // transformers rounds 10/28 to 0 and only the min budget rescues it; with no min it has nothing left
        assertMessage("height/width", () -> SmartResize.image(10, 10,
                new ResizeSetting(ResizeVariant.TRANSFORMERS, 28, 0, 1e9)));
    }

    @Test
    void qvu3ImageDefaultsScaleWithTheFactor() {
        assertEquals(new ResizeSetting(ResizeVariant.QWEN_VL_UTILS, 32, 4096, 16_777_216),
                ResizeSetting.QVU3_QWEN3_IMAGE);
        assertEquals(new ResizeSetting(ResizeVariant.QWEN_VL_UTILS, 28, 3136, 12_845_056),
                ResizeSetting.qwenVlUtils3Image(28));
    }

    @Test
    void qwen3VideoBudgetsTheWholeVideo() {
        ResizeSetting budget = ResizeSetting.QWEN3_CLASS_DEFAULT_VIDEO;
        Resized few = SmartResize.qwen3Video(4, 360, 640, budget);
        Resized many = SmartResize.qwen3Video(64, 360, 640, budget);
        assertEquals(new Resized(320, 576), few);
        assertEquals(true, many.height() < few.height() && many.width() < few.width());
    }

    @Test
    void qwen3VideoUpscalesSidesBelowTheFactorFirst() {
        // 10x1000 -> int(10*3.2) x int(1000*3.2) = 32x3200, inside the checkpoint budget for 8 frames
        assertEquals(new Resized(32, 3200), SmartResize.qwen3Video(8, 10, 1000, ResizeSetting.QWEN3_CHECKPOINT_VIDEO));
    }

    @Test
    void qwen3VideoNeedsOneWholeTemporalPatch() {
        assertMessage("numFrames", () -> SmartResize.qwen3Video(1, 480, 640, ResizeSetting.QWEN3_CHECKPOINT_VIDEO));
        assertMessage("numFrames", () -> SmartResize.qwen3Video(3, 480, 640, 4, ResizeSetting.QWEN3_CHECKPOINT_VIDEO));
        assertMessage("setting", () -> SmartResize.qwen3Video(4, 480, 640, ResizeSetting.QVU3_QWEN3_IMAGE));
    }

    @Test
    void rejectsBadSizesAndSettingsNamingTheField() {
        assertMessage("height", () -> SmartResize.image(0, 10, HF));
        assertMessage("width", () -> SmartResize.image(10, -1, HF));
        assertMessage("numFrames", () -> SmartResize.qwen3Video(0, 10, 10, ResizeSetting.QWEN3_CHECKPOINT_VIDEO));
        assertMessage("temporalFactor", () -> SmartResize.qwen3Video(4, 10, 10, 0, ResizeSetting.QWEN3_CHECKPOINT_VIDEO));
        assertMessage("factor", () -> new ResizeSetting(ResizeVariant.TRANSFORMERS, 0, 1, 2));
        assertMessage("maxPixels", () -> new ResizeSetting(ResizeVariant.TRANSFORMERS, 28, 100, 10));
        assertMessage("maxPixels", () -> new ResizeSetting(ResizeVariant.TRANSFORMERS, 28, 1, Double.NaN));
        assertMessage("minPixels", () -> new ResizeSetting(ResizeVariant.TRANSFORMERS, 28, -1, 10));
    }
}
