package dev.posplan.multimodal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class QwenInputIdsTest {

    private static final int VS = 151652;
    private static final int VE = 151653;
    private static final int IMG = 151655;
    private static final int VID = 151656;
    private static final int PAD = 151643;

    private static QwenInputIds.Builder qwen2(int[]... rows) {
        return QwenInputIds.builder(ModelPreset.QWEN2_VL).inputIds(rows);
    }

    private static List<VisualBlock> blocks(TokenStream s) {
        return s.segments().stream().filter(VisualBlock.class::isInstance).map(VisualBlock.class::cast).toList();
    }

    @Test
    void wrappedImageIsOneBlockUnderEveryDetection() {
        int[] row = {1, 2, VS, IMG, IMG, IMG, IMG, VE, 3};
        for (BlockDetection d : BlockDetection.values()) {
            TokenStream s = qwen2(row).imageGridThw(new int[][] {{1, 4, 4}}).detection(d).build().get(0);
            assertEquals(List.of(new TextRun(2, TextRole.TEXT), new TextRun(1, TextRole.VISION_START),
                    new VisualBlock(Modality.IMAGE, new Grid(1, 2, 2), Float.NaN, 0, 0),
                    new TextRun(1, TextRole.VISION_END), new TextRun(1, TextRole.TEXT)), s.segments(), d.apiName());
        }
    }

    @Test
    void barePadsAreTextForTokenScanAndVisionOtherwise() {
        int[] row = {1, IMG, IMG, IMG, IMG, 2};
        int[][] grid = {{1, 4, 4}};
        TokenStream scan = qwen2(row).imageGridThw(grid).detection(BlockDetection.TOKEN_SCAN).build().get(0);
        assertEquals(List.of(new TextRun(6, TextRole.TEXT)), scan.segments());
        for (BlockDetection d : List.of(BlockDetection.TOKEN_TYPE_RUNS, BlockDetection.PLACEHOLDER_OFFSETS)) {
            TokenStream s = qwen2(row).imageGridThw(grid).detection(d).build().get(0);
            assertEquals(List.of(new Grid(1, 2, 2)), blocks(s).stream().map(VisualBlock::grid).toList(), d.apiName());
        }
    }

    @Test
    void adjacentBareImagesMergeIntoOneRunAndFailUnderTokenTypeRuns() {
        int[] row = {1, IMG, IMG, IMG, IMG, IMG, 2};
        int[][] grids = {{1, 4, 4}, {1, 2, 2}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> qwen2(row)
                .imageGridThw(grids).detection(BlockDetection.TOKEN_TYPE_RUNS).build());
        assertTrue(e.getMessage().contains("run of 5 image pad tokens") && e.getMessage().contains("image_grid_thw[0]"),
                e.getMessage());
        // HF 4.x sees no vision_start: everything is text, the grids stay unused.
        assertEquals(List.of(), blocks(qwen2(row).imageGridThw(grids).detection(BlockDetection.TOKEN_SCAN)
                .build().get(0)));
        // vLLM's processor placed the two items back to back.
        assertEquals(List.of(new Grid(1, 2, 2), new Grid(1, 1, 1)), blocks(qwen2(row).imageGridThw(grids)
                .detection(BlockDetection.PLACEHOLDER_OFFSETS).build().get(0)).stream().map(VisualBlock::grid).toList());
    }

    @Test
    void tokenScanTakesTheEarliestPadEvenIfBare() {
        // One vision_start+pad pair, but a bare pad run comes first: HF 4.x places the block there.
        int[] row = {IMG, IMG, IMG, IMG, 1, VS, IMG, IMG, IMG, IMG, VE};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> qwen2(row)
                .imageGridThw(new int[][] {{1, 4, 4}}).build());
        assertTrue(e.getMessage().contains("8 unmasked image pad tokens"), e.getMessage());
        TokenStream s = qwen2(row).imageGridThw(new int[][] {{1, 4, 4}, {1, 4, 4}}).build().get(0);
        assertEquals(List.of(new VisualBlock(Modality.IMAGE, new Grid(1, 2, 2), Float.NaN, 0, 0),
                new TextRun(1, TextRole.TEXT), new TextRun(1, TextRole.VISION_START), new TextRun(4, TextRole.TEXT),
                new TextRun(1, TextRole.VISION_END)), s.segments());
    }

    @Test
    void padCountMustMatchTheGrids() {
        int[] row = {1, VS, IMG, IMG, IMG, VE};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> qwen2(row).imageGridThw(new int[][] {{1, 4, 4}}).build());
        assertTrue(e.getMessage().contains("3 unmasked image pad tokens") && e.getMessage().contains("image_grid_thw"),
                e.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> qwen2(row).build());
        assertTrue(none.getMessage().contains("image_grid_thw gives 0"), none.getMessage());
        IllegalArgumentException video = assertThrows(IllegalArgumentException.class,
                () -> qwen2(new int[] {VS, VID, VE}).videoGridThw(new int[][] {{2, 2, 2}}).build());
        assertTrue(video.getMessage().contains("video_grid_thw gives 2"), video.getMessage());
    }

    @Test
    void anImageWithSeveralTemporalSlicesIsOneBlockOfTheirPads() {
        int[] row = {VS, IMG, IMG, IMG, IMG, IMG, IMG, VE};
        for (BlockDetection d : BlockDetection.values()) {
            if (d == BlockDetection.PLACEHOLDER_OFFSETS) {
                continue;
            }
            List<VisualBlock> b = blocks(qwen2(row).imageGridThw(new int[][] {{2, 2, 6}}).detection(d).build().get(0));
            assertEquals(List.of(new Grid(2, 1, 3)), b.stream().map(VisualBlock::grid).toList(), d.name());
        }
        // three pads cannot hold a 2x1x3 grid
        int[] short3 = {VS, IMG, IMG, IMG, VE};
        assertThrows(InvalidInputException.class,
                () -> qwen2(short3).imageGridThw(new int[][] {{2, 2, 6}}).build());
    }

    @Test
    void gridsAreValidated() {
        int[] row = {VS, IMG, IMG, IMG, VE};
        assertMessage("spatial_merge_size 2", () -> qwen2(row).imageGridThw(new int[][] {{1, 2, 3}}).build());
        assertMessage("image_grid_thw[0] must have 3 entries", () -> qwen2(row).imageGridThw(new int[][] {{2, 6}}).build());
        assertMessage("image_grid_thw[0]: grid t must be in", () -> qwen2(row).imageGridThw(new int[][] {{0, 2, 6}}).build());
    }

    @Test
    void shapesAndMaskAreValidated() {
        assertMessage("input_ids rows must have the same length", () -> qwen2(new int[] {1, 2}, new int[] {1}).build());
        assertMessage("input_ids must have at least one row", () -> qwen2().build());
        assertMessage("attention_mask has 1 rows", () -> qwen2(new int[] {1}, new int[] {2})
                .attentionMask(new int[][] {{1}}).build());
        assertMessage("attention_mask[0][1] must be 0 or 1", () -> qwen2(new int[] {1, 2})
                .attentionMask(new int[][] {{1, 2}}).build());
    }

    @Test
    void secondPerGridTsIsValidated() {
        int[] row = {VS, VID, VID, VE};
        QwenInputIds.Builder b = QwenInputIds.builder(ModelPreset.QWEN2_5_VL).inputIds(new int[][] {row})
                .videoGridThw(new int[][] {{2, 2, 2}});
        assertMessage("second_per_grid_ts has 2 entries but video_grid_thw has 1", () -> b
                .secondPerGridTs(new double[] {1, 2}).build());
        assertMessage("second_per_grid_ts[0] must be finite", () -> b.secondPerGridTs(new double[] {-1}).build());
        assertMessage("only used by models with absolute time", () -> qwen2(row).videoGridThw(new int[][] {{2, 2, 2}})
                .secondPerGridTs(new double[] {1}).build());
        VisualBlock v = blocks(b.secondPerGridTs(new double[] {0.7}).build().get(0)).get(0);
        assertEquals(0.7f, v.secondsPerGrid());
        assertEquals(new Grid(2, 1, 1), v.grid());
    }

    @Test
    void maskedTokensBecomePaddingWhereverTheyAre() {
        int[][] rows = {{PAD, PAD, 1, VS, IMG, VE, PAD, 2}};
        int[][] mask = {{0, 0, 1, 1, 1, 1, 0, 1}};
        for (BlockDetection d : BlockDetection.values()) {
            TokenStream s = qwen2(rows).attentionMask(mask).imageGridThw(new int[][] {{1, 2, 2}}).detection(d)
                    .build().get(0);
            assertEquals(List.of(new PaddingRun(2), new TextRun(1, TextRole.TEXT), new TextRun(1, TextRole.VISION_START),
                    new VisualBlock(Modality.IMAGE, new Grid(1, 1, 1), Float.NaN, 0, 0),
                    new TextRun(1, TextRole.VISION_END), new PaddingRun(1), new TextRun(1, TextRole.TEXT)), s.segments());
            assertEquals(5, s.unpaddedLength());
        }
    }

    @Test
    void maskedPadsAreNotCountedAndAMaskedTokenInsideABlockFails() {
        int[][] rows = {{VS, IMG, IMG, PAD, IMG, IMG, VE}};
        int[][] mask = {{1, 1, 1, 0, 1, 1, 1}};
        assertMessage("attention_mask[0][3] masks a token inside the block of image_grid_thw[0]", () -> qwen2(rows)
                .attentionMask(mask).imageGridThw(new int[][] {{1, 4, 4}}).build());
    }

    @Test
    void gridsAreConsumedAcrossTheBatchInRowOrder() {
        int[][] rows = {{VS, IMG, IMG, IMG, IMG, VE}, {1, 2, VS, IMG, VE, 3}};
        List<TokenStream> s = qwen2(rows).imageGridThw(new int[][] {{1, 4, 4}, {1, 2, 2}}).build();
        assertEquals(new VisualBlock(Modality.IMAGE, new Grid(1, 2, 2), Float.NaN, 0, 0), blocks(s.get(0)).get(0));
        assertEquals(new VisualBlock(Modality.IMAGE, new Grid(1, 1, 1), Float.NaN, 1, 0), blocks(s.get(1)).get(0));
    }

    @Test
    void qwen3VideosBecomeFrameBlocks() {
        // <t0> VS V V VE <t1> VS V V VE inside an outer VS ... VE (HF main's layout)
        int[] row = {1, VS, 27, 15, VS, VID, VID, VE, 27, 16, VS, VID, VID, VE, VE, 2};
        for (BlockDetection d : BlockDetection.values()) {
            QwenInputIds.Builder b = QwenInputIds.builder(ModelPreset.QWEN3_VL).inputIds(new int[][] {row})
                    .videoGridThw(new int[][] {{2, 2, 4}}).detection(d);
            if (d == BlockDetection.PLACEHOLDER_OFFSETS) {
                b.placeholders(List.of(List.of(new Placeholder(Modality.VIDEO, 2))));
            }
            assertEquals(List.of(new VisualBlock(Modality.VIDEO, new Grid(1, 1, 2), Float.NaN, 0, 0),
                    new VisualBlock(Modality.VIDEO, new Grid(1, 1, 2), Float.NaN, 0, 1)), blocks(b.build().get(0)),
                    d.apiName());
        }
    }

    @Test
    void placeholdersAreChecked() {
        int[] row = {1, VS, IMG, VE};
        QwenInputIds.Builder b = qwen2(row).imageGridThw(new int[][] {{1, 2, 2}})
                .detection(BlockDetection.PLACEHOLDER_OFFSETS);
        assertMessage("needs 1 image pad tokens from index 1", () -> b
                .placeholders(List.of(List.of(new Placeholder(Modality.IMAGE, 1)))).build());
        assertMessage("image_grid_thw provides 1 blocks but the prompt's blocks use only 0", () -> b
                .placeholders(List.of(List.of())).build());
        assertMessage("only used by block detection placeholder-offsets", () -> qwen2(row)
                .imageGridThw(new int[][] {{1, 2, 2}}).placeholders(List.of(List.of())).build());
        assertEquals(1, blocks(b.placeholders(List.of(List.of(new Placeholder(Modality.IMAGE, 2)))).build().get(0))
                .size());
    }

    private static void assertMessage(String fragment, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
    }
}
