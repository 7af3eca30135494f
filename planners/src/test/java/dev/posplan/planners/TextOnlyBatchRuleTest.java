package dev.posplan.planners;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.posplan.multimodal.TokenStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The text-only branch of HF 4.x {@code get_rope_index} and of every reference that copies it (qwen-mrope.md
 * §9, issues 7 #1 and 15 #2), checked against an independent model of that branch on seeded random
 * batches: rows of 1, 2 and more real tokens, left and right padding. HF main and vLLM must not be
 * affected: their deltas and decode positions do not depend on how a row is padded.
 */
class TextOnlyBatchRuleTest {

    /** Schemes (with parameters) whose reference takes HF 4.x's text-only branch. */
    private static final List<Scheme> HF4_BRANCH = List.of(
            mrope("mrope", "hf-4.51"), mrope("mrope", "hf-4.57"),                 // qwen2_vl
            mrope("mrope-abs-time", "hf-4.51"), mrope("mrope-abs-time", "hf-4.57"), // qwen2_5_vl
            mrope("mrope-interleave", "hf-4.57"),                                 // qwen3_vl
            SchemeRegistry.create("mrope-i"), SchemeRegistry.create("mhrope"), SchemeRegistry.create("grape"),
            SchemeRegistry.create("mmrope"), SchemeRegistry.create("omnirope"), SchemeRegistry.create("ilrope"),
            SchemeRegistry.create("circlerope"), SchemeRegistry.create("videorope-mr"),
            SchemeRegistry.create("hope-mr"), SchemeRegistry.create("v2pe-mr"), SchemeRegistry.create("vanilla"),
            SchemeRegistry.create("videorope"), SchemeRegistry.create("hope"));

    private static Scheme mrope(String name, String compat) {
        return SchemeRegistry.create(name, SchemeParams.of("compat", compat));
    }

    /** A batch of text rows with lengths in 1..maxLen (1 and 2 are drawn often). */
    private static List<TokenStream> randomRows(Random rnd) {
        int rows = 1 + rnd.nextInt(4);
        List<TokenStream> out = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            int n = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(2) : 1 + rnd.nextInt(9);
            out.add(TokenStream.builder().text(n).build());
        }
        return out;
    }

    @Test
    void hf4TextOnlyBranchFillsPadsWithOneBeforeTakingTheRowMax() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 300; trial++) {
            List<TokenStream> rows = randomRows(rnd);
            PaddingSide side = rnd.nextBoolean() ? PaddingSide.LEFT : PaddingSide.RIGHT;
            for (Scheme scheme : HF4_BRANCH) {
                BatchPlan plan = new BatchPlanner(scheme, side).plan(rows);
                int length = plan.length();
                double[][][] decode = plan.decodePositions(3);
                for (int b = 0; b < rows.size(); b++) {
                    int n = rows.get(b).length();
                    String where = scheme.name() + " " + scheme.parameters().get("compat") + " " + side + " row " + b
                            + " of " + rows.stream().map(TokenStream::length).toList();
                    // reference: cumsum(mask) - 1, masked slots := 1, then the row max
                    long[] ref = new long[length];
                    long max = Long.MIN_VALUE;
                    int first = side == PaddingSide.LEFT ? length - n : 0;
                    for (int i = 0; i < length; i++) {
                        boolean real = i >= first && i < first + n;
                        ref[i] = real ? i - first : 1;
                        max = Math.max(max, ref[i]);
                    }
                    long delta = max + 1 - length;
                    assertEquals(delta, plan.ropeDeltas()[b], where + ": rope_deltas");
                    for (int i = 0; i < length; i++) {
                        assertEquals(ref[i], plan.get(0, b, i), where + ": position " + i);
                    }
                    for (int k = 0; k < 3; k++) {
                        for (int a = 0; a < plan.axes(); a++) {
                            assertEquals(length + k + delta, decode[a][b][k], where + ": decode " + k);
                        }
                    }
                }
            }
        }
    }

    @Test
    void oneRealTokenNextToPaddingHasMaxOne() {
        // the case: a left-padded row whose real tokens end at position 0
        List<TokenStream> rows = List.of(TokenStream.builder().text(1).build(), TokenStream.builder().text(4).build());
        for (String compat : List.of("hf-4.51", "hf-4.57")) {
            for (String name : List.of("mrope", "mrope-abs-time", "mrope-interleave")) {
                BatchPlan plan = new BatchPlanner(mrope(name, compat)).plan(rows);
                assertEquals(2 - 4, plan.ropeDeltas()[0], name + " " + compat);
                assertEquals(2, plan.decodePositions(1)[0][0][0], name + " " + compat);
            }
        }
    }

    @Test
    void hfMainAndVllmDeltasDoNotDependOnPadding() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 300; trial++) {
            List<TokenStream> rows = randomRows(rnd);
            PaddingSide side = rnd.nextBoolean() ? PaddingSide.LEFT : PaddingSide.RIGHT;
            for (String compat : List.of("hf-main", "vllm")) {
                for (String name : List.of("mrope", "mrope-abs-time", "mrope-interleave")) {
                    Scheme scheme = mrope(name, compat);
                    BatchPlan plan = new BatchPlanner(scheme, side).plan(rows);
                    for (int b = 0; b < rows.size(); b++) {
                        PositionPlan alone = scheme.plan(rows.get(b));
                        String where = name + " " + compat + " " + side + " row " + b;
                        assertEquals(0, alone.ropeDelta(), where);
                        assertEquals(alone.ropeDelta(), plan.ropeDeltas()[b], where);
                        if (side == PaddingSide.LEFT) {
                            // generated tokens continue after the row's own last token, whatever the padding
                            assertEquals(alone.decodePosition(0, 0), plan.row(b).decodePosition(0, 0), where);
                            assertEquals(rows.get(b).length(), plan.row(b).decodePosition(0, 0), where);
                        }
                    }
                }
            }
        }
    }

    @Test
    void aVisualRowSwitchesTheWholeBatchToTheVisualBranch() {
        // with a grid in the batch, M counts real tokens only (HF 4.x visual branch)
        List<TokenStream> rows = List.of(TokenStream.builder().text(1).build(),
                TokenStream.builder().text(1).image(1, 2, 2).text(1).build());
        BatchPlan plan = new BatchPlanner(mrope("mrope", "hf-4.51")).plan(rows);
        assertEquals(0 + 1 - plan.length(), plan.ropeDeltas()[0]);
    }
}
