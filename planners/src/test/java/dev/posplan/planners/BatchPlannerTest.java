package dev.posplan.planners;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.posplan.planners.compat.DeltaBase;

import dev.posplan.multimodal.TokenStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchPlannerTest {

    /** Row 0: text 2, image 1x2x2, text 2 (M = 5, n = 8); row 1: text 3. */
    private static final List<TokenStream> ROWS = List.of(
            TokenStream.builder().text(2).image(1, 2, 2).text(2).build(),
            TokenStream.builder().text(3).build());

    private static Scheme mrope(String compat) {
        return SchemeRegistry.create("mrope", SchemeParams.of("compat", compat));
    }

    @Test
    void shorterRowsArePaddedWithTheSchemesPadValue() {
        BatchPlan legacy = new BatchPlanner(mrope("hf-4.51")).plan(ROWS);
        assertEquals(8, legacy.length());
        int[][][] ids = legacy.intPositionIds();
        assertArrayEquals(new int[] {0, 1, 2, 2, 3, 3, 4, 5}, ids[1][0]);
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 0, 1, 2}, ids[0][1]);
        assertEquals(DeltaBase.PADDED, legacy.deltaBase());
        assertArrayEquals(new double[] {-2, -5}, legacy.ropeDeltas());

        BatchPlan main = new BatchPlanner(mrope("hf-main")).plan(ROWS);
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 1, 2}, main.intPositionIds()[2][1]);
        assertArrayEquals(new double[] {-2, 0}, main.ropeDeltas());
    }

    @Test
    void rightPaddingAndDecodeRules() {
        Scheme main = mrope("hf-main");
        BatchPlan right = new BatchPlanner(main, PaddingSide.RIGHT).plan(ROWS);
        assertArrayEquals(new int[] {0, 1, 2, 0, 0, 0, 0, 0}, right.intPositionIds()[0][1]);
        // generate() reads the last slot, a pad (0), on a right-padded row.
        assertArrayEquals(new double[] {1, 2}, right.decodePositions(2)[0][1]);
        assertArrayEquals(new double[] {6, 7}, right.decodePositions(2)[0][0]);

        Scheme legacy = mrope("hf-4.57");
        assertArrayEquals(new double[] {3, 4}, new BatchPlanner(legacy).plan(ROWS).decodePositions(2)[2][1]);
        // forward() without a mask: L + k + unpadded delta, off by the 5 pads of the left-padded row.
        Scheme forward = SchemeRegistry.create("mrope", SchemeParams.of("compat", "hf-main", "decode", "forward-no-mask"));
        assertArrayEquals(new double[] {8, 9}, new BatchPlanner(forward).plan(ROWS).decodePositions(2)[1][1]);
    }

    @Test
    void theBatchDeltaBaseIsWhatTheSchemesPlansDeclare() {
        Scheme vllm = SchemeRegistry.create("mrope", SchemeParams.of("compat", "hf-4.51", "rope_deltas", "unpadded"));
        BatchPlan plan = new BatchPlanner(vllm).plan(ROWS);
        assertEquals(DeltaBase.UNPADDED, plan.deltaBase());
        assertArrayEquals(new double[] {-2, 0}, plan.ropeDeltas());
        assertEquals(DeltaBase.PADDED, new BatchPlanner(SchemeRegistry.create("vanilla")).plan(ROWS).deltaBase());
    }

    @Test
    void emptyBatchIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new BatchPlanner(mrope("vllm")).plan(List.of()));
    }
}
