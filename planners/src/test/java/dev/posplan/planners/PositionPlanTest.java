package dev.posplan.planners;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PositionPlanTest {

    @Test
    void float32RopeDeltaRoundsLikeTheReferenceTensor() {
        // 2^24 + 1 is not a float32: the reference's max + 1 stays 2^24; double arithmetic would not.
        double max = 1 << 24;
        PositionPlan floats = PositionPlan.of(List.of("p"), PositionBuffer.allocate(DType.FLOAT32, 1, 2), 2, max);
        assertEquals((1 << 24) - 2, floats.ropeDelta());
        PositionPlan ints = PositionPlan.of(List.of("p"), PositionBuffer.allocate(DType.INT32, 1, 2), 2, max);
        assertEquals((1 << 24) + 1 - 2, ints.ropeDelta());
    }
}
