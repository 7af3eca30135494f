package dev.posplan.multimodal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InternVlFormatTest {

    private static List<String> runs(TokenStream s) {
        List<String> out = new ArrayList<>();
        for (Segment seg : s.segments()) {
            if (seg instanceof TextRun t) {
                out.add(t.role() + "x" + t.tokens());
            } else if (seg instanceof VisualBlock b) {
                out.add(b.modality() + "#" + b.frame() + "x" + b.tokens());
            } else if (seg instanceof PaddingRun p) {
                out.add("PADx" + p.tokens());
            } else {
                throw new IllegalStateException("unhandled segment " + seg);
            }
        }
        return out;
    }

    @Test
    void imageTilesFormOneRunBetweenImgTags() {
        TokenStream s = InternVlFormat.INTERNVL2.expand(List.of(new PromptPart.Text(3),
                new PromptPart.Image(new Grid(3, 16, 16))), 2);
        assertEquals(List.of("PADx2", "TEXTx3", "IMAGE_STARTx1", "IMAGE#0x768", "IMAGE_ENDx1"), runs(s));
    }

    @Test
    void videoFramesArePrefixedAndSeparated() {
        TokenStream s = new InternVlFormat(2).expand(List.of(PromptPart.Video.uniform(new Grid(3, 1, 4), 3)));
        assertEquals(List.of(
                "FRAME_PREFIXx3", "IMAGE_STARTx1", "VIDEO#0x4", "IMAGE_ENDx1",
                "FRAME_SEPARATORx2", "FRAME_PREFIXx3", "IMAGE_STARTx1", "VIDEO#1x4", "IMAGE_ENDx1",
                "FRAME_SEPARATORx2", "FRAME_PREFIXx3", "IMAGE_STARTx1", "VIDEO#2x4", "IMAGE_ENDx1"), runs(s));
        assertEquals(3 * (3 + 1 + 4 + 1) + 2 * 2, s.length());
    }

    @Test
    void rejectsNegativeSeparators() {
        assertThrows(IllegalArgumentException.class, () -> new InternVlFormat(-1));
    }
}
