package dev.posplan.multimodal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Host formats and block detection of GLM-4.1V, ERNIE-4.5-VL and Bailing. */
class FamilyFormatsTest {

    private static final int IMG = GlmInputIds.TokenIds.GLM4V.image();
    private static final int VS = GlmInputIds.TokenIds.GLM4V.videoStart();
    private static final int VE = GlmInputIds.TokenIds.GLM4V.videoEnd();

    @Test
    void glmWritesEveryFrameAsItsOwnWrappedBlockWithItsTimestampAfterIt() {
        TokenStream s = GlmFormat.GLM4V.expand(List.of(new PromptPart.Text(2),
                new PromptPart.Video(new Grid(2, 1, 2), Float.NaN, new int[] {1, 2})));
        assertEquals("TokenStream[text×2, vision_start×1, image_start×1, video 1x1x2, image_end×1, timestamp×1, "
                + "image_start×1, video 1x1x2, image_end×1, timestamp×2, vision_end×1]", s.toString());
        assertEquals(2, GlmFormat.timestampTokens(10.7));
        assertEquals(1, GlmFormat.timestampTokens(0));
    }

    @Test
    void glmImageTokensBetweenVideoMarkersAreFramesOfTheCurrentVideo() {
        int[][] ids = {{7, 151339, IMG, IMG, 151340, VS, 151339, IMG, IMG, 151340, 1000, 151339, IMG, IMG, 151340, 1020, VE}};
        List<TokenStream> rows = GlmInputIds.rows(GlmInputIds.TokenIds.GLM4V, ids, null, new int[][] {{1, 2, 4}},
                new int[][] {{2, 2, 4}}, 2);
        assertEquals("TokenStream[text×2, image 1x1x2, text×3, video 1x1x2, text×3, video 1x1x2, text×3]",
                rows.get(0).toString());
        VisualBlock second = (VisualBlock) rows.get(0).segments().get(5);
        assertEquals(1, second.frame());
    }

    @Test
    void glmDetectionRejectsGroupsThatDoNotMatchTheGrids() {
        int[][] ids = {{IMG, IMG, IMG}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GlmInputIds.rows(
                GlmInputIds.TokenIds.GLM4V, ids, null, new int[][] {{1, 2, 4}}, null, 2));
        assertTrue(e.getMessage().contains("image_grid_thw block 0 has 2 tokens"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GlmInputIds.rows(GlmInputIds.TokenIds.GLM4V,
                new int[][] {{IMG, IMG}}, null, null, null, 2));
        assertThrows(IllegalArgumentException.class, () -> GlmInputIds.rows(GlmInputIds.TokenIds.GLM4V,
                new int[][] {{5, 6}}, null, new int[][] {{1, 2, 2}}, null, 2));
    }

    @Test
    void aMaskedTokenInsideABlockIsAnError() {
        int[][] types = {{0, 1, 1, 0}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ErnieInputIds.rows(types,
                new int[][] {{1, 1, 0, 1}}, new int[][] {{1, 2, 4}}, null, 2, 2));
        assertTrue(e.getMessage().contains("attention_mask[0][2]"), e.getMessage());
    }

    @Test
    void ernieMergesRawFramesInPairsAndPadsWhereverTheMaskSays() {
        int[][] types = {{0, 0, 2, 2, 2, 2, 0, 0}, {0, 0, 0, 0, 1, 1, 0, 0}};
        int[][] mask = {{1, 1, 1, 1, 1, 1, 1, 1}, {0, 0, 1, 1, 1, 1, 1, 1}};
        List<TokenStream> rows = ErnieInputIds.rows(types, mask, new int[][] {{1, 2, 4}}, new int[][] {{4, 2, 4}}, 2, 2);
        assertEquals("TokenStream[text×2, video 2x1x2, text×2]", rows.get(0).toString());
        assertEquals("TokenStream[pad×2, text×2, image 1x1x2, text×2]", rows.get(1).toString());
        assertThrows(IllegalArgumentException.class, () -> ErnieInputIds.rows(types, mask, new int[][] {{1, 2, 4}},
                new int[][] {{3, 2, 4}}, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> ErnieInputIds.rows(new int[][] {{0, 5}}, null, null, null,
                2, 2));
    }

    @Test
    void bailingWritesAVideoAsOneBlockOrOneBlockPerFrame() {
        List<PromptPart> parts = List.of(PromptPart.Video.uniform(new Grid(2, 1, 1), 2));
        assertEquals("TokenStream[vision_start×1, video 2x1x1, vision_end×1]",
                BailingFormat.BAILING.expand(parts).toString());
        assertEquals("TokenStream[vision_start×1, timestamp×2, image_start×1, video 1x1x1, image_end×1, timestamp×2, "
                + "image_start×1, video 1x1x1, image_end×1, vision_end×1]",
                BailingFormat.BAILING_INTERLEAVED.expand(parts).toString());
        int v = BailingInputIds.TokenIds.MING.videoPatch();
        List<TokenStream> rows = BailingInputIds.rows(BailingInputIds.TokenIds.MING, new int[][] {{1, v, 2, v, 3}},
                null, null, new int[][] {{2, 2, 2}}, 2, true);
        assertEquals("TokenStream[text×1, video 1x1x1, text×1, video 1x1x1, text×1]", rows.get(0).toString());
    }

    @Test
    void formatsWithoutAudioRejectIt() {
        assertThrows(IllegalArgumentException.class,
                () -> QwenFormats.QWEN2_VL.expand(List.of(new PromptPart.Audio(3))));
        assertThrows(IllegalArgumentException.class, () -> GlmFormat.GLM4V.expand(List.of(
                new PromptPart.VideoWithAudio(PromptPart.Video.uniform(new Grid(1, 1, 1), 0), 2))));
    }

    @Test
    void anAudioVideoBlocksRunsMustAddUpToBothModalities() {
        VisualBlock video = VisualBlock.video(new Grid(2, 1, 2));
        assertEquals(7, new AudioVideoBlock(video, 3, new int[] {2, 3, 2}).tokens());
        assertThrows(IllegalArgumentException.class, () -> new AudioVideoBlock(video, 3, new int[] {2, 3}));
        assertThrows(IllegalArgumentException.class, () -> new AudioVideoBlock(video, 3, new int[] {4, 2, 0, 1, -1}));
    }

    @Test
    void qwen25OmniChunksByTwoSecondsWithACounterThatMovesOncePerToken() {
        // spg 4: frame 1 sits at 100, two chunks ahead; the counter opens a chunk at its first and second token
        VisualBlock video = new VisualBlock(Modality.VIDEO, new Grid(2, 2, 2), 4.0f, 0, 0);
        assertArrayEquals(new int[] {4, 50, 1, 50, 3, 50}, QwenOmniFormat.QWEN2_5_OMNI.runs(video, 150));
        VisualBlock twoSeconds = new VisualBlock(Modality.VIDEO, new Grid(4, 2, 2), 1.0f, 0, 0);
        assertArrayEquals(new int[] {8, 50, 8, 10}, QwenOmniFormat.QWEN2_5_OMNI.runs(twoSeconds, 60));
    }

    @Test
    void qwen3OmniMergesWholeFramesByTimeTiesToVideo() {
        VisualBlock video = new VisualBlock(Modality.VIDEO, new Grid(2, 2, 2), 1.0f, 0, 0);
        assertArrayEquals(new int[] {4, 13, 4, 13}, QwenOmniFormat.QWEN3_OMNI.runs(video, 26));
        assertArrayEquals(new int[] {4, 5, 4, 0}, QwenOmniFormat.QWEN3_OMNI.runs(video, 5));
    }

    @Test
    void qwen25OmniSharesTheWrapperPositionsQwen3DoesNot() {
        List<PromptPart> parts = List.of(new PromptPart.VideoWithAudio(
                new PromptPart.Video(new Grid(1, 1, 1), 1.0f, new int[1]), 2));
        assertEquals("TokenStream[shared×1, audio_start×1, video 1x1x1 + audio×2, shared×1, vision_end×1]",
                QwenOmniFormat.QWEN2_5_OMNI.expand(parts).toString());
        assertEquals("TokenStream[vision_start×1, audio_start×1, video 1x1x1 + audio×2, audio_end×1, vision_end×1]",
                QwenOmniFormat.QWEN3_OMNI.expand(parts).toString());
    }

    @Test
    void omniDetectionChecksEachAudioAgainstItsMelFrames() {
        OmniInputIds.TokenIds ids = new OmniInputIds.TokenIds(10, 11, 12, 13, 14, 15);
        int[][] row = {{1, 14, 12, 12, 15, 2}};
        List<TokenStream> ok = OmniInputIds.rows(QwenOmniFormat.QWEN2_5_OMNI, ids,
                new OmniInputIds.Inputs(row, null, null, null, null, new int[] {8}, false, 2));
        assertEquals("TokenStream[text×2, audio×2, text×2]", ok.get(0).toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OmniInputIds.rows(
                QwenOmniFormat.QWEN2_5_OMNI, ids, new OmniInputIds.Inputs(row, null, null, null, null, new int[] {16},
                        false, 2)));
        assertTrue(e.getMessage().contains("audio[0] makes 4 tokens"), e.getMessage());
    }
}
