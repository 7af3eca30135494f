package dev.posplan.conformance;

import dev.posplan.multimodal.ModelPreset;
import dev.posplan.planners.allocation.FrequencyAllocation;
import dev.posplan.planners.allocation.PairAllocation;
import dev.posplan.planners.compat.QwenCompat;
import tools.jackson.databind.JsonNode;

/**
 * Checks a {@code rope_freq_<family>.json} against the family's scheme (qwen-mrope.md §6): the preset's
 * rotary constants, the inv_freq bits, the axis of every frequency index, and for each sample (t, h, w) the
 * cos every channel is multiplied by (within 2 ulp) and the query rotated NeoX style (small tolerance).
 */
final class QwenFrequencyCheck {

    /** Rotated query values (inputs below 1) are sums of two float32 products of 2-ulp cos/sin. */
    private static final double Q_TOLERANCE = 1e-6;

    private QwenFrequencyCheck() {
    }

    static void check(JsonNode golden, ModelPreset preset) {
        Expect.scalar("head_dim", golden.get("head_dim").asInt(), preset.headDim());
        Expect.scalar("rope_theta", golden.get("rope_theta").asDouble(), preset.ropeTheta());
        Expect.ints("mrope_section", golden.get("mrope_section"), preset.mropeSection());
        if (golden.get("mrope_interleaved").asBoolean() != preset.interleaved()) {
            throw new Mismatch("mrope_interleaved: expected " + golden.get("mrope_interleaved") + ", preset "
                    + preset.apiName() + " says " + preset.interleaved());
        }
        // The allocation does not depend on the host options; any compat gives the same one.
        PairAllocation f = (PairAllocation) QwenGoldenChecker.scheme(preset, QwenCompat.HF_4_57, null).frequencies();
        invFreq(golden.get("inv_freq_f32_hex"), f.invFreq());
        Expect.ints("axis_per_freq_index", golden.get("axis_per_freq_index"), f.pairAxis());
        float[] q = floats(golden.get("q_input"));
        for (JsonNode sample : golden.get("samples").values()) {
            sample(sample, f, q);
        }
    }

    private static void invFreq(JsonNode hex, float[] actual) {
        if (hex.size() != actual.length) {
            throw new Mismatch("inv_freq: expected " + hex.size() + " values, actual " + actual.length);
        }
        for (int j = 0; j < actual.length; j++) {
            float e = Float.intBitsToFloat(Integer.parseUnsignedInt(hex.get(j).asString(), 16));
            if (Float.floatToIntBits(e) != Float.floatToIntBits(actual[j])) {
                throw new Mismatch("inv_freq[" + j + "]: expected " + e + " (0x" + hex.get(j).asString() + "), actual "
                        + actual[j]);
            }
        }
    }

    private static void sample(JsonNode sample, PairAllocation f, float[] q) {
        JsonNode thw = sample.get("pos_thw");
        String where = "sample " + thw;
        int pairs = f.pairs();
        float[] cos = new float[2 * pairs];
        float[] sin = new float[2 * pairs];
        for (int j = 0; j < pairs; j++) {
            float angle = FrequencyAllocation.angle(thw.get(f.axisOfPair(j)).asDouble(), f.invFreq(j));
            // cat(freqs, freqs): channels j and j + D/2 share frequency j.
            cos[j] = cos[j + pairs] = (float) Math.cos(angle);
            sin[j] = sin[j + pairs] = (float) Math.sin(angle);
        }
        JsonNode expectedCos = sample.get("cos_selected");
        for (int d = 0; d < cos.length; d++) {
            Expect.ulps(where + " cos_selected[" + d + "]", expectedCos.get(d).asDouble(), cos[d], 2);
        }
        JsonNode expectedQ = sample.get("q_rotated_transformers");
        for (int d = 0; d < q.length; d++) {
            // q * cos + rotate_half(q) * sin, rotate_half(x) = cat(-x[D/2:], x[:D/2]), in float32.
            float half = d < pairs ? -q[d + pairs] : q[d - pairs];
            float rotated = q[d] * cos[d] + half * sin[d];
            Expect.close(where + " q_rotated_transformers[" + d + "]", expectedQ.get(d).asDouble(), rotated,
                    Q_TOLERANCE);
        }
    }

    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }
}
