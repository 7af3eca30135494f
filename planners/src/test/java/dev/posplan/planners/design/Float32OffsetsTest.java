package dev.posplan.planners.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.posplan.planners.DType;
import dev.posplan.planners.PositionBuffer;

import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.VisualBlock;
import org.junit.jupiter.api.Test;

class Float32OffsetsTest {

    /** A walk that resumed at {@code stIdx} and then saw {@code textLen} text tokens. */
    private static Walk walk(double stIdx, int textLen) {
        Walk walk = new Walk(PositionBuffer.allocate(DType.FLOAT32, 3, textLen + 1));
        walk.endBlock(VisualBlock.image(new Grid(1, 1, 1)), stIdx, stIdx - 1);
        walk.text(textLen);
        return walk;
    }

    @Test
    void addsTheTextLengthFirstThenStIdxRoundingEachSum() {
        // 0.50000006 + 2 rounds to 2.5; 2.5 + 2^23 is a tie and goes to the even 8388610. Adding the base
        // 2^23 + 2 in one step would round 8388610.50000006 up to 8388611.
        float chunk = Math.nextUp(0.5f);
        Walk walk = walk(1 << 23, 2);
        assertEquals(8388610f, Float32Offsets.of(walk).add(chunk));
        assertNotEquals(8388610f, (float) (walk.next() + chunk));
    }

    @Test
    void exactSumsAreUnchanged() {
        Float32Offsets base = Float32Offsets.of(walk(7.25, 3));
        assertEquals(10.25f, base.add(0f));
        assertEquals(8.75f, base.add(-1.5f));
    }
}
