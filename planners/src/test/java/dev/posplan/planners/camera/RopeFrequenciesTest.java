package dev.posplan.planners.camera;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** PRoPE's and UCPE's {@code freq_scale * freq_base ** (-arange(F) / F)}, one float32 rule for both. */
class RopeFrequenciesTest {

    @Test
    void vectorizedIndicesUseTorchsSleefPower() {
        // F = 32: two full vector blocks; at i = 21 SLEEF's powf is 1 ulp below the correctly rounded power.
        float[] freqs = CameraMath.ropeFrequencies(32, 1e4, 1);
        float correctlyRounded = (float) Math.pow(1e4f, -21f / 32f);
        assertEquals(0.0023713736f, freqs[21]);
        assertNotEquals(correctlyRounded, freqs[21]);
        assertEquals(1f, freqs[0]);
    }

    @Test
    void scaleMultipliesTheFloat32Power() {
        float[] plain = CameraMath.ropeFrequencies(24, 100, 1);
        float[] scaled = CameraMath.ropeFrequencies(24, 100, 0.3);
        for (int i = 0; i < plain.length; i++) {
            assertEquals(0.3f * plain[i], scaled[i]);
        }
    }

    @Test
    void propeAndUcpeShareTheFrequencies() {
        // head_dim 256: PRoPE's RoPE parts have F = 256 / 8 = 32 frequencies
        Prope prope = new Prope(256, 2, 2, 32, 32, 1e4, 1);
        assertArrayEquals(CameraMath.ropeFrequencies(32, 1e4, 1), prope.rope().freqs());
        float[] freqs = CameraMath.ropeFrequencies(32, 1e4, 1);
        double[] positions = {0.75, Double.NaN};
        float[] sin = Ucpe.angleRope(positions, 64, 1e4, 1, true);
        for (int i = 0; i < 32; i++) {
            assertEquals(CameraMath.sin(0.75f * freqs[i]), sin[i], "i " + i);
            assertEquals(0f, sin[32 + i], "NaN position is 0");
        }
    }
}
