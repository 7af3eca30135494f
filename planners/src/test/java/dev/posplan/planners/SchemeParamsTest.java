package dev.posplan.planners;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchemeParamsTest {

    @Test
    void intArraysRejectValuesOutsideTheIntRangeNamingTheIndex() {
        Parameter<int[]> section = Parameter.integers("mrope_section", new int[0], Parameter.Allowed.ANY, "");
        Parameter<int[]> s = Parameter.integers("s", new int[0], Parameter.Allowed.ANY, "");
        SchemeParams p = SchemeParams.of("mrope_section", List.of(16, 1e12, 24));
        SchemeParams.InvalidParameterException e = assertThrows(SchemeParams.InvalidParameterException.class,
                () -> p.get(section));
        assertEquals("mrope_section", e.parameter());
        assertTrue(e.getMessage().contains("index 1"), e.getMessage());
        assertThrows(SchemeParams.InvalidParameterException.class,
                () -> SchemeParams.of("s", List.of(-3_000_000_000L)).get(s));
        assertThrows(SchemeParams.InvalidParameterException.class,
                () -> SchemeParams.of("s", List.of(1.5)).get(s));
        assertArrayEquals(new int[] {Integer.MAX_VALUE, -Integer.MAX_VALUE},
                SchemeParams.of("s", List.of(Integer.MAX_VALUE, -Integer.MAX_VALUE)).get(s));
    }

    @Test
    void aHugeSectionNoLongerWrapsIntoANegativeSum() {
        SchemeParams.InvalidParameterException e = assertThrows(SchemeParams.InvalidParameterException.class,
                () -> SchemeRegistry.create("mrope", SchemeParams.of("mrope_section", List.of(1e12, 24, 24))));
        assertEquals("mrope_section", e.parameter());
        assertTrue(e.getMessage().contains("1.0E12 at index 0"), e.getMessage());
    }

    @Test
    void sectionSumsCannotWrapAroundToTheExpectedValue() {
        // 2 * (2^31-1) + 66 = 2^32 + 64, which is 64 = rotary_dim/2 in int arithmetic
        int big = Integer.MAX_VALUE;
        SchemeParams.InvalidParameterException e = assertThrows(SchemeParams.InvalidParameterException.class,
                () -> SchemeRegistry.create("mrope", SchemeParams.of("mrope_section", List.of(big, big, 66))));
        assertEquals("mrope_section", e.parameter());
    }

    @Test
    void mhropeHeadCountsCannotOverflowTheirSum() {
        // 2^31-1 + 2^31-1 + 2 wraps to 0 in int arithmetic, which passed "sum <= heads"
        int big = Integer.MAX_VALUE;
        SchemeParams.InvalidParameterException e = assertThrows(SchemeParams.InvalidParameterException.class,
                () -> SchemeRegistry.create("mhrope", SchemeParams.of("mrope_section", List.of(big, big, 2))));
        assertEquals("mrope_section", e.parameter());
    }

    @Test
    void unknownParametersAreNamedAndTheKnownOnesListed() {
        SchemeParams.InvalidParameterException e = assertThrows(SchemeParams.InvalidParameterException.class,
                () -> SchemeRegistry.create("mrope", SchemeParams.of("zeta", 1, "heads_dim", 64)));
        assertEquals("heads_dim", e.parameter());
        assertTrue(e.getMessage().contains("[heads_dim, zeta]"), e.getMessage());
        assertTrue(e.getMessage().contains("head_dim"), e.getMessage());
    }
}
