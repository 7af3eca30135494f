package dev.posplan.planners.scheme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.PromptPart;
import dev.posplan.multimodal.QwenFormats;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.planners.DType;
import dev.posplan.planners.PositionPlan;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.SchemeRegistry;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CircleRopeTest {

    private static final TokenStream WORKED = V2peMrTest.WORKED;

    private static PositionPlan plan(TokenStream s, Object... params) {
        return SchemeRegistry.create("circlerope", SchemeParams.of(params)).plan(s);
    }

    private static double[] all(PositionPlan p) {
        double[] out = new double[p.axes() * p.length()];
        for (int a = 0; a < p.axes(); a++) {
            for (int i = 0; i < p.length(); i++) {
                out[a * p.length() + i] = p.get(a, i);
            }
        }
        return out;
    }

    /** Smallest position of the image tokens (4..9 in the worked stream) over all axes. */
    private static double imageMin(PositionPlan p) {
        double min = Double.POSITIVE_INFINITY;
        for (int a = 0; a < 3; a++) {
            for (int i = 4; i < 10; i++) {
                min = Math.min(min, p.get(a, i));
            }
        }
        return min;
    }

    @Test
    void workedExampleOfTheTestConfig() {
        // vlm-ropes.md §5 table, CircleRoPE column (move_to_origin, dff_rate true, radius 10, alpha 0.5).
        PositionPlan p = plan(WORKED, "move_to_origin", true, "dff_rate", true, "radius", 10, "alpha", 0.5);
        assertEquals(DType.FLOAT32, p.dtype());
        assertEquals(3.5918, p.get(0, 4), 1e-4);
        assertEquals(3.497, p.get(1, 4), 1e-3);
        assertEquals(4.9112, p.get(2, 4), 1e-4);
        assertEquals(5.9112, p.get(0, 10), 1e-4);
        assertEquals(-4.0888, p.ropeDelta(), 1e-4);
    }

    @Test
    void textOnlyInputHasIntegerPositions() {
        TokenStream text = TokenStream.builder().padding(2).text(5).build();
        PositionPlan p = plan(text);
        assertEquals(DType.INT32, p.dtype());
        assertEquals(4, p.get(2, 6));
    }

    @Test
    void autoRadiusIsKTimesTheLargestCentredCoordinate() {
        // 1x2x3 grid centred: x in {-1, 0, 1}, y in {-0.5, 0.5} -> largest coordinate 1.
        Object[] common = {"move_to_origin", true, "alpha", 0.5};
        assertEquals(Arrays.toString(all(plan(WORKED, with(common, "radius", 1)))),
                Arrays.toString(all(plan(WORKED, with(common, "radius", "auto")))));
        assertEquals(Arrays.toString(all(plan(WORKED, with(common, "radius", 2.5)))),
                Arrays.toString(all(plan(WORKED, with(common, "radius", "auto-2.5")))));
        assertNotEquals(Arrays.toString(all(plan(WORKED, with(common, "radius", 1)))),
                Arrays.toString(all(plan(WORKED, with(common, "radius", 2)))));
    }

    @Test
    void badRadiusKeywordsAreRejected() {
        for (Object radius : new Object[] {"auto-", "auto-x", "auto2", "big", true}) {
            assertEquals("radius", assertThrows(SchemeParams.InvalidParameterException.class,
                    () -> SchemeRegistry.create("circlerope", SchemeParams.of("radius", radius))).parameter(),
                    String.valueOf(radius));
        }
    }

    @Test
    void optionRangesFollowTheReferenceConfig() {
        assertEquals("alpha", assertThrows(SchemeParams.InvalidParameterException.class,
                () -> SchemeRegistry.create("circlerope", SchemeParams.of("alpha", 1.5))).parameter());
        assertEquals("dff_rate", assertThrows(SchemeParams.InvalidParameterException.class,
                () -> SchemeRegistry.create("circlerope", SchemeParams.of("dff_rate", 1.5))).parameter());
        assertEquals("dff_rate", assertThrows(SchemeParams.InvalidParameterException.class,
                () -> SchemeRegistry.create("circlerope", SchemeParams.of("dff_rate", "half"))).parameter());
        assertEquals("move_to_positive", assertThrows(SchemeParams.InvalidParameterException.class,
                () -> SchemeRegistry.create("circlerope", SchemeParams.of("move_to_positive", "yes"))).parameter());
        assertEquals("method", assertThrows(SchemeParams.InvalidParameterException.class,
                () -> SchemeRegistry.create("circlerope", SchemeParams.of("method", "sphere"))).parameter());
    }

    @Test
    void fullDffRateReplacesTheCircle() {
        String onlyGrid = Arrays.toString(all(plan(WORKED, "move_to_origin", true, "dff_rate", true, "radius", 3)));
        assertEquals(onlyGrid, Arrays.toString(all(plan(WORKED, "move_to_origin", true, "dff_rate", 1.0,
                "radius", 10))));
        assertEquals(onlyGrid, Arrays.toString(all(plan(WORKED, "move_to_origin", true, "method", "no_circle"))));
    }

    @Test
    void moveToPositiveShiftsTheSmallestComponentToTheOffset() {
        Object[] common = {"move_to_origin", true, "radius", 10, "alpha", 0.5};
        // vision_start is at 3, so the block base is 4.
        assertTrue(imageMin(plan(WORKED, common)) < 4);
        assertEquals(4.0, imageMin(plan(WORKED, with(common, "move_to_positive", "auto"))), 1e-6);
        assertEquals(5.0, imageMin(plan(WORKED, with(common, "move_to_positive", true))), 1e-6);
        assertEquals(6.5, imageMin(plan(WORKED, with(common, "move_to_positive", 2.5))), 1e-6);
        assertTrue(imageMin(plan(WORKED, with(common, "move_to_positive", 0))) < 4);
    }

    @Test
    void multiSliceBlocksNeedTheCircleWithoutBlending() {
        TokenStream video = QwenFormats.QWEN2_VL.expand(List.of(new PromptPart.Text(1),
                PromptPart.Video.uniform(new Grid(2, 2, 2), 0)));
        PositionPlan p = plan(video, "radius", 10, "alpha", 0.5, "temporal_stride", 2.0);
        for (int a = 0; a < 3; a++) {
            for (int c = 0; c < 4; c++) {
                assertEquals(p.get(a, 2 + c) + 2, p.get(a, 6 + c), 1e-5);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> plan(video, "method", "no_circle"));
        assertThrows(IllegalArgumentException.class, () -> plan(video, "dff_rate", 0.5));
    }

    private static Object[] with(Object[] base, Object... more) {
        Object[] out = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, out, base.length, more.length);
        return out;
    }
}
