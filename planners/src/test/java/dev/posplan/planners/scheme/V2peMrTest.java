package dev.posplan.planners.scheme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.PromptPart;
import dev.posplan.multimodal.QwenFormats;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.planners.PositionPlan;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.SchemeRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class V2peMrTest {

    static final TokenStream WORKED = QwenFormats.QWEN3_VL.expand(List.of(new PromptPart.Text(3),
            new PromptPart.Image(new Grid(1, 2, 3)), new PromptPart.Text(2)));

    @Test
    void workedExample() {
        // vlm-ropes.md §5 table, V2PE-MR column (visual_stride 16).
        PositionPlan p = SchemeRegistry.create("v2pe-mr").plan(WORKED);
        float[] expected = {0, 1, 2, 3, 5.6666665f, 8.333333f, 11, 13.666667f, 16.333334f, 19, 20, 21, 22};
        assertEquals(1, p.axes());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], (float) p.get(0, i), "token " + i);
        }
        assertEquals(10, p.ropeDelta());
        assertEquals(23, p.decodePosition(0, 0));
    }

    @Test
    void visualStrideMustBePositive() {
        for (double stride : new double[] {0, -16}) {
            assertEquals("visual_stride", assertThrows(SchemeParams.InvalidParameterException.class,
                    () -> SchemeRegistry.create("v2pe-mr", SchemeParams.of("visual_stride", stride))).parameter());
        }
    }

    @Test
    void aBlockSpansTheVisualStride() {
        PositionPlan p = SchemeRegistry.create("v2pe-mr", SchemeParams.of("visual_stride", 4.0)).plan(WORKED);
        // vision_start at 3, six tokens up to 3 + 4 = 7, vision_end at 8.
        assertEquals(7.0, p.get(0, 9));
        assertEquals(8.0, p.get(0, 10));
    }
}
