package dev.posplan.planners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.multimodal.TokenStream;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Decode positions of float32 schemes (issue 15 #3): generated token k gets {@code (L + k) + rope_deltas},
 * evaluated as the host does it, one float32 addition of the integer cache position and the float32 delta
 * {@code f32(f32(M + 1) - L)}, which is not {@code M + 1 + k} once M is fractional.
 */
class FloatDecodeRuleTest {

    private static final List<Scheme> FLOAT_SCHEMES = List.of(
            SchemeRegistry.create("mmrope", SchemeParams.of("position_scale", List.of(1.0, 1.3, 0.7))),
            SchemeRegistry.create("circlerope", SchemeParams.of("radius", 10, "alpha", 0.5, "move_to_origin", true)),
            SchemeRegistry.create("circlerope"), SchemeRegistry.create("omnirope"), SchemeRegistry.create("ilrope"),
            SchemeRegistry.create("videorope-mr"), SchemeRegistry.create("hope-mr"), SchemeRegistry.create("v2pe-mr"),
            SchemeRegistry.create("videorope"), SchemeRegistry.create("hope", SchemeParams.of("scale_factor", 0.7)));

    /** The host's arithmetic written out: torch int64 scalar + float32 tensor, in float32. */
    private static float host(PositionPlan plan, int k) {
        float max = (float) plan.maxPosition();
        float delta = (max + 1f) - (float) plan.length();
        return (float) (plan.length() + k) + delta;
    }

    private static TokenStream randomStream(Random rnd) {
        TokenStream.Builder b = TokenStream.builder().padding(rnd.nextInt(3) == 0 ? rnd.nextInt(200_000) : rnd.nextInt(5));
        int blocks = 1 + rnd.nextInt(3);
        for (int i = 0; i < blocks; i++) {
            b.text(1 + rnd.nextInt(5)).image(1, 1 + rnd.nextInt(5), 1 + rnd.nextInt(5));
        }
        return b.text(rnd.nextInt(4)).build();
    }

    @Test
    void everyFloatSchemeDecodesWithTheHostsFloat32Addition() {
        Random rnd = new Random(15);
        int differs = 0;
        for (int trial = 0; trial < 80; trial++) {
            TokenStream stream = randomStream(rnd);
            for (Scheme scheme : FLOAT_SCHEMES) {
                PositionPlan plan = scheme.plan(stream);
                assertEquals(DType.FLOAT32, plan.dtype(), scheme.name());
                for (int k = 0; k < 4; k++) {
                    float expected = host(plan, k);
                    for (int a = 0; a < plan.axes(); a++) {
                        assertEquals(expected, (float) plan.decodePosition(a, k), 0f,
                                scheme.name() + " " + stream + " step " + k);
                        assertEquals(expected, plan.decodePosition(a, k), 0.0, "a float32 value");
                    }
                    if (expected != (float) (plan.maxPosition() + 1 + k)) {
                        differs++;
                    }
                }
            }
        }
        // the rule matters: on these layouts M + 1 + k is a different float32 value in many steps
        assertTrue(differs > 100, "only " + differs + " steps differ from M + 1 + k");
    }

    @Test
    void aFractionalMaxBehindLongPaddingLosesItsFractionAsTheHostDoes() {
        // text 0, image at 1 and 1.3, text 2.3 and 3.3: M = 3.3 (f32); with L = 100_000 the delta
        // -99_995.7 is held to 1/128 (-99_995.703125), so the host decodes at 4.296875, not 4.3
        Scheme mm = SchemeRegistry.create("mmrope", SchemeParams.of("position_scale", List.of(1.0, 1.0, 0.3)));
        TokenStream stream = TokenStream.builder().padding(100_000 - 5).text(1).image(1, 1, 2).text(2).build();
        PositionPlan plan = mm.plan(stream);
        assertEquals(100_000, plan.length());
        assertEquals(3.3f, (float) plan.maxPosition(), 1e-6f);
        float m = (float) plan.maxPosition();
        float delta = (m + 1f) - 100_000f;
        assertEquals(delta, (float) plan.ropeDelta(), 0f);
        assertEquals(100_000f + delta, (float) plan.decodePosition(0, 0), 0f);
        assertEquals(4.296875f, (float) plan.decodePosition(0, 0), 0f);
        assertNotEquals(m + 1f, (float) plan.decodePosition(0, 0));
    }

    @Test
    void integerSchemesKeepMPlusOnePlusK() {
        Random rnd = new Random(3);
        for (int trial = 0; trial < 50; trial++) {
            TokenStream stream = randomStream(rnd);
            for (String name : List.of("mrope", "mrope-interleave", "mrope-i", "grape", "vanilla")) {
                PositionPlan plan = SchemeRegistry.create(name).plan(stream);
                for (int k = 0; k < 3; k++) {
                    assertEquals(plan.maxPosition() + 1 + k, plan.decodePosition(0, k), name);
                }
            }
        }
    }
}
