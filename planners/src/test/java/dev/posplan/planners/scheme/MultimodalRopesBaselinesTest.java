package dev.posplan.planners.scheme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.planners.allocation.PairAllocation;

import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.PromptPart;
import dev.posplan.multimodal.QwenFormats;
import dev.posplan.multimodal.TextRun;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.multimodal.VisualBlock;
import dev.posplan.planners.DType;
import dev.posplan.planners.allocation.InvFreq;
import dev.posplan.planners.PositionPlan;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.SchemeRegistry;
import dev.posplan.planners.numerics.SleefExpf;
import dev.posplan.planners.numerics.SleefLogf;
import java.util.List;
import org.junit.jupiter.api.Test;

/** IL-RoPE, OmniRoPE, MM-RoPE and GRAPE (vlm-ropes.md §5.7-§5.9). */
class MultimodalRopesBaselinesTest {

    private static final TokenStream WORKED = V2peMrTest.WORKED;
    private static final TokenStream MIXED = QwenFormats.QWEN3_VL.expand(List.of(new PromptPart.Text(2),
            new PromptPart.Image(new Grid(1, 3, 2)), new PromptPart.Text(1),
            PromptPart.Video.uniform(new Grid(2, 2, 4), 2), new PromptPart.Text(2)));

    private static String invalid(String scheme, Object... params) {
        return assertThrows(SchemeParams.InvalidParameterException.class,
                () -> SchemeRegistry.create(scheme, SchemeParams.of(params))).parameter();
    }

    @Test
    void ilropeAndOmniropeHaveMropeIResetPositionsInFloat32() {
        PositionPlan reference = SchemeRegistry.create("mrope-i").plan(MIXED);
        for (String scheme : new String[] {"ilrope", "omnirope"}) {
            PositionPlan p = SchemeRegistry.create(scheme).plan(MIXED);
            assertEquals(DType.FLOAT32, p.dtype());
            for (int a = 0; a < 3; a++) {
                for (int i = 0; i < p.length(); i++) {
                    assertEquals(reference.get(a, i), p.get(a, i), scheme + " axis " + a + " token " + i);
                }
            }
            assertEquals(reference.ropeDelta(), p.ropeDelta());
        }
        assertArrayEquals(((PairAllocation) SchemeRegistry.create("mrope-i").frequencies()).pairAxis(),
                ((PairAllocation) SchemeRegistry.create("ilrope").frequencies()).pairAxis());
        assertArrayEquals(((PairAllocation) SchemeRegistry.create("mrope").frequencies()).pairAxis(),
                ((PairAllocation) SchemeRegistry.create("omnirope").frequencies()).pairAxis());
    }

    @Test
    void ilropeAlwaysResets() {
        assertEquals("spatial_reset", invalid("ilrope", "spatial_reset", false));
    }

    @Test
    void mmropeScalesTheGrid() {
        // vlm-ropes.md §5 table, MM-RoPE column (4, 8, 8).
        PositionPlan p = SchemeRegistry.create("mmrope", SchemeParams.of("position_scale", List.of(4, 8, 8)))
                .plan(WORKED);
        double[][] expected = {{4, 4, 4}, {4, 4, 12}, {4, 4, 20}, {4, 12, 4}, {4, 12, 12}, {4, 12, 20}};
        for (int k = 0; k < expected.length; k++) {
            for (int a = 0; a < 3; a++) {
                assertEquals(expected[k][a], p.get(a, 4 + k));
            }
        }
        assertEquals(21, p.get(0, 10));
        assertEquals(11, p.ropeDelta());
        assertArrayEquals(new int[] {0, 0, 1, 2, 1, 2, 1, 2, 0, 0}, java.util.Arrays.copyOf(
                ((PairAllocation) SchemeRegistry.create("mmrope").frequencies()).pairAxis(), 10));
    }

    @Test
    void mmropeNegativeScalesResumeAfterTheLargestValue() {
        PositionPlan p = SchemeRegistry.create("mmrope", SchemeParams.of("position_scale", List.of(1, -3, 1)))
                .plan(WORKED);
        assertEquals(1.0, p.get(1, 7)); // row 1: 4 - 3
        assertEquals(7.0, p.get(0, 10)); // after w = 4 + 2
    }

    /**
     * Fractional scales: every visual value is the reference's float32 {@code (index·scale + text_len) +
     * st_idx}, computed here from the stream (vlm-ropes.md §5.8), and the case is one where rounding the
     * base once would differ.
     */
    @Test
    void mmropeAddsTheBaseInTheReferenceFloat32Order() {
        float[] scale = {0.3f, 0.1f, 0.7f};
        TokenStream stream = TokenStream.builder().text(3).video(2, 3, 4).text(5).image(1, 7, 6).text(2).build();
        PositionPlan p = SchemeRegistry.create("mmrope", SchemeParams.of("position_scale",
                List.of(0.3, 0.1, 0.7))).plan(stream);
        float stIdx = 0;
        int textLen = 0;
        int at = 0;
        int roundedOnceDiffers = 0;
        for (var segment : stream.segments()) {
            if (segment instanceof TextRun text) {
                for (int k = 0; k < text.tokens(); k++, at++) {
                    assertEquals((float) (textLen + k) + stIdx, p.get(0, at));
                }
                textLen += text.tokens();
                continue;
            }
            Grid g = ((VisualBlock) segment).grid();
            float max = Float.NEGATIVE_INFINITY;
            for (int ti = 0; ti < g.t(); ti++) {
                for (int hi = 0; hi < g.h(); hi++) {
                    for (int wi = 0; wi < g.w(); wi++, at++) {
                        float[] chunk = {(float) ti * scale[0], (float) hi * scale[1], (float) wi * scale[2]};
                        for (int a = 0; a < 3; a++) {
                            float expected = (chunk[a] + textLen) + stIdx;
                            assertEquals(expected, p.get(a, at), "axis " + a + " token " + at);
                            max = Math.max(max, expected);
                            if ((float) ((double) textLen + stIdx + chunk[a]) != expected) {
                                roundedOnceDiffers++;
                            }
                        }
                    }
                }
            }
            stIdx = max + 1f;
            textLen = 0;
        }
        assertTrue(roundedOnceDiffers > 0, "the stream does not tell the two orders apart");
    }

    @Test
    void mmropeScaleNeedsThreeEntries() {
        assertEquals("position_scale", invalid("mmrope", "position_scale", List.of(4, 8)));
        // The allocation has no sections, so the parameter does not exist.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SchemeRegistry.create("mmrope", SchemeParams.of("mrope_section", List.of(16, 24, 24))));
        assertTrue(e.getMessage().contains("mrope_section"), e.getMessage());
    }

    @Test
    void grapeAllocations() {
        Scheme interleaved = SchemeRegistry.create("grape", SchemeParams.of("frequency_allocation", "interleaved"));
        int[] axis = ((PairAllocation) interleaved.frequencies()).pairAxis();
        for (int j = 0; j < axis.length; j++) {
            assertEquals(j % 3, axis[j]);
        }
        assertArrayEquals(((PairAllocation) SchemeRegistry.create("mrope").frequencies()).pairAxis(),
                ((PairAllocation) SchemeRegistry.create("grape").frequencies()).pairAxis());
        assertEquals(DType.INT32, SchemeRegistry.create("grape").plan(MIXED).dtype());
    }

    /**
     * {@code exp(log(inv) / s)} with torch's SLEEF log and exp: within 1 ulp of the correctly rounded float32
     * chain everywhere, bit-equal to the SLEEF chain, and (over several scales and head dims 14 … 256) off the
     * correctly rounded chain somewhere, which is what the emulation is for.
     */
    @Test
    void grapeLogFreqScaleWarpsWithTorchsFloat32ExpAndLog() {
        int differing = 0;
        for (int headDim : new int[] {14, 32, 64, 96, 128, 256}) {
            float[] base = InvFreq.of(headDim, 5_000_000);
            for (double scale : new double[] {0.5, 0.75, 1.5, 2.0, 3.0, 8.0}) {
                PairAllocation warped = (PairAllocation) SchemeRegistry.create("grape", SchemeParams.of(
                        "log_freq_scale", scale, "head_dim", headDim, "frequency_allocation", "interleaved"))
                        .frequencies();
                for (int j = 0; j < base.length; j++) {
                    float sleef = SleefExpf.exp(SleefLogf.log(base[j]) / (float) scale);
                    float correct = (float) StrictMath.exp((float) StrictMath.log(base[j]) / (float) scale);
                    assertEquals(sleef, warped.invFreq(j), "head_dim " + headDim + ", scale " + scale + ", j " + j);
                    assertEquals(correct, warped.invFreq(j), 2 * Math.ulp(correct));
                    assertEquals(Math.pow(base[j], 1 / scale), warped.invFreq(j), 1e-5 * Math.pow(base[j], 1 / scale));
                    differing += sleef != correct ? 1 : 0;
                }
            }
        }
        assertTrue(differing > 0, "SLEEF's rounding never differed from the correctly rounded chain");
        float[] base = InvFreq.of(128, 5_000_000);
        assertArrayEquals(base, ((PairAllocation) SchemeRegistry.create("grape").frequencies()).invFreq());
    }

    @Test
    void grapeRejectsLearnedModesAndBadScales() {
        assertEquals("grape_mode", invalid("grape", "grape_mode", "axis"));
        assertEquals("log_freq_scale", invalid("grape", "log_freq_scale", 0));
        assertEquals("frequency_allocation", invalid("grape", "frequency_allocation", "random"));
    }
}
