package dev.posplan.multimodal.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** What every family video processor keeps for any video: the shape of its frames, grid, budget and times. */
class FamilyVideoPropertiesTest {

    @Property(tries = 400)
    void glmFramesGridBudgetAndTimestamps(@ForAll @IntRange(min = 1, max = 200_000) int frames,
            @ForAll @DoubleRange(min = 0.5, max = 240) double fps, @ForAll @IntRange(min = 1, max = 4000) int width,
            @ForAll @IntRange(min = 1, max = 4000) int height) {
        Assume.that(Math.max(width, height) <= 200L * Math.min(width, height));
        if (frames / fps < 0.5) {
            // shorter than one sampling interval at 2 fps: the reference samples nothing
            Qwen3TimestampsTest.assertMessage("totalFrames", () -> FamilyVideoProcessor.GLM4V.video(frames, fps,
                    width, height));
            return;
        }
        SampledFrames sampled = GlmVideoSampler.sample(frames, fps);
        int[] idx = sampled.indices();
        assertEquals(0, idx.length % 2, "even frame count");
        assertTrue(idx.length >= 2 && idx.length <= 600, "2..600 frames, got " + idx.length);
        for (int i = 1; i < idx.length; i++) {
            assertTrue(idx[i] > idx[i - 1] || i == idx.length - 1 && idx[i] == idx[i - 1], "distinct, ordered");
        }
        SizedVisual v = FamilyVideoProcessor.GLM4V.video(frames, fps, width, height);
        assertGrid(v, 28);
        assertEquals(idx.length / 2, v.gridThw()[0]);
        assertBudget(v, 28 * 28 * 2 * 30000, 28, idx.length);
        double[] ts = v.timestamps();
        assertEquals(v.gridThw()[0], ts.length);
        for (int k = 1; k < ts.length; k++) {
            assertTrue(ts[k] > ts[k - 1], "timestamps increase");
        }
    }

    @Property(tries = 300)
    void ernieFramesAndGrid(@ForAll @IntRange(min = 1, max = 200_000) int frames,
            @ForAll @IntRange(min = 1, max = 4000) int width, @ForAll @IntRange(min = 1, max = 4000) int height) {
        Assume.that(Math.max(width, height) <= 200L * Math.min(width, height));
        SizedVisual v;
        try {
            v = FamilyVideoProcessor.ERNIE45_VL.video(frames, 30.0, width, height);
        } catch (IllegalArgumentException e) {
            // only the float32 arange running onto frame `total` itself (an IndexError in the reference)
            assertTrue(e.getMessage().contains("past the last frame"), e.getMessage());
            return;
        }
        int t = v.gridThw()[0];
        assertEquals(0, t % 2, "raw frames pair into slices");
        assertTrue(t <= 180 && t >= Math.min(frames, 16), "frames " + t + " of " + frames);
        assertEquals(t / 2, v.grid().t());
        assertGrid(v, 28);
        assertBudget(v, 1196 * 28 * 28, 28, 1);
    }

    @Property(tries = 300)
    void omniFramesGridAndBudget(@ForAll @IntRange(min = 2, max = 200_000) int frames,
            @ForAll @DoubleRange(min = 0.5, max = 240) double fps, @ForAll @IntRange(min = 1, max = 4000) int width,
            @ForAll @IntRange(min = 1, max = 4000) int height) {
        Assume.that(Math.max(width, height) <= 200L * Math.min(width, height));
        SizedVisual v = FamilyVideoProcessor.QWEN2_5_OMNI.video(frames, fps, width, height);
        int n = v.sampledFrames();
        assertEquals(0, n % 2);
        assertTrue(n >= 2 && n <= Math.min(768, frames), "2..min(768, frames), got " + n);
        assertEquals(n / 2, v.gridThw()[0]);
        assertGrid(v, 28);
        // the shrink branch of qwen-vl-utils' smart_resize has no lower bound: the budget always holds after it
        double max = VideoPixelBudget.qwenVlUtils3(n, 14).maxPixels();
        Resized r = v.resized();
        assertTrue((double) r.height() * r.width() <= max, r.height() + "x" + r.width() + " over " + max);
        // the Omni processor resizes the frames it is given once more (Qwen2VLVideoProcessor, 128·28² .. 768·28²):
        // for every frame qwen-omni-utils produces that is the identity, so its grid is qwen-omni-utils' grid
        assertEquals(r, SmartResize.image(r.height(), r.width(), ResizeSetting.QWEN2_CLASS_DEFAULT_VIDEO));
        // a later qwen-omni-utils bounds the shrunk sides below by 28: never reached at these budgets
        assertTrue(r.height() >= 28 && r.width() >= 28);
        assertEquals(1.0, v.secondPerGridT());
    }

    @Property(tries = 400)
    void mingFramesGridAndBudget(@ForAll @IntRange(min = 1, max = 200_000) int frames,
            @ForAll @DoubleRange(min = 0.5, max = 240) double fps, @ForAll @IntRange(min = 1, max = 4000) int width,
            @ForAll @IntRange(min = 1, max = 4000) int height) {
        Assume.that(Math.max(width, height) <= 200L * Math.min(width, height));
        boolean thinned = fps > 2.0 && frames / fps > 4.0;
        if (frames < 4) {
            // get_frames lifts the count to 4, more than the video has: the reference raises
            Qwen3TimestampsTest.assertMessage("totalFrames", () -> FamilyVideoProcessor.MING.video(frames, fps,
                    width, height));
            return;
        }
        SampledFrames sampled = MingVideoSampler.sample(frames, fps);
        int[] idx = sampled.indices();
        int n = idx.length;
        // 2 fps over the whole video once thinned (more than 8 frames, so never below 4), every frame otherwise
        int counted = thinned ? (int) (frames / fps * 2.0) : frames;
        assertEquals(Math.min(128, counted - counted % 2), n, frames + " frames at " + fps);
        assertEquals(0, idx[0]);
        assertEquals(frames - 1, idx[n - 1]);
        for (int i = 1; i < n; i++) {
            assertTrue(idx[i] >= idx[i - 1] && idx[i] < frames, "ordered, inside the video");
        }
        SizedVisual v = FamilyVideoProcessor.MING.video(frames, fps, width, height);
        assertEquals(n, v.sampledFrames());
        assertEquals(n / 2, v.gridThw()[0]);
        assertEquals(n / 2, v.grid().t());
        assertGrid(v, 28);
        // no per-frame cap and a shrink without lower bound: a frame ends within max(total / n · 2, 105,369)
        // unless its rounded size was under 128·28² and the ceiled lift overshot
        Resized r = v.resized();
        double max = Math.max(9_633_792.0 / n * 2, 105_369);
        double rounded = Math.max(28, Math.rint(height / 28.0) * 28) * Math.max(28, Math.rint(width / 28.0) * 28);
        assertTrue((double) r.height() * r.width() <= max || rounded < 100_352,
                r.height() + "x" + r.width() + " over " + max);
        assertTrue((double) r.height() * r.width() >= 100_352 || rounded > max, "lifted to 128·28²");
        assertEquals(0, v.timestamps().length);
    }

    private static void assertGrid(SizedVisual v, int factor) {
        Resized r = v.resized();
        assertEquals(0, r.height() % factor, "height multiple of the factor");
        assertEquals(0, r.width() % factor, "width multiple of the factor");
        assertEquals(0, v.gridThw()[1] % 2);
        assertEquals(0, v.gridThw()[2] % 2);
        assertEquals(v.gridThw()[1] / 2, v.grid().h());
        assertEquals(v.gridThw()[2] / 2, v.grid().w());
    }

    /** After a shrink, {@code frames · h · w} is within the budget unless a side stopped at the factor. */
    private static void assertBudget(SizedVisual v, double maxPixels, int factor, int frames) {
        Resized r = v.resized();
        boolean within = (double) frames * r.height() * r.width() <= maxPixels;
        boolean small = r.height() == factor || r.width() == factor;
        assertTrue(within || small, r.height() + "x" + r.width() + " x " + frames + " frames over " + maxPixels);
    }
}
