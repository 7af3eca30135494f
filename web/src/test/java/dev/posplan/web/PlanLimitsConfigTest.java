package dev.posplan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.posplan.planners.Limits;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class PlanLimitsConfigTest {

    @Test
    void unsetLimitsTakeTheirDefaultsAndTokensReuseThePlannersBound() {
        PlanLimits d = PlanLimits.defaults();
        assertEquals(DataSize.ofMegabytes(1), d.maxBodySize());
        assertEquals(4096, d.maxParts());
        assertEquals(Limits.DEFAULT.maxTokens(), d.maxTokens());
        assertEquals(65536, d.maxBlocks());
        assertEquals(4096, d.maxDecodeSteps());
        assertEquals(32768, d.maxJsonTokens());
    }

    @Test
    void limitsThePlannersWouldRefuseAnywayAreRejectedAtStartup() {
        assertThrows(IllegalArgumentException.class,
                () -> new PlanLimits(null, null, Limits.DEFAULT.maxTokens() + 1, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new PlanLimits(null, 0, null, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new PlanLimits(null, null, null, null, -1, null));
        assertThrows(IllegalArgumentException.class, () -> new PlanLimits(DataSize.ofGigabytes(4), null, null, null,
                null, null));
    }
}
