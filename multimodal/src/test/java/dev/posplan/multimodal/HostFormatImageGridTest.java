package dev.posplan.multimodal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who decides what an image grid's t means: the host format (qwen-mrope.md §2.1, vlm-ropes.md §1, §8). */
class HostFormatImageGridTest {

    private static List<HostFormat> singleSliceFormats() {
        List<HostFormat> out = new ArrayList<>(List.of(QwenFormats.values()));
        out.add(BareFormat.BARE);
        return out;
    }

    @Test
    void bareFormatRejectsImagesWithSeveralSlices() {
        HostFormat f = BareFormat.BARE;
        assertFalse(f.imageTilesOnT() || f.multiSliceImages());
        List<PromptPart> parts = List.of(new PromptPart.Image(new Grid(1, 2, 2)), new PromptPart.Text(1),
                new PromptPart.Image(new Grid(2, 2, 2)));
        String m = assertThrows(InvalidInputException.class, () -> f.expand(parts)).getMessage();
        assertTrue(m.contains(f.apiName()) && m.contains("image 1") && m.contains("grid.t = 2"), m);
    }

    @Test
    void qwenFormatsWriteAMultiSliceImageAsOneWrappedBlock() {
        for (QwenFormats f : QwenFormats.values()) {
            assertTrue(f.multiSliceImages(), f.apiName());
            TokenStream s = f.expand(List.of(new PromptPart.Text(2), new PromptPart.Image(new Grid(3, 2, 2))));
            assertEquals(2 + 1 + 12 + 1, s.length(), f.apiName());
            assertEquals(1, s.visualBlockCount(), f.apiName());
        }
    }

    @Test
    void singleSliceImagesAndMultiSliceVideosStillExpand() {
        for (HostFormat f : singleSliceFormats()) {
            TokenStream s = f.expand(List.of(new PromptPart.Image(new Grid(1, 2, 3)),
                    PromptPart.Video.uniform(new Grid(2, 2, 2), 0)));
            // One image block, then the video as one block or one block per frame.
            assertTrue(s.visualBlockCount() >= 2, f.apiName());
        }
    }

    @Test
    void internVlReadsTheImageTAsTiles() {
        assertTrue(InternVlFormat.INTERNVL2.imageTilesOnT());
        TokenStream s = InternVlFormat.INTERNVL2.expand(List.of(new PromptPart.Image(new Grid(7, 1, 256))));
        assertEquals(1 + 7 * 256 + 1, s.length());
    }
}
