package dev.posplan.planners.scheme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.posplan.multimodal.BareFormat;
import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.PromptPart;
import dev.posplan.multimodal.QwenFormats;
import dev.posplan.multimodal.TextRole;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.planners.DType;
import dev.posplan.planners.allocation.PairAllocation;
import dev.posplan.planners.PositionPlan;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.SchemeRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class VropeTest {

    private static final Scheme VROPE = SchemeRegistry.create("vrope");

    private static double[] row(PositionPlan plan, int axis, int from, int to) {
        double[] out = new double[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = plan.get(axis, i);
        }
        return out;
    }

    @Test
    void fourCombinationsShareTheFrameRange() {
        // 2 text, image 2x3: the frame uses indices 2..5 on every axis; text resumes at 6
        PositionPlan plan = VROPE.plan(TokenStream.builder().text(2).image(1, 2, 3).text(1).build());
        assertEquals(4, plan.axes());
        assertEquals(DType.INT32, plan.dtype());
        assertArrayEquals(new double[] {2, 3, 4, 3, 4, 5}, row(plan, 0, 2, 8));
        assertArrayEquals(new double[] {4, 3, 2, 5, 4, 3}, row(plan, 1, 2, 8));
        assertArrayEquals(new double[] {3, 4, 5, 2, 3, 4}, row(plan, 2, 2, 8));
        assertArrayEquals(new double[] {5, 4, 3, 4, 3, 2}, row(plan, 3, 2, 8));
        for (int a = 0; a < 4; a++) {
            assertEquals(6, plan.get(a, 8));
        }
        assertEquals(7, plan.decodePosition(3, 0));
    }

    @Test
    void framesFollowEachOther() {
        // video 3 frames of 1x2: span 2, frames at 0, 2, 4; text at 6
        PositionPlan plan = VROPE.plan(TokenStream.builder().video(3, 1, 2).text(1).build());
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 6}, row(plan, 0, 0, 7));
        assertArrayEquals(new double[] {1, 0, 3, 2, 5, 4, 6}, row(plan, 1, 0, 7));
    }

    @Test
    void sharedSuffixesStartTogetherAndDecodeContinuesAtTheIndex() {
        TokenStream s = TokenStream.builder().text(2).text(3, TextRole.SHARED).text(3, TextRole.SHARED).build();
        PositionPlan plan = VROPE.plan(s);
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 2, 3, 4}, row(plan, 2, 0, 8));
        assertEquals(2, plan.decodePosition(0, 0));
        assertEquals(4, plan.decodePosition(0, 2));
        assertEquals(2 - 8, plan.ropeDelta());
    }

    @Test
    void pairsCycleThroughTheCombinations() {
        PairAllocation f = (PairAllocation) SchemeRegistry.create("vrope",
                SchemeParams.of("head_dim", 16, "rope_theta", 10_000.0))
                .frequencies();
        assertArrayEquals(new int[] {0, 1, 2, 3, 0, 1, 2, 3}, f.pairAxis());
        assertEquals(10_000, f.theta());
        assertEquals(1_000_000, ((PairAllocation) VROPE.frequencies()).theta());
    }

    @Test
    void onAQwenStyleHostTheWrapperTokensAreText() {
        // The repo leaves the host open; on a Qwen2-VL stream <|vision_start|>/<|vision_end|> are plain text
        // that advance the index, and the video stays one block whose frames follow each other.
        List<dev.posplan.multimodal.PromptPart> parts = List.of(
                new PromptPart.Text(2),
                PromptPart.Video.uniform(new dev.posplan.multimodal.Grid(2, 2, 2), 0),
                new PromptPart.Text(1));
        PositionPlan bare = VROPE.plan(BareFormat.BARE.expand(parts));
        PositionPlan qwen = VROPE.plan(QwenFormats.QWEN2_VL.expand(parts));
        assertEquals(bare.length() + 2, qwen.length());
        assertEquals(2, qwen.get(0, 2), "vision_start takes the next index");
        for (int a = 0; a < 4; a++) {
            for (int k = 0; k < 8; k++) {
                assertEquals(bare.get(a, 2 + k) + 1, qwen.get(a, 3 + k), "video token " + k + " axis " + a);
            }
        }
        assertEquals(bare.get(0, 10) + 2, qwen.get(0, 12), "text after vision_end");
        assertEquals(bare.decodePosition(0, 0) + 2, qwen.decodePosition(0, 0));
    }
}
