package dev.posplan.planners.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.posplan.planners.SchemeParams;

import org.junit.jupiter.api.Test;

class RotaryTest {

    @Test
    void readsDefaultsAndPartialFactor() {
        Rotary r = Rotary.parameters(1e6).read(SchemeParams.of("head_dim", 128, "partial_rotary_factor", 0.5));
        assertEquals(64, r.rotaryDim());
        assertEquals(32, r.pairs());
        assertEquals(1e6, r.theta());
    }

    @Test
    void errorsNameTheOffendingParameter() {
        assertEquals("rope_theta", failing(SchemeParams.of("rope_theta", 1e39)));
        assertEquals("rope_theta", failing(SchemeParams.of("rope_theta", 0.5)));
        assertEquals("head_dim", failing(SchemeParams.of("head_dim", 1)));
        assertEquals("partial_rotary_factor", failing(SchemeParams.of("partial_rotary_factor", 1.5)));
        assertEquals("partial_rotary_factor",
                failing(SchemeParams.of("head_dim", 2, "partial_rotary_factor", 0.4)));
    }

    private static String failing(SchemeParams p) {
        return assertThrows(SchemeParams.InvalidParameterException.class, () -> Rotary.parameters(1e6).read(p)).parameter();
    }
}
