package dev.posplan.planners.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TorchPowTest {

    /** 1e4^(-21/32): SLEEF's powf rounds it 1 ulp below the correctly rounded power. */
    private static final float EXPONENT = -21f / 32f;
    private static final float SLEEF = 0.0023713736f;
    private static final float CORRECT = 0.0023713738f;

    @Test
    void theSameExponentRoundsByItsIndex() {
        float[] exponents = new float[TorchPow.VECTOR_BLOCK + 1];
        Arrays.fill(exponents, EXPONENT);
        float[] p = TorchPow.scalarBase(1e4, exponents);
        for (int i = 0; i < TorchPow.VECTOR_BLOCK; i++) {
            assertEquals(SLEEF, p[i], "vectorized index " + i);
        }
        assertEquals(CORRECT, p[TorchPow.VECTOR_BLOCK], "scalar tail");
        assertNotEquals(SLEEF, CORRECT);
    }

    @Test
    void shortTensorsOnlyTakeTheScalarPath() {
        float[] exponents = new float[TorchPow.VECTOR_BLOCK - 1];
        Arrays.fill(exponents, EXPONENT);
        for (float v : TorchPow.scalarBase(1e4, exponents)) {
            assertEquals(CORRECT, v);
        }
    }

    @Test
    void baseIsRoundedToFloat32() {
        float[] exponents = {0.5f};
        assertEquals(TorchPow.scalarBase((float) 0.1, exponents)[0], TorchPow.scalarBase(0.1, exponents)[0]);
        assertEquals(1f, TorchPow.scalarBase(1e4, new float[] {0f})[0]);
    }

    @Test
    void rejectsBasesOutsideTheModelledDomain() {
        float[] exponents = {0.5f};
        assertThrows(IllegalArgumentException.class, () -> TorchPow.scalarBase(0, exponents));
        assertThrows(IllegalArgumentException.class, () -> TorchPow.scalarBase(-2, exponents));
        assertThrows(IllegalArgumentException.class, () -> TorchPow.scalarBase(1e39, exponents));
        assertThrows(IllegalArgumentException.class, () -> TorchPow.scalarBase(Double.NaN, exponents));
    }
}
