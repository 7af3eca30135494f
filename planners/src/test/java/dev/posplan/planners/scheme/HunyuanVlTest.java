package dev.posplan.planners.scheme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.HunyuanFormat;
import dev.posplan.multimodal.HunyuanInputIds;
import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.multimodal.PromptPart;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.planners.BatchPlan;
import dev.posplan.planners.BatchPlanner;
import dev.posplan.planners.PaddingSide;
import dev.posplan.planners.PositionPlan;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.SchemeRegistry;
import dev.posplan.planners.allocation.ChannelAllocation;
import dev.posplan.planners.allocation.ChannelPairing;
import dev.posplan.planners.allocation.PairAllocation;
import dev.posplan.planners.allocation.SectionDoubling;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** hunyuan-vl: the XD-RoPE position rule, its two compat modes and the two frequency conventions. */
class HunyuanVlTest {

    private static final int START = 120118;
    private static final int IMAGE = 120120;
    private static final int END = 120119;
    private static final int TEXT = 1000;

    private static Scheme scheme(String compat) {
        return SchemeRegistry.create("hunyuan-vl", SchemeParams.of("compat", compat));
    }

    private static double[] axis(PositionPlan plan, int axis) {
        double[] out = new double[plan.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = plan.get(axis, i);
        }
        return out;
    }

    @Test
    void gridTokensGetColumnAndRowWhileTextContinuesWithItsIndex() {
        // text, then a 2x1 image: start, begin, (cell, newline) x 2, end embedding, end token; then text
        TokenStream s = HunyuanFormat.HUNYUAN_VL.expand(List.of(new PromptPart.Text(1),
                new PromptPart.Image(new Grid(1, 2, 1)), new PromptPart.Text(1)));
        assertEquals(1 + HunyuanFormat.imageTokens(new Grid(1, 2, 1)) + 1, s.length());
        PositionPlan plan = scheme("transformers").plan(s);
        double[] seq = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        assertArrayEquals(seq, axis(plan, 0));
        assertArrayEquals(new double[] {0, 1, 2, 0, 1, 0, 1, 7, 8, 9}, axis(plan, 1));
        assertArrayEquals(new double[] {0, 1, 2, 0, 0, 1, 1, 7, 8, 9}, axis(plan, 2));
        assertArrayEquals(seq, axis(plan, 3));
        assertArrayEquals(new double[] {10, 10, 10, 10}, plan.decodePositions(1)[0]);
        assertEquals(0, plan.ropeDelta());
    }

    @Test
    void vllmWritesTheImageIndexOnTheTimeChannelOfGridTokens() {
        TokenStream s = HunyuanFormat.HUNYUAN_VL.expand(List.of(new PromptPart.Image(new Grid(1, 1, 1)),
                new PromptPart.Image(new Grid(1, 1, 2))));
        double[] t = axis(scheme("vllm").plan(s), 3);
        // image 0: start 0, begin 1, grid 2..3, end 4..5; image 1: start 6, begin 7, grid 8..10, end 11..12
        assertArrayEquals(new double[] {0, 1, 0, 0, 4, 5, 6, 7, 1, 1, 1, 11, 12}, t);
        assertArrayEquals(axis(scheme("vllm").plan(s), 0), axis(scheme("transformers").plan(s), 3));
    }

    @Property
    void transformersNumbersPadsSoLeftPaddingShiftsAndVllmIgnoresThem(@ForAll("prompts") List<PromptPart> prompt,
            @ForAll @IntRange(min = 1, max = 7) int pads) {
        TokenStream row = HunyuanFormat.HUNYUAN_VL.expand(prompt);
        TokenStream shorter = HunyuanFormat.HUNYUAN_VL.expand(List.of(new PromptPart.Text(1)));
        TokenStream longer = HunyuanFormat.HUNYUAN_VL.expand(List.of(new PromptPart.Text(row.length() + pads)));
        for (String compat : List.of("transformers", "vllm")) {
            Scheme s = scheme(compat);
            PositionPlan alone = s.plan(row);
            BatchPlan left = new BatchPlanner(s, PaddingSide.LEFT).plan(List.of(row, longer, shorter));
            BatchPlan right = new BatchPlanner(s, PaddingSide.RIGHT).plan(List.of(row, longer, shorter));
            boolean numbered = compat.equals("transformers");
            for (int i = 0; i < row.length(); i++) {
                for (int a = 0; a < 4; a++) {
                    boolean grid = alone.get(1, i) != alone.get(0, i) || alone.get(2, i) != alone.get(0, i);
                    // text and (transformers) t follow the sequence; w/h of grid tokens are grid coordinates
                    boolean shifts = numbered && (a == 0 || a == 3 || !grid);
                    assertEquals(alone.get(a, i) + (shifts ? pads : 0), left.get(a, 0, i + pads), "left " + compat);
                    assertEquals(alone.get(a, i), right.get(a, 0, i), "right " + compat);
                }
            }
            for (int i = 0; i < pads; i++) {
                // pads: numbered like tokens (0 .. pads-1 on the left, continuing on the right) or pad_value 0
                assertEquals(numbered ? i : 0, left.get(0, 0, i));
                assertEquals(numbered ? row.length() + i : 0, right.get(0, 0, row.length() + i));
            }
            // decode continues at the padded length (transformers) or the row's own length (vllm), delta 0
            double next = numbered ? left.length() : row.length();
            for (int a = 0; a < 4; a++) {
                assertEquals(next, left.decodePositions(1)[a][0][0]);
                assertEquals(next, right.decodePositions(1)[a][0][0]);
            }
            assertArrayEquals(new double[] {0, 0, 0}, left.ropeDeltas());
        }
    }

    @Property
    void inputIdsFindTheBlocksTheHostFormatWrites(@ForAll("prompts") List<PromptPart> prompt,
            @ForAll @IntRange(min = 0, max = 3) int pads) {
        List<Integer> ids = new ArrayList<>();
        List<int[]> grids = new ArrayList<>();
        for (int i = 0; i < pads; i++) {
            ids.add(0);
        }
        for (PromptPart part : prompt) {
            if (part instanceof PromptPart.Text t) {
                for (int i = 0; i < t.tokens(); i++) {
                    // ids that look like image tokens but follow no <image_start> are text to the reference
                    ids.add(i % 2 == 0 ? TEXT : IMAGE);
                }
            } else {
                Grid g = ((PromptPart.Image) part).grid();
                ids.add(START);
                for (int i = 0; i < g.h() * (g.w() + 1) + 2; i++) {
                    ids.add(IMAGE);
                }
                ids.add(END);
                grids.add(new int[] {1, 2 * g.h(), 2 * g.w() + 1}); // odd patch width: rounded down as the reference
            }
        }
        int[] row = ids.stream().mapToInt(Integer::intValue).toArray();
        int[] mask = new int[row.length];
        Arrays.fill(mask, pads, row.length, 1);
        List<TokenStream> found = HunyuanInputIds.rows(HunyuanInputIds.TokenIds.HUNYUAN_VL, new int[][] {row},
                new int[][] {mask}, grids.isEmpty() ? null : grids.toArray(new int[0][]), 2);
        TokenStream written = HunyuanFormat.HUNYUAN_VL.expand(prompt, pads);
        for (String compat : List.of("transformers", "vllm")) {
            PositionPlan expected = scheme(compat).plan(written);
            PositionPlan actual = scheme(compat).plan(found.get(0));
            for (int a = 0; a < 4; a++) {
                assertArrayEquals(axis(expected, a), axis(actual, a), compat + " axis " + a);
            }
        }
    }

    @Property
    void theConventionsShareAChannelMapExactlyWhenOneSectionHoldsEveryPair(
            @ForAll @IntRange(min = 0, max = 6) int a, @ForAll @IntRange(min = 0, max = 6) int b,
            @ForAll @IntRange(min = 0, max = 6) int c, @ForAll @IntRange(min = 0, max = 6) int d) {
        int[] section = {a, b, c, d};
        int nonZero = (int) Arrays.stream(section).filter(s -> s > 0).count();
        int[] elementWise = SectionDoubling.ELEMENT_WISE.channelAxis(section);
        int[] repeated = SectionDoubling.LIST_REPETITION.channelAxis(section);
        assertEquals(2 * Arrays.stream(section).sum(), elementWise.length);
        assertEquals(nonZero <= 1, Arrays.equals(elementWise, repeated));
        // each axis gets twice its section either way: the conventions only move channels around
        for (int axis = 0; axis < 4; axis++) {
            int k = axis;
            assertEquals(2 * section[axis], Arrays.stream(elementWise).filter(x -> x == k).count());
            assertEquals(2 * section[axis], Arrays.stream(repeated).filter(x -> x == k).count());
        }
    }

    @Property
    void theConventionsAgreeOnTextAndDifferOnEveryGridToken(@ForAll("prompts") List<PromptPart> prompt) {
        PositionPlan plan = scheme("transformers").plan(HunyuanFormat.HUNYUAN_VL.expand(prompt));
        ChannelAllocation elementWise = (ChannelAllocation) scheme("transformers").frequencies();
        PairAllocation repeated = (PairAllocation) scheme("vllm").frequencies();
        for (int i = 0; i < plan.length(); i++) {
            float[] perChannel = elementWise.angles(plan, i);
            float[] perPair = repeated.angles(plan, i);
            float[] repeatedPerChannel = new float[perChannel.length];
            float[] plain = new float[perChannel.length];
            for (int ch = 0; ch < perChannel.length; ch++) {
                int j = ChannelPairing.NEOX.pairOf(ch, perChannel.length);
                repeatedPerChannel[ch] = perPair[j];
                plain[ch] = (float) i * repeated.invFreq(j);
            }
            boolean text = plan.get(1, i) == i && plan.get(2, i) == i;
            if (text) {
                assertArrayEquals(plain, perChannel, "token " + i);
                assertArrayEquals(plain, repeatedPerChannel, "token " + i);
            } else {
                assertFalse(Arrays.equals(perChannel, repeatedPerChannel), "grid token " + i);
            }
        }
    }

    @Test
    void allocationsAreNamedAndSayWhichAxisEveryChannelReads() {
        ChannelAllocation elementWise = (ChannelAllocation) scheme("transformers").frequencies();
        assertEquals("xdrope-element-wise", elementWise.rule());
        assertEquals(List.of("text", "w", "h", "t"), elementWise.axisNames());
        // pair j rotates channels j and j + 64: (text, h) below 32, (w, t) from 32 on
        assertArrayEquals(new int[] {0, 2}, elementWise.pairAxes(0));
        assertArrayEquals(new int[] {1, 3}, elementWise.pairAxes(63));
        assertNull(elementWise.asPairs());
        PairAllocation repeated = (PairAllocation) scheme("vllm").frequencies();
        assertEquals("xdrope-list-repetition", repeated.rule());
        assertEquals(3, repeated.axisOfPair(48));
        // the NTK-alpha base: 10000 * 1000^(128/126)
        assertEquals(1.115883992507748e7, elementWise.theta(), 1e-3);
        assertArrayEquals(elementWise.invFreq(), repeated.invFreq());
        // the transformers fork: transformers positions with the list repetition
        Scheme fork = SchemeRegistry.create("hunyuan-vl", SchemeParams.of("section_doubling", "list-repetition"));
        assertEquals(repeated.pairAxis().length, ((PairAllocation) fork.frequencies()).pairAxis().length);
        assertArrayEquals(repeated.pairAxis(), ((PairAllocation) fork.frequencies()).pairAxis());
        // alpha 1 is the plain rope_theta
        ChannelAllocation plain = (ChannelAllocation) SchemeRegistry.create("hunyuan-vl", SchemeParams.of("alpha", 1))
                .frequencies();
        assertEquals(10_000, plain.theta());
        assertNotEquals(plain.invFreq(1), elementWise.invFreq(1));
    }

    @Test
    void badInputNamesTheParameterOrField() {
        assertParameter("xdrope_section", SchemeParams.of("xdrope_section", List.of(16, 16, 16)));
        assertParameter("xdrope_section", SchemeParams.of("xdrope_section", List.of(16, 16, 16, 15)));
        assertParameter("pad_value", SchemeParams.of("pad_value", 1));
        assertParameter("partial_rotary_factor", SchemeParams.of("partial_rotary_factor", 0.5));
        assertParameter("head_dim", SchemeParams.of("head_dim", 2, "xdrope_section", List.of(1, 0, 0, 0)));
        BatchPlan padded = new BatchPlanner(SchemeRegistry.create("hunyuan-vl",
                SchemeParams.of("compat", "vllm", "pad_value", 7)), PaddingSide.LEFT)
                .plan(List.of(TokenStream.builder().text(1).build(), TokenStream.builder().text(2).build()));
        assertEquals(7, padded.get(3, 0, 0));
        assertEquals(0, padded.get(3, 0, 1));
        InvalidInputException video = assertThrows(InvalidInputException.class, () -> HunyuanFormat.HUNYUAN_VL.expand(
                List.of(PromptPart.Video.uniform(new Grid(2, 1, 1), 0))));
        assertTrue(video.getMessage().contains("no video"), video.getMessage());
        // a 1x1 image needs the begin embedding and two grid tokens after <image_start>
        int[][] ids = {{TEXT, START, IMAGE, IMAGE}};
        InvalidInputException tooShort = assertThrows(InvalidInputException.class,
                () -> HunyuanInputIds.rows(HunyuanInputIds.TokenIds.HUNYUAN_VL, ids, null, new int[][] {{1, 2, 2}}, 2));
        assertTrue(tooShort.getMessage().contains("needs tokens up to"), tooShort.getMessage());
        InvalidInputException noGrid = assertThrows(InvalidInputException.class,
                () -> HunyuanInputIds.rows(HunyuanInputIds.TokenIds.HUNYUAN_VL, ids, null, null, 2));
        assertTrue(noGrid.getMessage().contains("image_grid_thw gives 0"), noGrid.getMessage());
        InvalidInputException unused = assertThrows(InvalidInputException.class, () -> HunyuanInputIds.rows(
                HunyuanInputIds.TokenIds.HUNYUAN_VL, new int[][] {{TEXT}}, null, new int[][] {{1, 2, 2}}, 2));
        assertTrue(unused.getMessage().contains("0 <image_start>"), unused.getMessage());
    }

    private static void assertParameter(String name, SchemeParams params) {
        SchemeParams.InvalidParameterException e = assertThrows(SchemeParams.InvalidParameterException.class,
                () -> SchemeRegistry.create("hunyuan-vl", params));
        assertEquals(name, e.parameter(), e.getMessage());
    }

    @Provide
    Arbitrary<List<PromptPart>> prompts() {
        Arbitrary<PromptPart> text = Arbitraries.integers().between(1, 5).map(PromptPart.Text::new);
        Arbitrary<PromptPart> image = Combinators.combine(Arbitraries.integers().between(1, 5),
                Arbitraries.integers().between(1, 5)).as((h, w) -> new PromptPart.Image(new Grid(1, h, w)));
        return Arbitraries.oneOf(text, image).list().ofMinSize(1).ofMaxSize(5);
    }
}
