package dev.posplan.planners.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.multimodal.TextRole;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.multimodal.table.Table;
import dev.posplan.multimodal.table.TableGrid;
import dev.posplan.multimodal.table.TableSeparators;
import dev.posplan.planners.BatchPlan;
import dev.posplan.planners.BatchPlanner;
import dev.posplan.planners.allocation.PairAllocation;
import dev.posplan.planners.allocation.InvFreq;
import dev.posplan.planners.PaddingSide;
import dev.posplan.planners.PositionPlan;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.SchemeRegistry;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class Tpe2dTest {

    private final Tpe2d scheme = (Tpe2d) SchemeRegistry.create("tpe2d");

    private static TableGrid grid(int[][] counts) {
        return TableGrid.serialise(Table.ofCounts(counts), null, TableSeparators.MINICPM);
    }

    /** The reference's shape: {@code prefix} tokens (BOS included), one table, {@code suffix} tokens. */
    private static TokenStream stream(int prefix, TableGrid table, int suffix) {
        return TokenStream.builder().text(prefix).table(table).text(suffix).build();
    }

    private static int[] axis(PositionPlan plan, int a) {
        return ((PositionPlan.Int32) plan).axisValues(a);
    }

    private static int[] concat(int[]... parts) {
        return Arrays.stream(parts).flatMapToInt(Arrays::stream).toArray();
    }

    private static int[] range(int from, int to) {
        return IntStream.range(from, to).toArray();
    }

    private static int[] times(int value, int n) {
        int[] out = new int[n];
        Arrays.fill(out, value);
        return out;
    }

    /** table-camera.md §1.5: P = 5, cells with token counts [[1,1,2],[2,1,1]], S = 3. */
    private PositionPlan workedExample() {
        return scheme.plan(stream(5, grid(new int[][] {{1, 1, 2}, {2, 1, 1}}), 3));
    }

    @Test
    void workedExampleOfTheSpec() {
        PositionPlan plan = workedExample();
        assertEquals(38, plan.length());
        assertArrayEquals(range(0, 38), axis(plan, Tpe2d.TX));
        assertArrayEquals(concat(range(0, 5), new int[] {5, 10, 14, 18, 22, 23, 27, 31}, new int[] {6, 11, 15, 19, 24, 28, 32},
                new int[] {7, 8, 12, 16, 20, 25, 29, 33}, new int[] {9, 13, 17, 21, 26, 30, 34}, range(35, 38)),
                axis(plan, Tpe2d.TY));
        assertArrayEquals(concat(range(0, 5), times(12, 8), times(20, 7), times(28, 8), times(36, 7), range(44, 47)),
                axis(plan, Tpe2d.PX));
        assertArrayEquals(concat(range(0, 5), new int[] {9, 14, 19, 24, 29, 29, 34, 39}, new int[] {9, 14, 19, 24, 29, 34, 39},
                new int[] {9, 9, 14, 19, 24, 29, 34, 39}, new int[] {9, 14, 19, 24, 29, 34, 39}, range(44, 47)),
                axis(plan, Tpe2d.PY));
        assertArrayEquals(concat(range(0, 5), new int[] {5, 13, 20, 21, 28, 6, 14, 22, 29, 7, 15, 23, 30, 8, 16, 24, 31,
                9, 10, 17, 25, 32, 11, 18, 26, 33, 12, 19, 27, 34}, range(35, 38)), Tpe2d.columnOrder(plan));
        assertEquals(46, plan.maxPosition());
    }

    @Test
    void concatenationsAreWhatTheModelReads() {
        PositionPlan plan = workedExample();
        assertArrayEquals(concat(axis(plan, Tpe2d.TX), axis(plan, Tpe2d.TY)), Tpe2d.tokenIds(plan));
        assertArrayEquals(concat(axis(plan, Tpe2d.PX), axis(plan, Tpe2d.PY)), Tpe2d.positionIds(plan));
        PositionPlan vanilla = SchemeRegistry.create("vanilla").plan(TokenStream.builder().text(3).build());
        assertThrows(IllegalArgumentException.class, () -> Tpe2d.tokenIds(vanilla));
    }

    @Test
    void decodingContinuesEveryStreamByOne() {
        PositionPlan plan = workedExample();
        for (int k = 0; k < 3; k++) {
            assertEquals(38 + k, plan.decodePosition(Tpe2d.TX, k));
            assertEquals(38 + k, plan.decodePosition(Tpe2d.TY, k));
            assertEquals(47 + k, plan.decodePosition(Tpe2d.PX, k));
            assertEquals(47 + k, plan.decodePosition(Tpe2d.PY, k));
        }
    }

    @Test
    void decodingAfterATableContinuesFromItsLastToken() {
        // 1x1 table after 2 tokens: grid 2x3, base 1, last row px 1 + 4*2, last column py 1 + 3*3
        PositionPlan plan = scheme.plan(TokenStream.builder().text(2).table(grid(new int[][] {{1}})).build());
        assertArrayEquals(new double[] {8, 8, 10, 11}, plan.decodePositions(2)[0]);
        assertArrayEquals(new double[] {9, 9, 11, 12}, plan.decodePositions(2)[1]);
    }

    @Test
    void closedFormMatchesTheLiteralColumnMajorTraversal() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int rows = 1 + random.nextInt(5);
            int cols = random.nextInt(5);
            int[][] counts = new int[rows][cols];
            for (int[] row : counts) {
                Arrays.setAll(row, c -> random.nextInt(4));   // 0-token cells included
            }
            int prefix = random.nextInt(6);
            int suffix = random.nextInt(4);
            TableGrid g = grid(counts);
            PositionPlan plan = scheme.plan(stream(prefix, g, suffix));
            int[][] expected = literal(counts, prefix, suffix);
            for (int a = 0; a < 4; a++) {
                assertArrayEquals(expected[a], axis(plan, a), "trial " + trial + " axis " + Tpe2d.AXES.get(a));
            }
            int[] order = Tpe2d.columnOrder(plan);
            int[] ty = axis(plan, Tpe2d.TY);
            for (int i = 0; i < ty.length; i++) {
                assertEquals(i, order[ty[i]]);
            }
        }
    }

    /** §1.2 written out token by token over an explicit list of grid items. */
    private static int[][] literal(int[][] counts, int p, int s) {
        int r2 = 2 * counts.length;
        int w = 2 * counts[0].length + 1;
        int[][] len = new int[r2][w];
        for (int i = 0; i < r2; i++) {
            for (int j = 0; j < w; j++) {
                len[i][j] = i % 2 == 0 && j % 2 == 0 && j < w - 1 ? counts[i / 2][j / 2] : 1;
            }
        }
        int[][] start = new int[r2][w];
        int k = p;
        for (int j = 0; j < w; j++) {
            for (int i = 0; i < r2; i++) {
                start[i][j] = k;
                k += len[i][j];
            }
        }
        int n = k + s;
        int[][] out = new int[4][n];
        int at = 0;
        for (; at < p; at++) {
            for (int[] axis : out) {
                axis[at] = at;
            }
        }
        for (int i = 0; i < r2; i++) {
            for (int j = 0; j < w; j++) {
                for (int t = 0; t < len[i][j]; t++, at++) {
                    out[0][at] = at;
                    out[1][at] = start[i][j] + t;
                    out[2][at] = p - 1 + (w + 1) * (i + 1);
                    out[3][at] = p - 1 + (r2 + 1) * (j + 1);
                }
            }
        }
        int b = p - 1 + (w + 1) * (r2 + 1);
        for (int t = 0; at < n; t++, at++) {
            out[0][at] = at;
            out[1][at] = at;
            out[2][at] = b + t;
            out[3][at] = b + t;
        }
        return out;
    }

    @Test
    void aSecondTableIsPermutedOnlyInsideItsSpanAndThe2dCounterCarriesOn() {
        // extrapolation of §1.4: 2 tokens, 1x1 table (6 tokens), 2 tokens, 1x1 table with a 2-token cell, 1 token
        PositionPlan plan = scheme.plan(TokenStream.builder().text(2).table(grid(new int[][] {{1}})).text(2)
                .table(grid(new int[][] {{2}})).text(1).build());
        assertArrayEquals(concat(range(0, 2), new int[] {2, 4, 6, 3, 5, 7}, range(8, 10),
                new int[] {10, 11, 13, 15, 12, 14, 16}, new int[] {17}), axis(plan, Tpe2d.TY));
        assertArrayEquals(concat(range(0, 2), times(5, 3), times(9, 3), range(13, 15), times(18, 4), times(22, 3),
                new int[] {26}), axis(plan, Tpe2d.PX));
        assertArrayEquals(concat(range(0, 2), new int[] {4, 7, 10, 4, 7, 10}, range(13, 15),
                new int[] {17, 17, 20, 23, 17, 20, 23}, new int[] {26}), axis(plan, Tpe2d.PY));
    }

    @Test
    void streamsWithoutTablesAreOneDimensionalAndPaddingContinues() {
        PositionPlan plan = scheme.plan(TokenStream.builder().text(3).text(1, TextRole.SHARED).text(2).padding(3).build());
        for (int a = 0; a < 4; a++) {
            assertArrayEquals(range(0, 9), axis(plan, a));
            assertEquals(6, plan.decodePosition(a, 0));
        }
        assertEquals(6, plan.unpaddedLength());
        assertEquals(8, plan.maxPosition());
    }

    @Test
    void paddingAfterATableContinuesEachAxisFromTheTablesLastToken() {
        // 1x1 table after 2 tokens, as in decodingAfterATableContinuesFromItsLastToken, then 2 padding tokens
        PositionPlan plan = scheme.plan(TokenStream.builder().text(2).table(grid(new int[][] {{1}})).padding(2).build());
        assertEquals(8, plan.unpaddedLength());
        assertArrayEquals(new int[] {8, 9}, Arrays.copyOfRange(axis(plan, Tpe2d.TX), 8, 10));
        assertArrayEquals(new int[] {10, 11}, Arrays.copyOfRange(axis(plan, Tpe2d.PX), 8, 10));
        assertArrayEquals(new int[] {11, 12}, Arrays.copyOfRange(axis(plan, Tpe2d.PY), 8, 10));
        assertArrayEquals(new double[] {8, 8, 10, 11}, plan.decodePositions(1)[0]);
        assertEquals(12, plan.maxPosition());
    }

    @Test
    void visualBlocksAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> scheme.plan(TokenStream.builder().text(3).image(1, 2, 2).text(2).build()));
        assertTrue(e.getMessage().contains("tpe2d") && e.getMessage().contains("visual block"), e.getMessage());
    }

    @Test
    void aBatchIsPaddedOnTheRightContinuingEachStreamFromItsLastValue() {
        TokenStream example = stream(5, grid(new int[][] {{1, 1, 2}, {2, 1, 1}}), 3);
        BatchPlan batch = new BatchPlanner(scheme).plan(List.of(example, TokenStream.builder().text(41).build()));
        assertEquals(PaddingSide.RIGHT, scheme.paddingSide());
        PositionPlan padded = batch.row(0);
        assertEquals(41, padded.length());
        assertEquals(38, padded.unpaddedLength());
        assertArrayEquals(range(0, 41), axis(padded, Tpe2d.TX));
        assertArrayEquals(new int[] {35, 36, 37, 38, 39, 40}, Arrays.copyOfRange(axis(padded, Tpe2d.TY), 35, 41));
        assertArrayEquals(new int[] {46, 47, 48, 49}, Arrays.copyOfRange(axis(padded, Tpe2d.PY), 37, 41));
        assertEquals(49, padded.maxPosition());
        assertEquals(47, padded.decodePosition(Tpe2d.PX, 0));
        // before: BatchPlanner padded on the left, and the row read 0 1 0 1 2
        BatchPlan text = new BatchPlanner(scheme).plan(List.of(TokenStream.builder().text(3).build(),
                TokenStream.builder().text(5).build()));
        assertArrayEquals(range(0, 5), axis(text.row(0), Tpe2d.TX));
        assertEquals(3, text.row(0).unpaddedLength());
    }

    @Test
    void consecutivePaddingRunsKeepCounting() {
        // before: the second run restarted from the last text value (3 4 3 4)
        PositionPlan plan = scheme.plan(TokenStream.builder().text(3).padding(2).padding(2).build());
        for (int a = 0; a < 4; a++) {
            assertArrayEquals(range(0, 7), axis(plan, a));
            assertEquals(3, plan.decodePosition(a, 0));
        }
        assertEquals(6, plan.maxPosition());
        // text after padding takes no position from it; padding after that text continues from the text
        PositionPlan mixed = scheme.plan(TokenStream.builder().text(2).padding(2).text(2).padding(1).build());
        assertArrayEquals(new int[] {0, 1, 2, 3, 2, 3, 4}, axis(mixed, Tpe2d.TX));
    }

    @Test
    void bothPassesRotateEveryPairWithOneStream() {
        PairAllocation row = scheme.frequencies();
        assertEquals(64, row.headDim());
        assertEquals(10_000, row.theta());
        assertArrayEquals(InvFreq.of(64, 10_000), row.invFreq());
        assertArrayEquals(times(Tpe2d.TX, 32), row.pairAxis());
        PairAllocation column = scheme.passes().get(1);
        assertArrayEquals(times(Tpe2d.TY, 32), column.pairAxis());
        assertArrayEquals(row.invFreq(), column.invFreq());
        assertEquals(Tpe2d.AXES, column.axisNames());
    }

    @Test
    void parametersHaveDefaultsAndBadValuesAreNamed() {
        assertEquals(64, scheme.parameters().get("head_dim"));
        assertEquals(10_000.0, scheme.parameters().get("rope_theta"));
        assertEquals(1.0, scheme.parameters().get("partial_rotary_factor"));
        assertEquals(128, SchemeRegistry.create("tpe2d", SchemeParams.of("head_dim", 128)).frequencies().headDim());
        SchemeParams.InvalidParameterException e = assertThrows(SchemeParams.InvalidParameterException.class,
                () -> SchemeRegistry.create("tpe2d", SchemeParams.of("head_dim", 1)));
        assertEquals("head_dim", e.parameter());
        assertThrows(IllegalArgumentException.class,
                () -> SchemeRegistry.create("tpe2d", SchemeParams.of("sections", 2)));
    }
}
