package dev.posplan.planners.design;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.planners.PositionPlan;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.SchemeRegistry;
import dev.posplan.planners.allocation.HeadAllocation;
import dev.posplan.planners.allocation.PairAxes;

import dev.posplan.multimodal.TokenStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class QwenWalkerTest {

    private static int[] axis(PositionPlan p, int a) {
        return ((PositionPlan.Int32) p).axisValues(a);
    }

    @Test
    void qwen2VlImageExampleFromTheSpec() {
        // qwen-mrope.md §3.3: 5 text, vision_start, image 1x2x2 (merged), vision_end, 6 text.
        TokenStream s = TokenStream.builder().text(6).image(1, 2, 2).text(7).build();
        PositionPlan p = SchemeRegistry.create("mrope").plan(s);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 6, 6, 6, 8, 9, 10, 11, 12, 13, 14}, axis(p, 0));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 6, 7, 7, 8, 9, 10, 11, 12, 13, 14}, axis(p, 1));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 6, 7, 8, 9, 10, 11, 12, 13, 14}, axis(p, 2));
        assertEquals(-2, p.ropeDelta());
        assertEquals(15, p.decodePosition(0, 0));
        assertEquals(17, p.decodePosition(2, 2));
    }

    @Test
    void textOnlyIsOneDimensional() {
        PositionPlan p = SchemeRegistry.create("mrope-interleave").plan(TokenStream.builder().text(5).build());
        for (int a = 0; a < 3; a++) {
            assertArrayEquals(new int[] {0, 1, 2, 3, 4}, axis(p, a));
        }
        assertEquals(0, p.ropeDelta());
    }

    @Test
    void paddingKeepsPadValueAndTakesNoPosition() {
        TokenStream s = TokenStream.builder().padding(2).text(3).build();
        PositionPlan p = SchemeRegistry.create("mrope", SchemeParams.of("pad_value", 0)).plan(s);
        assertArrayEquals(new int[] {0, 0, 0, 1, 2}, axis(p, 1));
        assertEquals(2 + 1 - 5, p.ropeDelta(), "delta counts the padded length");
        assertEquals(0, p.ropeDeltaUnpadded());
        assertEquals(3, p.decodePosition(0, 0));
    }

    @Test
    void videoTemporalExtentDecidesWhereTextResumes() {
        // Qwen2-VL video 4x1x1: t spans 4 positions; legacy rule resumes after it, HF main after max(h, w).
        TokenStream s = TokenStream.builder().text(1).video(4, 1, 1).text(1).build();
        assertEquals(5, SchemeRegistry.create("mrope").plan(s).get(0, 5));
        PositionPlan main = SchemeRegistry.create("mrope", SchemeParams.of("resume", "spatial-extent")).plan(s);
        assertEquals(2, main.get(0, 5));
        assertEquals(4, main.maxPosition(), "M still covers the video's t axis");
    }

    @Test
    void spatialResetRestartsRowsAndColumnsOnly() {
        TokenStream s = TokenStream.builder().text(1).image(1, 2, 3).text(2).build();
        PositionPlan reset = SchemeRegistry.create("mrope-i").plan(s);
        PositionPlan plain = SchemeRegistry.create("mrope-interleave").plan(s);
        assertArrayEquals(new int[] {0, 1, 1, 1, 1, 1, 1, 4, 5}, axis(reset, 0));
        assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 1, 4, 5}, axis(reset, 1));
        assertArrayEquals(new int[] {0, 1, 2, 3, 1, 2, 3, 4, 5}, axis(plain, 2));
        assertEquals(plain.ropeDelta(), reset.ropeDelta());
    }

    @Test
    void unknownSchemeAndParameterAreRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SchemeRegistry.create("nope"));
        assertTrue(e.getMessage().contains("nope"));
        e = assertThrows(IllegalArgumentException.class,
                () -> SchemeRegistry.create("mrope", SchemeParams.of("mrope_sectoin", List.of(1, 2, 3))));
        assertTrue(e.getMessage().contains("mrope_sectoin"), e.getMessage());
        SchemeParams.InvalidParameterException bad = assertThrows(SchemeParams.InvalidParameterException.class,
                () -> SchemeRegistry.create("mrope", SchemeParams.of("mrope_section", List.of(16, 24, 20))));
        assertEquals("mrope_section", bad.parameter());
    }

    @Test
    void allocationRulesMatchTheSpecCheatSheet() {
        int[] chunked = PairAxes.chunked(new int[] {16, 24, 24}, 64, 3);
        assertEquals(0, chunked[15]);
        assertEquals(1, chunked[16]);
        assertEquals(2, chunked[40]);
        int[] inter = PairAxes.interleaved(new int[] {24, 20, 20}, 64);
        assertEquals(24, Arrays.stream(inter).filter(a -> a == 0).count());
        assertArrayEquals(new int[] {0, 1, 2, 0, 0, 0, 0}, Arrays.copyOfRange(inter, 57, 64));
        assertArrayEquals(new int[] {0, 0, 1, 1, 1, 2, 2, 2},
                ((HeadAllocation) SchemeRegistry.create("mhrope").frequencies()).kvHeadAxis());
    }
}
