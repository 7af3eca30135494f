package dev.posplan.planners.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.posplan.planners.DType;
import dev.posplan.planners.PositionBuffer;

import org.junit.jupiter.api.Test;

class ArangeFillTest {

    @Test
    void writeStoresTheRequestedSlice() {
        PositionBuffer out = PositionBuffer.allocate(DType.FLOAT32, 1, 3);
        float last = ArangeFill.write(out, 0, 0, 3, 0.5, 7, 1, 3);
        assertEquals(3.5, out.get(0, 0));
        assertEquals(4.5, out.get(0, 2));
        assertEquals(4.5f, last);
        assertThrows(IllegalArgumentException.class, () -> ArangeFill.write(out, 0, 0, 3, 0.5, 7, 5, 3));
    }
}
