package dev.posplan.planners.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.planners.numerics.SleefPowf;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InvFreqTest {

    private static final double[] THETAS = {1e4, 1e5, 5e5, 1e6, 5e6, 1e7};
    private static final int[] DIMS = {64, 96, 128, 256};

    /** Bits from the goldens ({@code qwen/rope_freq_*.json -> inv_freq_f32_hex}, D = 128). */
    @ParameterizedTest(name = "theta {0} j {1}")
    @CsvSource({
        "1e6, 0, 3f800000", "1e6, 1, 3f4e4bad", "1e6, 19, 3c879008", "1e6, 32, 3a83126f",
        "1e6, 37, 39b229fb", "1e6, 63, 35a68e4c",
        "5e6, 0, 3f800000", "5e6, 1, 3f492c28", "5e6, 19, 3c282311", "5e6, 32, 39ea77ff",
        "5e6, 37, 390c86c1", "5e6, 63, 3488a34f",
    })
    void matchesTorchBits(double theta, int j, String hex) {
        float[] inv = InvFreq.of(128, theta);
        assertEquals(64, inv.length);
        assertEquals(hex, String.format("%08x", Float.floatToRawIntBits(inv[j])));
    }

    /** The indices where SLEEF's u10 pow is not correctly rounded: a plain Math.pow port would fail here. */
    @ParameterizedTest(name = "theta {0} j {1}")
    @CsvSource({"1e6, 37", "5e6, 19"})
    void differsFromCorrectlyRoundedWhereTorchDoes(double theta, int j) {
        float sleef = InvFreq.of(128, theta)[j];
        float correct = correctlyRounded(128, theta, j);
        assertNotEquals(correct, sleef);
        assertEquals(Math.ulp(correct), Math.abs(sleef - correct));
    }

    @Test
    void firstFrequencyIsOneAndValuesDecrease() {
        for (double theta : THETAS) {
            for (int d : DIMS) {
                float[] inv = InvFreq.of(d, theta);
                assertEquals(d / 2, inv.length);
                assertEquals(1f, inv[0]);
                for (int j = 1; j < inv.length; j++) {
                    assertTrue(inv[j] < inv[j - 1], "theta " + theta + " D " + d + " j " + j);
                }
            }
        }
    }

    /** SLEEF u10 guarantees < 1 ulp for pow; with the exact reciprocal the result stays within 1 ulp. */
    @Test
    void withinOneUlpOfCorrectlyRounded() {
        for (double theta : THETAS) {
            for (int d : DIMS) {
                float[] inv = InvFreq.of(d, theta);
                for (int j = 0; j < inv.length; j++) {
                    float correct = correctlyRounded(d, theta, j);
                    assertTrue(Math.abs(inv[j] - correct) <= Math.ulp(correct),
                            "theta " + theta + " D " + d + " j " + j + ": " + inv[j] + " vs " + correct);
                }
            }
        }
    }

    /** Past the last full 16-element block torch uses the scalar C powf, modelled as correctly rounded. */
    @Test
    void scalarTailUsesCorrectlyRoundedPower() {
        double theta = 1e6;
        int d = 80; // 40 pairs: 32 vectorized, 8 scalar
        float[] inv = InvFreq.of(d, theta);
        for (int j = 0; j < inv.length; j++) {
            float exponent = (float) (2 * j) / (float) d;
            float expected = j < 32
                    ? 1f / SleefPowf.pow((float) theta, exponent)
                    : correctlyRounded(d, theta, j);
            assertEquals(expected, inv[j], "j " + j);
        }
    }

    @Test
    void sleefPowStaysWithinOneUlpOnRandomInputs() {
        SplittableRandom random = new SplittableRandom(20240607);
        int off = 0;
        for (int i = 0; i < 200_000; i++) {
            float x = 1f + (float) random.nextDouble(1e8);
            float y = (float) random.nextDouble(-1, 1);
            float sleef = SleefPowf.pow(x, y);
            float correct = (float) StrictMath.pow(x, y);
            assertTrue(Math.abs(sleef - correct) <= Math.ulp(correct), x + "^" + y);
            if (sleef != correct) {
                off++;
            }
        }
        // it really is a different rounding, not a correctly rounded pow
        assertTrue(off > 0);
    }

    @Test
    void sleefPowSpecialCasesAndDomain() {
        assertEquals(1f, SleefPowf.pow(5e6f, 0f));
        assertEquals(1f, SleefPowf.pow(1f, 0.37f));
        assertEquals(4f, SleefPowf.pow(16f, 0.5f));
        assertThrows(IllegalArgumentException.class, () -> SleefPowf.pow(0f, 0.5f));
        assertThrows(IllegalArgumentException.class, () -> SleefPowf.pow(-2f, 0.5f));
        assertThrows(IllegalArgumentException.class, () -> SleefPowf.pow(Float.NaN, 0.5f));
        assertThrows(IllegalArgumentException.class, () -> SleefPowf.pow(2f, Float.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> SleefPowf.pow(1e30f, 10f));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> InvFreq.of(127, 1e6));
        assertThrows(IllegalArgumentException.class, () -> InvFreq.of(0, 1e6));
        assertThrows(IllegalArgumentException.class, () -> InvFreq.of(128, 1.0));
        assertThrows(IllegalArgumentException.class, () -> InvFreq.of(128, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> InvFreq.of(128, 1e39)); // infinite in float32
    }

    private static float correctlyRounded(int d, double theta, int j) {
        float exponent = (float) (2 * j) / (float) d;
        return 1f / (float) StrictMath.pow((float) theta, exponent);
    }
}
