package dev.posplan.planners;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.planners.allocation.InvFreq;
import dev.posplan.planners.allocation.Rotary;

import dev.posplan.multimodal.TokenStream;
import org.junit.jupiter.api.Test;

class LimitsTest {

    @Test
    void headDimIsBoundedBeforeAnyFrequencyIsComputed() {
        SchemeParams.InvalidParameterException e = assertThrows(SchemeParams.InvalidParameterException.class,
                () -> SchemeRegistry.create("mrope", SchemeParams.of("head_dim", 2_000_000_000,
                        "mrope_section", java.util.List.of(16, 24, 24))));
        assertEquals("head_dim", e.parameter());
        assertTrue(e.getMessage().contains("4096"), e.getMessage());
        assertEquals(2048, Rotary.parameters(1e4).read(SchemeParams.of("head_dim", 4096)).pairs());
    }

    @Test
    void positionBuffersAreBoundedBeforeAllocating() {
        Limits l = Limits.DEFAULT;
        assertEquals(4 * l.maxTokens(), l.positionValues(4, l.maxTokens()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PositionBuffer.allocate(DType.INT32, 1, l.maxTokens() + 1));
        assertTrue(e.getMessage().contains("tokens per sequence"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PositionBuffer.allocate(DType.FLOAT32, 5, l.maxTokens()));
        assertTrue(e.getMessage().contains("position values"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Limits(1, 1, 1));
    }

    @Test
    void aStreamBeyondTheTokenLimitIsRejectedByThePlanner() {
        TokenStream huge = TokenStream.builder().text(Limits.DEFAULT.maxTokens() + 1).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SchemeRegistry.create("vanilla").plan(huge));
        assertTrue(e.getMessage().contains(String.valueOf(Limits.DEFAULT.maxTokens())), e.getMessage());
    }

    @Test
    void rotaryComputesItsInverseFrequenciesOnce() {
        Rotary r = Rotary.parameters(1e4).read(SchemeParams.of("head_dim", 64));
        assertArrayEquals(InvFreq.of(64, 1e4), r.invFreq());
        assertArrayEquals(r.invFreq(), r.pairwise("single", java.util.List.of("p"), new int[32]).invFreq());
        r.invFreq()[0] = 0; // a copy
        assertEquals(1f, r.invFreq()[0]);
    }
}
