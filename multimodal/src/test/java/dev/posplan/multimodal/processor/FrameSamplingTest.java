package dev.posplan.multimodal.processor;

import static dev.posplan.multimodal.processor.Qwen3TimestampsTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FrameSamplingTest {

    @Test
    void qvu2RoundsHalfToEvenWhereQvu3Floors() {
        // 300 frames at 30 fps sampled at 1.5 fps: 15 frames requested
        assertEquals(16, QwenVlUtils.V2.smartNframes(300, 30.0, 1.5));
        assertEquals(14, QwenVlUtils.V3.smartNframes(300, 30.0, 1.5));
        // 13 requested: round(6.5) = 6 (ties to even), floor = 6
        assertEquals(12, QwenVlUtils.V2.smartNframes(300, 30.0, 1.3));
    }

    @Test
    void onlyQvu3ClampsToTheFrameCount() {
        // a user max_frames above the frame count: QVU-3 clamps, QVU-2 rejects
        assertEquals(4, QwenVlUtils.V3.smartNframes(5, 1.0, 10.0, 4, 10));
        assertMessage("nframes", () -> QwenVlUtils.V2.smartNframes(5, 1.0, 10.0, 4, 10));
    }

    @Test
    void tooShortVideosAreRejected() {
        assertMessage("nframes", () -> QwenVlUtils.V3.smartNframes(1, 30.0, 2.0));
        assertMessage("totalFrames", () -> Qwen2VlVideoSampler.frameCount(1, 30.0, 2.0, 4, 768, 2));
    }

    @Test
    void sampleFpsAndSecondsPerGrid() {
        SampledFrames frames = QwenVlUtils.V3.sample(90, 29.97, 2.0);
        assertEquals(6, frames.count());
        assertEquals(6 / 90.0 * 29.97, frames.sampledFps());
        assertEquals(2 / frames.sampledFps(), VideoTiming.secondPerGridT(2, frames));
        // transformers 4.5x uses the fps kwarg as given
        assertEquals(1.0, VideoTiming.secondPerGridT(2, VideoTiming.DEFAULT_FPS_KWARG));
    }

    @Test
    void qwen3SamplerTruncatesTheCountAndNeedNotBeEven() {
        // int(5 / 1 * 2) = 10, clamped to the 5 frames
        SampledFrames frames = Qwen3VlVideoSampler.sample(5, 1.0, 2.0);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, frames.indices());
        assertEquals(7, Qwen3VlVideoSampler.frameCount(100, 30.0, 2.2, 4, 768)); // int(7.33)
        assertArrayEquals(new int[] {0}, Qwen3VlVideoSampler.frameIndices(10, 1));
    }

    @Test
    void qwen2SamplerReportsTheOutOfRangeArangeValue() {
        // 367 frames at 24 fps -> 30 frames, but arange(0, 367, 367/30) has 31 values ending at 367
        assertEquals(30, Qwen2VlVideoSampler.frameCount(367, 24.0, 2.0, 4, 768, 2));
        int[] raw = Qwen2VlVideoSampler.frameIndices(367, 30, TorchRange.DEFAULT_FLOAT_LANES);
        assertEquals(31, raw.length);
        assertEquals(367, raw[30]);
        assertMessage("totalFrames", () -> Qwen2VlVideoSampler.sample(367, 24.0, 2.0));
    }

    @Test
    void rejectsBadInputsNamingTheField() {
        assertMessage("fps", () -> QwenVlUtils.V3.sample(300, 30.0, 0.0));
        assertMessage("fps", () -> QwenVlUtils.V2.sample(300, 30.0, -1.0));
        assertMessage("videoFps", () -> QwenVlUtils.V3.sample(300, Double.NaN, 2.0));
        assertMessage("totalFrames", () -> QwenVlUtils.V3.sample(0, 30.0, 2.0));
        assertMessage("videoFps", () -> Qwen2VlVideoSampler.sample(300, 0.0, 2.0));
        assertMessage("fps", () -> Qwen3VlVideoSampler.sample(300, 30.0, Double.POSITIVE_INFINITY));
        assertMessage("minFrames", () -> Qwen3VlVideoSampler.frameCount(300, 30.0, 2.0, -1, 768));
        assertMessage("maxFrames", () -> Qwen3VlVideoSampler.frameCount(300, 30.0, 2.0, 0, 0));
        assertMessage("indices", () -> new SampledFrames(new int[] {0, 10}, 10, 30.0));
        assertMessage("sampledFrames", () -> VideoTiming.sampledFps(-1, 10, 30.0));
    }
}
