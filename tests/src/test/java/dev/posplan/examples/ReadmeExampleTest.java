package dev.posplan.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.PromptPart;
import dev.posplan.multimodal.QwenFormats;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.planners.allocation.PairAllocation;
import dev.posplan.planners.PositionPlan;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.SchemeRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's library example, kept compiling and true. */
class ReadmeExampleTest {

    @Test
    void readmeExample() {
        TokenStream stream = QwenFormats.QWEN3_VL.expand(List.of(
                new PromptPart.Text(12),
                new PromptPart.Image(new Grid(1, 16, 20)),
                new PromptPart.Text(30)));
        Scheme scheme = SchemeRegistry.create("mrope-interleave", SchemeParams.of("compat", "vllm"));
        PositionPlan plan = scheme.plan(stream);
        PairAllocation freqs = (PairAllocation) scheme.frequencies();

        assertEquals(12 + 1 + 16 * 20 + 1 + 30, plan.length());
        assertEquals(plan.length(), ((PositionPlan.Int32) plan).axis(2).remaining());
        // text 0..11, vision_start 12, image at base 13 spanning 20 columns, vision_end 33, text 34..63
        assertEquals(13, plan.get(0, 13));
        assertEquals(13 + 19, plan.get(2, 13 + 19));
        assertEquals(33, plan.get(0, 13 + 320));
        assertEquals(63, plan.maxPosition());
        assertEquals(64, plan.decodePosition(0, 0));
        assertEquals(64, freqs.pairs());
        assertEquals(1.0f, freqs.invFreq(0));
    }
}
