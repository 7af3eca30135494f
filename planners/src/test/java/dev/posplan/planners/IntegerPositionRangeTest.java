package dev.posplan.planners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.Modality;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.multimodal.VisualBlock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Integer positions never wrap or saturate silently, and temporal strides are positive. */
class IntegerPositionRangeTest {

    private static final TokenStream VIDEO = TokenStream.builder().text(2).video(3, 1, 2).text(2).build();

    private static String failure(Scheme s, TokenStream stream) {
        return assertThrows(IllegalArgumentException.class, () -> s.plan(stream)).getMessage();
    }

    @Test
    void aHugeTemporalStrideIsReportedNotSaturated() {
        // before: t stored as 2147483647 while maxPosition said 2e10
        Scheme mrope = SchemeRegistry.create("mrope", SchemeParams.of("temporal_stride", 1e10));
        String m = failure(mrope, VIDEO);
        assertTrue(m.contains("int32") && m.contains("visual block 0") && m.contains("temporal_stride"), m);
        // a stride that fits is still fine
        assertEquals(2 + 2 * 1_000_000, SchemeRegistry.create("mrope", SchemeParams.of("temporal_stride", 1e6))
                .plan(VIDEO).get(0, 6));
    }

    @Test
    void aHugeSecondPerGridNamesItsInput() {
        TokenStream s = TokenStream.builder().text(1)
                .add(new VisualBlock(Modality.VIDEO, new Grid(3, 1, 1), 2e9f, 0, 0)).text(1).build();
        String m = failure(SchemeRegistry.create("mrope-abs-time"), s);
        assertTrue(m.contains("int32") && m.contains("second_per_grid_t 2.0E9"), m);
    }

    @Test
    void textAfterAHugeBlockAndAHugePadValueAreReported() {
        // 4 slices at stride 7.155e8: the block reaches 2.1465e9 (fits), 2^20 text tokens after it do not
        Scheme wide = SchemeRegistry.create("mrope", SchemeParams.of("temporal_stride", 7.155e8));
        String m = failure(wide, TokenStream.builder().video(4, 1, 1).text(1 << 20).build());
        assertTrue(m.contains("int32") && m.contains("text resumes"), m);
        m = failure(SchemeRegistry.create("vanilla", SchemeParams.of("pad_value", 1e10)),
                TokenStream.builder().padding(1).text(1).build());
        assertTrue(m.contains("pad_value"), m);
    }

    @Test
    void temporalStrideMustBePositiveInEveryScheme() {
        for (String scheme : List.of("mrope", "mrope-interleave", "mrope-i", "mhrope", "omnirope", "ilrope", "grape",
                "mmrope", "circlerope")) {
            for (double bad : new double[] {-3, 0}) {
                SchemeParams.InvalidParameterException e = assertThrows(SchemeParams.InvalidParameterException.class,
                        () -> SchemeRegistry.create(scheme, SchemeParams.of("temporal_stride", bad)), scheme);
                assertEquals("temporal_stride", e.parameter(), scheme);
            }
        }
    }

    @Test
    void int32BuffersCheckBulkWritesAtTheirEnds() {
        PositionBuffer b = PositionBuffer.allocate(DType.INT32, 1, 4);
        b.ramp(0, 0, 4, Integer.MAX_VALUE - 3.0, 1);
        assertEquals(Integer.MAX_VALUE, b.get(0, 3));
        assertThrows(PositionBuffer.Int32Overflow.class, () -> b.ramp(0, 0, 4, Integer.MAX_VALUE - 2.0, 1));
        assertThrows(PositionBuffer.Int32Overflow.class, () -> b.ramp(0, 0, 4, 0, -1e9));
        assertThrows(PositionBuffer.Int32Overflow.class, () -> b.fill(0, 0, 4, Double.NaN));
        assertThrows(PositionBuffer.Int32Overflow.class, () -> b.set(0, 0, -3e9));
        b.fill(0, 0, 4, -2147483648.5); // truncates to Integer.MIN_VALUE, which fits
        assertEquals(Integer.MIN_VALUE, b.get(0, 0));
    }
}
