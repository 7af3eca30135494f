package dev.posplan.planners.scheme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.multimodal.AudioVideoBlock;
import dev.posplan.multimodal.BailingFormat;
import dev.posplan.multimodal.ErnieFormat;
import dev.posplan.multimodal.GlmFormat;
import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.Modality;
import dev.posplan.multimodal.PromptPart;
import dev.posplan.multimodal.QwenOmniFormat;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.multimodal.VisualBlock;
import dev.posplan.planners.BatchPlan;
import dev.posplan.planners.BatchPlanner;
import dev.posplan.planners.DType;
import dev.posplan.planners.PositionBuffer;
import dev.posplan.planners.PositionPlan;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.SchemeRegistry;
import dev.posplan.planners.allocation.ChannelPairing;
import dev.posplan.planners.allocation.PairAllocation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules of glm4v, ernie45-vl, bailing and the Qwen-Omni schemes on small hand-worked prompts. */
class FamilySchemesTest {

    private static double[] axis(PositionPlan plan, int axis) {
        double[] out = new double[plan.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = plan.get(axis, i);
        }
        return out;
    }

    @Test
    void glmFramesAdvanceOnlyThroughTheRunningMax() {
        // text, <begin_of_video>, frame 1x1x2, ts, frame 1x1x2, ts, <end_of_video>
        TokenStream s = GlmFormat.GLM4V.expand(List.of(new PromptPart.Text(1),
                new PromptPart.Video(new Grid(2, 1, 2), Float.NaN, new int[] {1, 1})));
        PositionPlan plan = SchemeRegistry.create("glm4v").plan(s);
        // 0 text, 1 bov, 2 boi, frame at 3: t 3 3, w 3 4; eoi 5, ts 6, boi 7, frame at 8: t 8 8, w 8 9; eoi 10 ...
        assertArrayEquals(new double[] {0, 1, 2, 3, 3, 5, 6, 7, 8, 8, 10, 11, 12}, axis(plan, 0));
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, axis(plan, 2));
        // half of the 128 channels rotate: 32 pairs, 8 on t, 12 on h, 12 on w
        PairAllocation glm = (PairAllocation) SchemeRegistry.create("glm4v").frequencies();
        assertEquals(32, glm.pairs());
        assertEquals(2, glm.axisOfPair(31));
        // GPT-J pairing: pair 31 rotates channels 62 and 63, not 31 and 63
        assertEquals(ChannelPairing.GPTJ, glm.pairing());
        assertArrayEquals(new int[] {62, 63}, glm.pairing().channels(31, glm.rotaryDim()));
    }

    @Test
    void ernieCompatModesDisagreeOnlyWhenAVideoIsLongerThanItIsWide() {
        List<PromptPart> parts = List.of(new PromptPart.Text(1), PromptPart.Video.uniform(new Grid(4, 1, 2), 0),
                new PromptPart.Text(1));
        TokenStream s = ErnieFormat.ERNIE45_VL.expand(parts);
        PositionPlan now = SchemeRegistry.create("ernie45-vl").plan(s);
        PositionPlan prev = SchemeRegistry.create("ernie45-vl", SchemeParams.of("compat", "transformers-prev")).plan(s);
        // base 2, t 2..5; transformers resumes at 2 + max(h, w) = 4, the previous version at max + 1 = 6
        assertEquals(4, now.get(0, s.length() - 2));
        assertEquals(6, prev.get(0, s.length() - 2));
        assertEquals(5, now.maxPosition());
        List<PromptPart> wide = List.of(new PromptPart.Text(1), PromptPart.Video.uniform(new Grid(2, 2, 3), 0));
        TokenStream w = ErnieFormat.ERNIE45_VL.expand(wide);
        // a video no longer than it is wide: every mode gives the same positions
        assertArrayEquals(axis(SchemeRegistry.create("ernie45-vl", SchemeParams.of("compat", "sglang")).plan(w), 0),
                axis(SchemeRegistry.create("ernie45-vl").plan(w), 0));
        PairAllocation ernie = (PairAllocation) SchemeRegistry.create("ernie45-vl").frequencies();
        assertEquals(ChannelPairing.GPTJ, ernie.pairing());
        int[] pairs = ernie.pairAxis();
        assertEquals(1, pairs[0]);
        assertEquals(2, pairs[43]);
        assertEquals(0, pairs[44]);
        assertThrows(IllegalArgumentException.class,
                () -> SchemeRegistry.create("ernie45-vl", SchemeParams.of("compat", "hf-main")));
    }

    @Test
    void ernieDeltaCountsUnpaddedTokensAndPadsAreZero() {
        TokenStream row = ErnieFormat.ERNIE45_VL.expand(List.of(new PromptPart.Text(3)));
        TokenStream longer = ErnieFormat.ERNIE45_VL.expand(List.of(new PromptPart.Text(5)));
        BatchPlan batch = new BatchPlanner(SchemeRegistry.create("ernie45-vl")).plan(List.of(row, longer));
        assertEquals(0, batch.get(0, 0, 0));
        assertEquals(0, batch.ropeDeltas()[0]);
        BatchPlan prev = new BatchPlanner(SchemeRegistry.create("ernie45-vl",
                SchemeParams.of("compat", "transformers-prev"))).plan(List.of(row, longer));
        assertEquals(1, prev.get(0, 0, 0));
        assertEquals(-2, prev.ropeDeltas()[0]);
    }

    @Test
    void bailingCentresHAndWOnTheFrameTimeSoTheyGoNegative() {
        TokenStream s = BailingFormat.BAILING.expand(List.of(new PromptPart.Image(new Grid(1, 9, 11))));
        Scheme bailing = SchemeRegistry.create("bailing");
        PositionPlan plan = bailing.plan(s);
        assertEquals(DType.INT32, plan.dtype());
        assertEquals(-3, java.util.Arrays.stream(axis(plan, 1)).min().orElseThrow());
        assertEquals(-4, java.util.Arrays.stream(axis(plan, 2)).min().orElseThrow());
        // text resumes after T only: the image's T is 1, so <image_end> gets 2 although W reached 6
        assertEquals(2, plan.get(0, s.length() - 1));
        assertEquals(2, plan.maxPosition());
        assertEquals(2 + 1 - s.length(), plan.ropeDelta());
        Scheme cacheRows = SchemeRegistry.create("bailing", SchemeParams.of("negative_positions", "vllm-cache-row",
                "max_position_embeddings", 4096));
        PositionPlan vllm = cacheRows.plan(s);
        assertEquals(4093, vllm.get(1, 1));
        assertEquals(plan.get(0, 1), vllm.get(0, 1));
        assertEquals(plan.ropeDelta(), vllm.ropeDelta());
        // planned into a caller's buffer, the rows are the cache rows too (not the walk's signed values)
        PositionBuffer into = PositionBuffer.allocate(DType.INT32, 3, s.length());
        cacheRows.planInto(s, into);
        for (int a = 0; a < 3; a++) {
            int axis = a;
            assertArrayEquals(axis(vllm, axis), java.util.stream.IntStream.range(0, s.length())
                    .mapToDouble(i -> into.get(axis, i)).toArray());
        }
    }

    @Test
    void bailingPlainVideoFramesAreTwoApart() {
        TokenStream s = BailingFormat.BAILING.expand(List.of(PromptPart.Video.uniform(new Grid(3, 1, 1), 0)));
        PositionPlan plan = SchemeRegistry.create("bailing").plan(s);
        assertArrayEquals(new double[] {0, 1, 3, 5, 6}, axis(plan, 0));
    }

    @Test
    void qwen3OmniKeepsFractionalTimeInFloat32() {
        List<PromptPart> parts = List.of(new PromptPart.Text(3),
                new PromptPart.Video(new Grid(3, 1, 1), 0.5f, new int[3]), new PromptPart.Text(1));
        PositionPlan plan = SchemeRegistry.create("qwen3-omni").plan(QwenOmniFormat.QWEN3_OMNI.expand(parts));
        assertEquals(DType.FLOAT32, plan.dtype());
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 10.5, 17, 18, 19}, axis(plan, 0));
        PositionPlan int25 = SchemeRegistry.create("qwen2.5-omni").plan(QwenOmniFormat.QWEN2_5_OMNI.expand(parts));
        assertEquals(DType.INT32, int25.dtype());
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 16, 29, 30, 31}, axis(int25, 0));
    }

    @Test
    void audioInVideoResumesAfterTheLastRunNotTheWholeBlock() {
        // a wide one-frame video and a short audio tail: w reaches s' + 5, the audio ends at s' + 1
        VisualBlock video = new VisualBlock(Modality.VIDEO, new Grid(1, 1, 6), 1.0f, 0, 0);
        TokenStream s = TokenStream.builder().text(1).add(new AudioVideoBlock(video, 2, new int[] {6, 2})).text(1)
                .build();
        PositionPlan plan = SchemeRegistry.create("qwen2.5-omni").plan(s);
        assertEquals(3, plan.get(0, s.length() - 1));
        assertEquals(6, plan.maxPosition());
    }

    /** The text-only branch takes its max over the pads' 1 too: a padded row with one real token has delta 1. */
    @Test
    void omniTextOnlyMaxIncludesThePadValue() {
        TokenStream one = TokenStream.builder().padding(3).text(1).build();
        TokenStream two = TokenStream.builder().padding(2).text(2).build();
        for (String name : List.of("qwen2.5-omni", "qwen3-omni")) {
            BatchPlan batch = new BatchPlanner(SchemeRegistry.create(name)).plan(List.of(one, two));
            assertEquals(1, batch.ropeDeltas()[0], name);
            assertEquals(0, batch.ropeDeltas()[1], name);
            assertEquals(1, batch.get(0, 0, 0), name);
            assertEquals(0, batch.get(0, 0, 3), name);
        }
    }

    /**
     * A padded text-only row with one real token: M over the pads (GLM's HF 4.x branch, pad 1) gives delta 1 - 3,
     * M over real tokens (ERNIE, Bailing) delta 0 + 1 - n with n the length each counts.
     */
    @Test
    void textOnlyPadRuleFollowsEachFamilysReference() {
        TokenStream row = TokenStream.builder().padding(3).text(1).build();
        assertEquals(1, SchemeRegistry.create("glm4v").plan(row).maxPosition());
        assertEquals(0, SchemeRegistry.create("ernie45-vl").plan(row).maxPosition());
        assertEquals(0, SchemeRegistry.create("ernie45-vl", SchemeParams.of("compat", "transformers-prev")).plan(row)
                .maxPosition());
        assertEquals(0, SchemeRegistry.create("bailing").plan(row).maxPosition());
    }

    @Test
    void schemesWithoutAudioRejectAudioInVideo() {
        VisualBlock video = new VisualBlock(Modality.VIDEO, new Grid(1, 1, 1), 1.0f, 0, 0);
        TokenStream s = TokenStream.builder().add(new AudioVideoBlock(video, 1, new int[] {1, 1})).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SchemeRegistry.create("mrope").plan(s));
        assertTrue(e.getMessage().contains("use_audio_in_video"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SchemeRegistry.create("tpe2d").plan(s));
    }

    @Test
    void unknownParametersOfTheNewSchemesAreRejected() {
        for (String name : List.of("glm4v", "ernie45-vl", "bailing", "qwen2.5-omni", "qwen3-omni")) {
            assertThrows(IllegalArgumentException.class,
                    () -> SchemeRegistry.create(name, new SchemeParams(Map.of("no_such", 1))), name);
        }
    }
}
