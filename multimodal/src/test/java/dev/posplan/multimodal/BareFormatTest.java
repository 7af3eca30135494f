package dev.posplan.multimodal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BareFormatTest {

    @Test
    void addsNoTokensAndKeepsVideosWhole() {
        TokenStream s = BareFormat.BARE.expand(List.of(new PromptPart.Text(2), new PromptPart.Image(new Grid(1, 2, 3)),
                PromptPart.Video.uniform(new Grid(4, 1, 2), 3), PromptPart.Text.shared(5)), 1);
        assertEquals(1 + 2 + 6 + 8 + 5, s.length());
        assertEquals(5, s.segments().size()); // padding, text, image, video, shared text
        VisualBlock video = (VisualBlock) s.segments().get(3);
        assertEquals(new Grid(4, 1, 2), video.grid());
        assertEquals(Modality.VIDEO, video.modality());
        assertEquals(TextRole.SHARED, ((TextRun) s.segments().get(4)).role());
        assertEquals("bare", BareFormat.BARE.apiName());
    }

    @Test
    void qwenFormatsKeepTheTextRole() {
        TokenStream s = QwenFormats.QWEN2_VL.expand(List.of(new PromptPart.Text(1), PromptPart.Text.shared(2)));
        assertEquals(TextRole.TEXT, ((TextRun) s.segments().get(0)).role());
        assertEquals(TextRole.SHARED, ((TextRun) s.segments().get(1)).role());
    }

    @Test
    void onlySharedTextHoldsItsPosition() {
        for (TextRole r : TextRole.values()) {
            assertEquals(r != TextRole.SHARED, r.advancesPosition(), r.name());
        }
    }
}
