package dev.posplan.planners.scheme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.planners.allocation.PairAllocation;

import dev.posplan.multimodal.TokenStream;
import dev.posplan.planners.BatchPlan;
import dev.posplan.planners.BatchPlanner;
import dev.posplan.planners.DType;
import dev.posplan.planners.allocation.FrequencyAllocation;
import dev.posplan.planners.PositionPlan;
import dev.posplan.planners.numerics.PythonRandom;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.SchemeRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** VideoRoPE, HoPE and their Multimodal-RoPEs versions: options and behaviour the golden files leave open. */
class DiagonalSchemesTest {

    /** 3 text, video 2x2x2, 2 text, written as Qwen2-VL does (vision_start/end as text). */
    private static final TokenStream VIDEO = TokenStream.builder().text(4).video(2, 2, 2).text(3).build();

    private static Scheme scheme(String name, Object... params) {
        return SchemeRegistry.create(name, SchemeParams.of(params));
    }

    private static double[] row(PositionPlan plan, int axis) {
        double[] out = new double[plan.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = plan.get(axis, i);
        }
        return out;
    }

    private static String invalidParameter(Runnable r) {
        return assertThrows(SchemeParams.InvalidParameterException.class, r::run).parameter();
    }

    @Test
    void videoropeScalesFramesByTwoByDefault() {
        PositionPlan plan = scheme("videorope").plan(VIDEO);
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 9}, row(plan, 0));
        assertEquals(-5, plan.ropeDelta());
        assertEquals(DType.FLOAT32, plan.dtype());
        assertEquals(2.0, scheme("videorope").parameters().get("scale_factor"));
    }

    @Test
    void videoropeHonoursAUserScaleAsVllmDoes() {
        PositionPlan plan = scheme("videorope", "scale_factor", 1.0).plan(VIDEO);
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 4, 4, 4, 5, 5, 5, 5, 6, 7, 8}, row(plan, 0));
    }

    @Test
    void textOnlyPromptsAreIntegral() {
        for (String name : List.of("videorope", "videorope-mr", "hope", "hope-mr")) {
            assertEquals(DType.INT32, scheme(name).plan(TokenStream.builder().text(5).build()).dtype(), name);
        }
    }

    @Test
    void badScalesNameTheirParameter() {
        assertEquals("scale_factor", invalidParameter(() -> scheme("videorope", "scale_factor", 0.0)));
        assertEquals("scale_factor", invalidParameter(() -> scheme("videorope", "scale_factor", -2.0)));
        assertEquals("scale_factor", invalidParameter(() -> scheme("hope", "scale_factor", 1e-60)));
        assertEquals("temporal_stride", invalidParameter(() -> scheme("videorope-mr", "temporal_stride", -1.0)));
        assertEquals("scale_factors", invalidParameter(() -> scheme("hope", "scale_factors", List.of())));
        assertEquals("scale_factors", invalidParameter(() -> scheme("hope", "scale_factors", List.of(0.5, 0.0))));
        assertEquals("temporal_stride_lst", invalidParameter(() -> scheme("hope-mr", "temporal_stride_lst", List.of(-1))));
        assertEquals("block_scales", invalidParameter(() -> scheme("hope", "block_scales", List.of(1.0, 0.0))));
        assertEquals("mrope_section", invalidParameter(() -> scheme("videorope", "mrope_section", List.of(16, 24, 23))));
        assertEquals("decode", invalidParameter(() -> scheme("hope", "decode", "zeros")));
    }

    @Test
    void hopeTakesOneScaleRuleOnly() {
        assertEquals("scale_factors", invalidParameter(() -> scheme("hope", "scale_factor", 1.0,
                "scale_factors", List.of(0.5, 1.0))));
        assertEquals("block_scales", invalidParameter(() -> scheme("hope", "scale_factors", List.of(0.5, 1.0),
                "block_scales", List.of(0.5))));
        assertEquals("seed", invalidParameter(() -> scheme("hope", "seed", 3)));
        assertEquals(1.0, scheme("hope").parameters().get("scale_factor"));
    }

    @Test
    void hopeFractionalScaleMakesLaterTextFractional() {
        PositionPlan plan = scheme("hope", "scale_factor", 0.5).plan(VIDEO);
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 4, 4, 4, 4.5, 4.5, 4.5, 4.5, 5.5, 6.5, 7.5}, row(plan, 0));
        assertEquals(-6.5, plan.ropeDelta());
        assertEquals(8.5, plan.decodePosition(1, 0));
    }

    /** Two videos, so that the draws of different seeds can differ in what they show. */
    private static final TokenStream TWO_VIDEOS = TokenStream.builder()
            .text(2).video(3, 1, 2).text(2).video(3, 2, 1).text(2).video(2, 1, 1).text(1).build();

    @Test
    void seededDrawsAreReproducibleAndFollowTheSeed() {
        List<Double> scales = List.of(0.5, 0.75, 1.0, 1.25, 1.5);
        Scheme a = scheme("hope", "scale_factors", scales, "seed", 1234);
        double[] first = row(a.plan(TWO_VIDEOS), 0);
        // every plan restarts from the seed, also from another instance
        assertArrayEquals(first, row(a.plan(TWO_VIDEOS), 0));
        assertArrayEquals(first, row(scheme("hope", "scale_factors", scales, "seed", 1234).plan(TWO_VIDEOS), 0));
        // seed 1234 draws 1.25, 0.5, 0.5 (CPython): the same as giving those scales
        assertArrayEquals(first, row(scheme("hope", "block_scales", List.of(1.25, 0.5, 0.5)).plan(TWO_VIDEOS), 0));
        assertNotEquals(List.of(first), List.of(row(scheme("hope", "scale_factors", scales, "seed", 0).plan(TWO_VIDEOS), 0)));
        assertEquals(1234, a.parameters().get("seed"));
    }

    @Test
    void blockScalesMustMatchTheBlocksAndNameTheirParameter() {
        for (List<Double> scales : List.of(List.of(1.0, 1.0), List.of(1.0, 1.0, 1.0, 1.0))) {
            Scheme s = scheme("hope", "block_scales", scales);
            SchemeParams.InvalidParameterException e = assertThrows(SchemeParams.InvalidParameterException.class,
                    () -> s.plan(TWO_VIDEOS));
            assertEquals("block_scales", e.parameter());
            assertTrue(e.getMessage().contains("3 visual blocks"), e.getMessage());
        }
        // a batch takes one scale per block of all its rows, in row order
        Scheme six = scheme("hope", "block_scales", List.of(1.0, 1.0, 1.0, 0.5, 0.5, 0.5));
        BatchPlan batch = new BatchPlanner(six).plan(List.of(TWO_VIDEOS, TWO_VIDEOS));
        assertArrayEquals(row(scheme("hope", "scale_factor", 0.5).plan(TWO_VIDEOS), 0), row(batch.row(1), 0));
    }

    @Test
    void seededDrawsContinueAcrossTheRowsOfABatch() {
        double[] candidates = {0.5, 0.75, 1.0, 1.25, 1.5};
        PythonRandom random = new PythonRandom(1234);
        double[] draws = new double[6];
        for (int k = 0; k < draws.length; k++) {
            draws[k] = candidates[random.randbelow(candidates.length)];
        }
        Scheme hope = scheme("hope", "scale_factors", List.of(0.5, 0.75, 1.0, 1.25, 1.5), "seed", 1234);
        BatchPlan batch = new BatchPlanner(hope).plan(List.of(TWO_VIDEOS, TWO_VIDEOS));
        // row 0 is what a single plan draws; row 1 continues with draws 3..5 instead of restarting
        assertArrayEquals(row(hope.plan(TWO_VIDEOS), 0), row(batch.row(0), 0));
        double[] continued = row(scheme("hope", "block_scales", List.of(draws[3], draws[4], draws[5]))
                .plan(TWO_VIDEOS), 0);
        assertArrayEquals(continued, row(batch.row(1), 0));
        assertNotEquals(List.of(draws[0], draws[1], draws[2]), List.of(draws[3], draws[4], draws[5]));
    }

    /** The references take their float path for the whole batch as soon as any row has a visual block. */
    @Test
    void aBatchMixingTextOnlyAndVisualRowsIsFloatForEveryRow() {
        TokenStream text = TokenStream.builder().text(5).build();
        TokenStream image = TokenStream.builder().text(2).image(1, 2, 2).text(2).build();
        for (String name : List.of("videorope", "videorope-mr", "hope", "hope-mr", "circlerope")) {
            Scheme s = scheme(name);
            BatchPlan batch = new BatchPlanner(s).plan(List.of(text, image));
            assertEquals(DType.FLOAT32, batch.dtype(), name);
            float[][][] ids = batch.floatPositionIds();
            // the text row keeps its values (left-padded with the pad value 1), only the dtype changes
            PositionPlan alone = s.plan(TokenStream.builder().padding(3).text(5).build());
            assertEquals(DType.INT32, alone.dtype(), name);
            for (int a = 0; a < 3; a++) {
                for (int i = 0; i < batch.length(); i++) {
                    assertEquals(alone.get(a, i), ids[a][0][i], name + " axis " + a + " token " + i);
                }
            }
            for (int a = 0; a < 3; a++) {
                assertArrayEquals(((PositionPlan.Float32) s.plan(image)).axisValues(a),
                        ((PositionPlan.Float32) batch.row(1)).axisValues(a), name);
            }
            assertEquals(alone.ropeDelta(), batch.ropeDeltas()[0], name);
            assertEquals(DType.INT32, new BatchPlanner(s).plan(List.of(text, text)).dtype(), name);
        }
    }

    @Test
    void hopeOfficialDecodeIsAllZeros() {
        PositionPlan plan = scheme("hope", "decode", "official-code").plan(VIDEO);
        for (int a = 0; a < 3; a++) {
            assertEquals(0, plan.decodePosition(a, 0));
            assertEquals(0, plan.decodePosition(a, 5));
        }
        // the prefill is the intended one (scale 1: frames at 4 and 5, last text at 8)
        assertEquals(-6, plan.ropeDelta());
        assertEquals(10, scheme("hope").plan(VIDEO).decodePosition(0, 1));
    }

    /**
     * A non-dyadic scale: positions follow the reference's float32 order ({@code ti*s}, plus the text length,
     * plus {@code st_idx}, each rounded), which differs from one rounding of the exact sum at tokens 7 and 10.
     * Expected values from the reference arithmetic replayed in numpy float32.
     */
    @Test
    void float32OrderOfTheReference() {
        TokenStream s = TokenStream.builder().text(1).video(4, 1, 1).text(1).video(8, 1, 1).text(1).build();
        double[] expected = {0.0, 1.0, 1.100000023841858, 1.2000000476837158, 1.2999999523162842, 2.299999952316284,
            3.299999952316284, 3.4000000953674316, 3.5, 3.5999999046325684, 3.6999998092651367, 3.799999952316284,
            3.9000000953674316, 4.0, 5.0};
        PositionPlan plan = scheme("hope", "scale_factor", 0.1).plan(s);
        for (int a = 0; a < 3; a++) {
            assertArrayEquals(expected, row(plan, a));
        }
    }

    @Test
    void centreIsTheLowerMiddleForEvenSides() {
        // 1x2x4 image after 1 text token: ch = 0, cw = 1
        PositionPlan plan = scheme("videorope").plan(TokenStream.builder().text(1).image(1, 2, 4).build());
        assertArrayEquals(new double[] {0, 1, 1, 1, 1, 2, 2, 2, 2}, row(plan, 1));
        assertArrayEquals(new double[] {0, 0, 1, 2, 3, 0, 1, 2, 3}, row(plan, 2));
    }

    @Test
    void allocations() {
        PairAllocation official = (PairAllocation) scheme("videorope").frequencies();
        PairAllocation hope = (PairAllocation) scheme("hope").frequencies();
        PairAllocation mr = (PairAllocation) scheme("videorope-mr").frequencies();
        PairAllocation hopeMr = (PairAllocation) scheme("hope-mr").frequencies();
        assertEquals(1_000_000, official.theta());
        assertEquals(5_000_000, mr.theta());
        for (int j = 0; j < 64; j++) {
            int t = FrequencyAllocation.NO_ROTATION;
            assertEquals(official.axisOfPair(j) == 0 ? t : official.axisOfPair(j), hope.axisOfPair(j), "pair " + j);
            assertEquals(mr.axisOfPair(j) == 0 ? t : mr.axisOfPair(j), hopeMr.axisOfPair(j), "pair " + j);
        }
        assertEquals(0, mr.axisOfPair(0));
        assertEquals(1, official.axisOfPair(0));
    }

    @Test
    void unknownParametersAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> SchemeRegistry.create("hope-mr", new SchemeParams(Map.of("temporal_stride", 2.0))));
    }
}
