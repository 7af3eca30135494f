package dev.posplan.multimodal.processor;

import static dev.posplan.multimodal.processor.Qwen3TimestampsTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.multimodal.Grid;
import org.junit.jupiter.api.Test;

/**
 * The family video processors against values worked out by hand from the reference code
 * (transformers {@code video_processing_glm4v.py} / {@code image_processing_glm4v.py smart_resize},
 * {@code video_processing_ernie4_5_vl_moe.py}, qwen-omni-utils {@code v2_5/vision_process.py}, inclusionAI/Ming
 * {@code bailingmm_utils.py} @ 017f111 with {@code image_processing_bailingmm2.py}).
 */
class FamilyVideoProcessorTest {

    private static final FamilyVideoProcessor GLM = FamilyVideoProcessor.GLM4V;
    private static final FamilyVideoProcessor ERNIE = FamilyVideoProcessor.ERNIE45_VL;
    private static final FamilyVideoProcessor OMNI = FamilyVideoProcessor.QWEN2_5_OMNI;
    private static final FamilyVideoProcessor MING = FamilyVideoProcessor.MING;

    @Test
    void eachFamilyImageProcessorHasItsVideoProcessorAndQwen3OmniNone() {
        assertSame(GLM, FamilyVideoProcessor.of(FamilyImageProcessor.GLM4V));
        assertSame(ERNIE, FamilyVideoProcessor.of(FamilyImageProcessor.ERNIE45_VL));
        assertSame(OMNI, FamilyVideoProcessor.of(FamilyImageProcessor.QWEN2_5_OMNI));
        assertSame(MING, FamilyVideoProcessor.of(FamilyImageProcessor.MING));
        assertNull(FamilyVideoProcessor.of(FamilyImageProcessor.QWEN3_OMNI));
    }

    // ---------------------------------------------------------------------------------------------
    // GLM-4.1V / 4.5V

    /**
     * 60 frames at 30 fps, 640 x 480. sample_frames: duration = 60/30 = 2.0 <= 300, n = floor(2.0 * 2) = 4,
     * frame_indices = ceil(i * 30 / 2) = 0, 15, 30, 45 (all < 59), distinct, even. smart_resize(4, 480, 640):
     * h_bar = round(480/28) * 28 = 17 * 28 = 476, w_bar = round(22.857) * 28 = 644, t_bar = 4;
     * 4 * 476 * 644 = 1,226,176 lies in [12,544, 47,040,000], so 476 x 644: grid_thw [4/2, 34, 46].
     * Timestamps: metadata.timestamps[::2] = 0/30, 30/30 = 0.0, 1.0.
     */
    @Test
    void glmSamplesTwoFramesPerSecondAndTimesEachPairByItsFirstFrame() {
        assertArrayEquals(new int[] {0, 15, 30, 45}, GlmVideoSampler.sample(60, 30.0).indices());
        SizedVisual v = GLM.video(60, 30.0, 640, 480);
        assertArrayEquals(new int[] {2, 34, 46}, v.gridThw());
        assertEquals(new Grid(2, 17, 23), v.grid());
        assertArrayEquals(new double[] {0.0, 1.0}, v.timestamps());
        assertTrue(Double.isNaN(v.secondPerGridT()));
    }

    /**
     * 10 frames at 1 fps: duration 10, n = 20, ceil(i / 2) for i < 20 = 0,1,1,2,2,…,10 → min(9, ·); the
     * de-duplication keeps 0..9 (10 frames, even). 11 frames: 0..10 = 11 frames, odd, so 10 again: 12 frames;
     * timestamps every second frame: 0, 2, 4, 6, 8, 10.
     */
    @Test
    void glmDropsRepeatedIndicesAndRepeatsTheLastFrameOfAnOddCount() {
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, GlmVideoSampler.sample(10, 1.0).indices());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10}, GlmVideoSampler.sample(11, 1.0).indices());
        assertArrayEquals(new double[] {0, 2, 4, 6, 8, 10}, GLM.video(11, 1.0, 640, 480).timestamps());
    }

    /**
     * 20 frames at 30 fps: duration 0.667, n = floor(1.33) = 1 → [0], odd → [0, 0]: one temporal patch.
     * 10 frames at 30 fps: n = floor(0.667) = 0, no frame at all, which the reference cannot resize.
     */
    @Test
    void glmVeryShortVideosGiveOnePatchOrNone() {
        assertArrayEquals(new int[] {0, 0}, GlmVideoSampler.sample(20, 30.0).indices());
        assertArrayEquals(new int[] {1, 34, 46}, GLM.video(20, 30.0, 640, 480).gridThw());
        assertMessage("totalFrames", () -> GLM.video(10, 30.0, 640, 480));
    }

    /**
     * 9000 frames at 25 fps: duration 360 > 300, so int(300 * 2) = 600 samples (< 9000) at
     * np.linspace(0, 360, 600): step 360/599 = 0.601, ceil(0.601 * 25) = ceil(15.03) = 16,
     * ceil(1.202 * 25) = 31, …, the last ceil(360 * 25) = 9000 → min(8999); 600 distinct frames.
     * smart_resize(600, 480, 640): 600 * 476 * 644 = 183,926,400 > 47,040,000, beta = sqrt(600*480*640 /
     * 47,040,000) = 1.97949, h = floor(480/1.97949/28) * 28 = 8 * 28 = 224, w = floor(11.55) * 28 = 308:
     * grid_thw [300, 16, 22].
     */
    @Test
    void glmLongVideosTakeSixHundredFramesAtEvenlySpacedSecondsAndShrink() {
        int[] idx = GlmVideoSampler.sample(9000, 25.0).indices();
        assertEquals(600, idx.length);
        assertArrayEquals(new int[] {0, 16, 31, 46}, java.util.Arrays.copyOf(idx, 4));
        assertEquals(8999, idx[599]);
        assertArrayEquals(new int[] {300, 16, 22}, GLM.video(9000, 25.0, 640, 480).gridThw());
        // 500 frames at 1 fps: 500 s > 300 but 600 samples >= 500 frames: every frame, 250 patches
        assertEquals(500, GlmVideoSampler.sample(500, 1.0).count());
        assertEquals(250, GLM.video(500, 1.0, 640, 480).gridThw()[0]);
    }

    /**
     * 20 x 10 pixels (60 frames at 30 fps, 4 frames): both sides below 28, scale = max(28/10, 28/20) = 2.8,
     * int(10 * 2.8) = 28, int(20 * 2.8) = 56; 4 * 28 * 56 = 6,272 < 12,544, beta = sqrt(12,544 / 6,272) = √2,
     * h = ceil(28 * √2 / 28) * 28 = 56, w = ceil(56 * √2 / 28) * 28 = 3 * 28 = 84: grid_thw [2, 4, 6].
     * Odd 333 x 201 (75 frames at 25 fps: 3 s, n = 6, ceil(i * 12.5) = 0, 13, 25, 38, 50, 63):
     * round(201/28 = 7.18) = 7 → 196, round(333/28 = 11.89) = 12 → 336; 6 * 196 * 336 in budget: [3, 14, 24].
     */
    @Test
    void glmScalesTinyFramesUpAndRoundsOddSides() {
        assertArrayEquals(new int[] {2, 4, 6}, GLM.video(60, 30.0, 20, 10).gridThw());
        assertArrayEquals(new int[] {0, 13, 25, 38, 50, 63}, GlmVideoSampler.sample(75, 25.0).indices());
        assertArrayEquals(new int[] {3, 14, 24}, GLM.video(75, 25.0, 333, 201).gridThw());
    }

    /**
     * A frame rate so small that frames / fps overflows: np.linspace(0, inf, 600) begins with 0·inf = nan and
     * math.ceil(nan) raises — unless the video has no more than 600 frames, when every frame is taken.
     */
    @Test
    void glmInfiniteDurationsFailAsTheReferenceDoes() {
        assertMessage("videoFps", () -> GlmVideoSampler.sample(1000, Double.MIN_VALUE));
        assertEquals(500, GlmVideoSampler.sample(500, Double.MIN_VALUE).count());
    }

    // ---------------------------------------------------------------------------------------------
    // ERNIE-4.5-VL

    /**
     * No fps and no num_frames: n = min(max(total, 16), 180, total). 8 frames: n = 8, arange(0, 8, 1.0) =
     * 0..7; smart_resize(480, 640, 28, 299·28², 1196·28²): 476 x 644 = 306,544 in [234,416, 937,664]:
     * grid_thw [8, 34, 46], merged 2 raw frames per slice: [4, 17, 23]. 7 frames: 0..6, odd, so 6 repeats.
     */
    @Test
    void ernieTakesEveryFrameOfAShortVideoAndEvensTheCount() {
        SizedVisual v = ERNIE.video(8, 30.0, 640, 480);
        assertArrayEquals(new int[] {8, 34, 46}, v.gridThw());
        assertEquals(new Grid(4, 17, 23), v.grid());
        assertEquals(0, v.timestamps().length);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 6}, ErnieVideoSampler.sample(7, 30.0).indices());
        assertArrayEquals(new int[] {8, 34, 46}, ERNIE.video(7, 30.0, 640, 480).gridThw());
    }

    /**
     * 900 frames: n = 180, arange(0, 900, 5.0) = 0, 5, …, 895 (180 frames). 1920 x 1080: 1092 x 1932 =
     * 2,109,744 > 937,664, beta = sqrt(2,073,600 / 937,664) = 1.48709, h = floor(1080/1.48709/28 = 25.94) * 28
     * = 700, w = floor(46.11) * 28 = 1288: grid_thw [180, 50, 92].
     */
    @Test
    void ernieCapsLongVideosAtOneHundredEightyFrames() {
        int[] idx = ErnieVideoSampler.sample(900, 30.0).indices();
        assertEquals(180, idx.length);
        assertEquals(5, idx[1]);
        assertEquals(895, idx[179]);
        assertArrayEquals(new int[] {180, 50, 92}, ERNIE.video(900, 30.0, 1920, 1080).gridThw());
    }

    /**
     * 185 frames: n = 180, step = 185/180 = 1.02778, and torch sizes the arange as ceil(185 / step) in double =
     * ceil(180.00000000000003) = 181 values; the last, 180 · step = 185.0, is frame 185 of a 0..184 video: the
     * reference fails indexing it (about one total in 27 above 180 does this), so the request is refused.
     */
    @Test
    void ernieRefusesTheTotalsWhoseArangeRunsOntoTheFrameCount() {
        assertEquals(180, ErnieVideoSampler.sample(186, 30.0).count());
        assertMessage("totalFrames", () -> ERNIE.video(185, 30.0, 640, 480));
    }

    /**
     * 20 x 10 pixels: round(10/28) = 0, round(20/28) = 1 → 0 x 28 < 234,416, beta = sqrt(234,416 / 200) =
     * 34.235, h = ceil(10 * 34.235 / 28 = 12.2) * 28 = 364, w = ceil(24.5) * 28 = 700: [16, 26, 50].
     */
    @Test
    void ernieScalesTinyFramesUpToItsMinimum() {
        assertArrayEquals(new int[] {16, 26, 50}, ERNIE.video(16, 30.0, 20, 10).gridThw());
    }

    // ---------------------------------------------------------------------------------------------
    // Qwen2.5-Omni

    /**
     * 60 frames at 30 fps: nframes = 60/30*2 = 4 in [4, floor2(min(768, 60)) = 60], floor2 → 4;
     * max_pixels = max(min(602,112, 90,316,800/4*2), int(100,352*1.05)) = 602,112; 480 x 640 → 476 x 644 =
     * 306,544 in budget: grid_thw [2, 34, 46]; second_per_grid_t = 2 / 2.0 = 1.0.
     */
    @Test
    void omniFollowsQwenOmniUtilsAndTheProcessorsFpsKwarg() {
        SizedVisual v = OMNI.video(60, 30.0, 640, 480);
        assertArrayEquals(new int[] {2, 34, 46}, v.gridThw());
        assertEquals(1.0, v.secondPerGridT());
        assertEquals(4, v.sampledFrames());
    }

    /**
     * 3 frames: nframes 0.2 → max(·, 4) = 4 → min(4, floor2(3) = 2) = 2: one patch. 1 frame: max_frames =
     * floor2(1) = 0, nframes 0 is outside [2, 1]: the reference raises.
     * 100,000 frames: 6,666.7 → 768; max_pixels = min(602,112, 90,316,800/768*2 = 235,200) = 235,200; 1920 x
     * 1080: beta = sqrt(2,073,600 / 235,200) = 2.96923, h = floor(1080/2.96923/28 = 12.99) * 28 = 336, w =
     * floor(23.09) * 28 = 644: [384, 24, 46].
     */
    @Test
    void omniClampsShortAndLongVideos() {
        assertArrayEquals(new int[] {1, 34, 46}, OMNI.video(3, 30.0, 640, 480).gridThw());
        assertMessage("totalFrames", () -> OMNI.video(1, 30.0, 640, 480));
        assertArrayEquals(new int[] {384, 24, 46}, OMNI.video(100_000, 30.0, 1920, 1080).gridThw());
    }

    // ---------------------------------------------------------------------------------------------
    // Ming (bailingmm_utils fetch_video + BailingMM2ImageProcessor with do_resize=False)

    /**
     * 60 frames at 30 fps: 60 / 30 = 2 s is not over 4 s, so get_frames(60): max_frames = floor2(min(128, 60)) =
     * 60, n = floor2(max(min(60, 60), 4)) = 60 — every frame, np.linspace(0, 59, 60) = 0..59. max_pixels =
     * max(9,633,792 / 60 * 2 = 321,126.4, int(100,352 * 1.05) = 105,369) = 321,126.4; 480 x 640 rounds to
     * 17·28 x 23·28 = 476 x 644 = 306,544, inside [100,352, 321,126.4]: grid_thw [60 / 2, 34, 46], merged
     * [30, 17, 23]. No timestamps and no second_per_grid_t: the bailing rope ignores it.
     */
    @Test
    void mingTakesEveryFrameOfAShortVideo() {
        SampledFrames sampled = MingVideoSampler.sample(60, 30.0);
        assertEquals(60, sampled.count());
        assertEquals(59, sampled.indices()[59]);
        assertEquals(321_126.4, VideoPixelBudget.bailingmmUtils(60).maxPixels());
        SizedVisual v = MING.video(60, 30.0, 640, 480);
        assertArrayEquals(new int[] {30, 34, 46}, v.gridThw());
        assertEquals(new Grid(30, 17, 23), v.grid());
        assertEquals(0, v.timestamps().length);
        assertTrue(Double.isNaN(v.secondPerGridT()));
    }

    /**
     * 9000 frames at 25 fps: 25 > 2 and 360 s > 4 s, so get_frames(int(9000 / 25.0 * 2.0) = 720) = min(720,
     * 128) = 128 frames of the source at np.linspace(0, 8999, 128, dtype=int): step 8999/127 = 70.86 → 0, 70,
     * 141, 212, …, 8857, 8928, 8999. max_pixels = 9,633,792 / 128 * 2 = 150,528 (192·28²); 476 x 644 is over it,
     * beta = sqrt(307,200 / 150,528) = sqrt(100/49) = 1.4285714285714286, 480 / beta / 28 = 12.0 and
     * 640 / beta / 28 = 16.0 exactly, floored: 336 x 448, grid_thw [64, 24, 32].
     */
    @Test
    void mingThinsLongVideosToTwoFramesASecondAndCapsThemAt128() {
        int[] idx = MingVideoSampler.sample(9000, 25.0).indices();
        assertEquals(128, idx.length);
        assertArrayEquals(new int[] {0, 70, 141, 212}, java.util.Arrays.copyOf(idx, 4));
        assertArrayEquals(new int[] {8857, 8928, 8999}, java.util.Arrays.copyOfRange(idx, 125, 128));
        assertArrayEquals(new int[] {64, 24, 32}, MING.video(9000, 25.0, 640, 480).gridThw());
        // 130 frames at exactly 2 fps are not thinned (video_fps > 2 is false): min(130, 128) = 128 frames
        assertEquals(128, MingVideoSampler.sample(130, 2.0).count());
        // np.linspace(0, 129, 128, dtype=int): 126 · 129/127 = 127.98 → 127, the last exactly 129
        int[] all = MingVideoSampler.sample(130, 2.0).indices();
        assertArrayEquals(new int[] {127, 129}, java.util.Arrays.copyOfRange(all, 126, 128));
    }

    /**
     * 10 frames at 2.5 fps last exactly 4.0 s, not over 4: all 10 frames, [5, 34, 46]. 11 frames last 4.4 s:
     * int(11 / 2.5 * 2.0) = int(8.8) = 8 frames at np.linspace(0, 10, 8) = 0, 1.43, 2.86, 4.29, 5.71, 7.14,
     * 8.57, 10 → 0, 1, 2, 4, 5, 7, 8, 10; max_pixels 9,633,792 / 8 * 2 = 2,408,448: [4, 34, 46].
     */
    @Test
    void mingThinsOnlyVideosLongerThanFourSeconds() {
        assertArrayEquals(new int[] {5, 34, 46}, MING.video(10, 2.5, 640, 480).gridThw());
        assertArrayEquals(new int[] {0, 1, 2, 4, 5, 7, 8, 10}, MingVideoSampler.sample(11, 2.5).indices());
        assertArrayEquals(new int[] {4, 34, 46}, MING.video(11, 2.5, 640, 480).gridThw());
    }

    /**
     * get_frames(total) = floor2(max(min(total, floor2(min(128, total))), 4)): 5 frames → max(4, 4) = 4 at
     * linspace(0, 4, 4) = 0, 1.33, 2.67, 4 → 0, 1, 2, 4; 7 frames → 6. 3 frames → 4 > 3: ValueError.
     */
    @Test
    void mingNeedsFourFramesAndEvensTheCount() {
        assertArrayEquals(new int[] {0, 1, 2, 4}, MingVideoSampler.sample(5, 30.0).indices());
        assertArrayEquals(new int[] {2, 34, 46}, MING.video(4, 30.0, 640, 480).gridThw());
        assertEquals(6, MingVideoSampler.sample(7, 30.0).count());
        assertMessage("totalFrames", () -> MING.video(3, 30.0, 640, 480));
        assertMessage("totalFrames", () -> MING.video(1, 1.0, 640, 480));
    }

    /**
     * Tiny: 8 frames of 10 x 10, budget 2,408,448: rounded max(28, round(10/28)·28 = 0) = 28, 28² = 784 under
     * 100,352, beta = sqrt(100,352 / 100) = 31.678, ceil(10 · 31.678 / 28 = 11.31) = 12 → 336: [4, 24, 24]
     * (the image processor's side-below-28 refusal does not run: it is called with do_resize=False).
     * Huge: 8 frames of 7680 x 4320: 4312 x 7672 is over 2,408,448, beta = sqrt(33,177,600 / 2,408,448) =
     * 3.7115, floor(4320 / 3.7115 / 28 = 41.57) = 41 → 1148, floor(7680 / 3.7115 / 28 = 73.9) = 73 → 2044:
     * [4, 82, 146]. Odd: 7 frames → 6 of 199 x 333, budget 3,211,264: round(7.11) = 7 → 196, round(11.89) = 12
     * → 336, 65,856 under 100,352, beta = sqrt(100,352 / 66,267) = 1.2306, ceil(8.75) = 9 → 252,
     * ceil(14.64) = 15 → 420: [3, 18, 30].
     */
    @Test
    void mingScalesTinyFramesUpHugeFramesDownAndRoundsOddSides() {
        assertArrayEquals(new int[] {4, 24, 24}, MING.video(8, 1.0, 10, 10).gridThw());
        assertArrayEquals(new int[] {4, 82, 146}, MING.video(8, 1.0, 7680, 4320).gridThw());
        assertArrayEquals(new int[] {3, 18, 30}, MING.video(7, 30.0, 333, 199).gridThw());
        assertMessage("aspect ratio", () -> MING.video(8, 1.0, 64_000, 64));
    }

    @Test
    void describeSaysWhatIsServed() {
        assertEquals(2.0, GLM.describe().get("fps"));
        assertEquals(47_040_000L, GLM.describe().get("max_pixels"));
        assertEquals(180, ERNIE.describe().get("max_frames"));
        assertEquals(90_316_800L, OMNI.describe().get("video_total_pixels"));
        assertEquals(128, MING.describe().get("max_frames"));
        assertEquals(9_633_792, MING.describe().get("video_total_pixels"));
    }
}
