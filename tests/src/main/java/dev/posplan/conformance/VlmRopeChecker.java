package dev.posplan.conformance;

import dev.posplan.multimodal.TokenStream;
import dev.posplan.planners.FrequencyAllocation;
import dev.posplan.planners.PositionPlan;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.SchemeRegistry;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Checks one {@code vlm-rope-golden/v1} file (golden/README-vlm-ropes.md): builds the token stream from
 * the layout, plans it with a registered scheme and compares position IDs (float32 bit-exact), rope_deltas,
 * the next decode positions, inv_freq bits, the axis of every pair or head and, where present, cos/sin
 * within 2 ulp.
 *
 * @param scheme     registry name
 * @param stream     the layout as this folder's host format writes it
 * @param params     the scheme parameters the reference ran with, from the file's {@code params}
 * @param tolerance  0 for exact comparison; else the absolute tolerance for positions, rope_deltas, decode
 *                   and cos/sin (schemes whose golden README allows it, e.g. CircleRoPE 1e-4)
 */
public record VlmRopeChecker(String scheme, Function<JsonNode, TokenStream> stream,
        Function<JsonNode, Map<String, Object>> params, double tolerance) implements FolderChecker {

    /** An exact checker. */
    public VlmRopeChecker(String scheme, Function<JsonNode, TokenStream> stream,
            Function<JsonNode, Map<String, Object>> params) {
        this(scheme, stream, params, 0);
    }

    /** The same checker comparing within an absolute tolerance. */
    public VlmRopeChecker withTolerance(double absolute) {
        return new VlmRopeChecker(scheme, stream, params, absolute);
    }

    @Override
    public void check(JsonNode golden) {
        Scheme s = SchemeRegistry.create(scheme, new SchemeParams(params.apply(golden.get("params"))));
        TokenStream tokens = stream.apply(golden.get("layout"));
        PositionPlan plan = s.plan(tokens);
        JsonNode pos = golden.get("position_ids");
        List<String> axes = List.copyOf(Golden.plain(pos.get("axes")) instanceof List<?> l
                ? l.stream().map(String::valueOf).toList() : List.of());
        int[] mask = mask(golden);
        Expect.positions(pos.get("values"), plan, pos.get("dtype").asString().equals("float32"), mask, axes,
                tolerance);
        if (golden.has("rope_deltas") && !golden.get("rope_deltas").isNull()) {
            same("rope_deltas", golden.get("rope_deltas").asDouble(), plan.ropeDelta(), tolerance);
        }
        decode(golden.get("decode"), plan, tolerance);
        frequencies(golden.get("frequency_allocation"), s.frequencies());
        if (golden.has("rotary_check")) {
            rotary(golden.get("rotary_check"), s.frequencies(), plan, tolerance);
        }
    }

    private static int[] mask(JsonNode golden) {
        JsonNode kinds = golden.path("tokens").path("kinds");
        int[] mask = new int[kinds.size()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = kinds.get(i).asString().equals("pad") ? 0 : 1;
        }
        return mask;
    }

    static void decode(JsonNode decode, PositionPlan plan) {
        decode(decode, plan, 0);
    }

    /** Exact when {@code tolerance} is 0, else within it. */
    private static void same(String what, double expected, double actual, double tolerance) {
        if (tolerance > 0) {
            Expect.close(what, expected, actual, tolerance);
        } else {
            Expect.scalar(what, expected, actual);
        }
    }

    static void decode(JsonNode decode, PositionPlan plan, double tolerance) {
        if (decode == null || !decode.has("next_positions")) {
            return;
        }
        JsonNode next = decode.get("next_positions");
        for (int k = 0; k < next.size(); k++) {
            JsonNode step = next.get(k);
            if (step.isArray()) {
                for (int a = 0; a < step.size(); a++) {
                    same("decode step " + k + " axis " + a, step.get(a).asDouble(),
                            (float) plan.decodePosition(plan.axes() == 1 ? 0 : a, k), tolerance);
                }
            } else {
                same("decode step " + k, step.asDouble(), (float) plan.decodePosition(0, k), tolerance);
            }
        }
    }

    static void frequencies(JsonNode golden, FrequencyAllocation actual) {
        Expect.scalar("head_dim", golden.get("head_dim").asInt(), actual.headDim());
        Expect.scalar("theta", golden.get("theta").asDouble(), actual.theta());
        Expect.floatBits("inv_freq", golden.get("inv_freq"), actual.invFreq());
        if (golden.has("pair_axis")) {
            Expect.ints("pair_axis", golden.get("pair_axis"), actual.pairAxis());
        }
        if (golden.has("kv_head_axis")) {
            Expect.ints("kv_head_axis", golden.get("kv_head_axis"), actual.kvHeadAxis());
        }
    }

    static void rotary(JsonNode check, FrequencyAllocation alloc, PositionPlan plan) {
        rotary(check, alloc, plan, 0);
    }

    static void rotary(JsonNode check, FrequencyAllocation alloc, PositionPlan plan, double tolerance) {
        JsonNode cos = check.get("cos");
        JsonNode sin = check.get("sin");
        if (alloc.headwise()) {
            for (int head = 0; head < cos.size(); head++) {
                for (int t = 0; t < cos.get(head).size(); t++) {
                    compareRow("head " + head + " token " + t, cos.get(head).get(t), sin.get(head).get(t),
                            alloc.anglesForHead(plan, t, head), tolerance);
                }
            }
        } else {
            for (int t = 0; t < cos.size(); t++) {
                compareRow("token " + t, cos.get(t), sin.get(t), alloc.angles(plan, t), tolerance);
            }
        }
    }

    private static void compareRow(String where, JsonNode cos, JsonNode sin, float[] angles, double tolerance) {
        for (int j = 0; j < angles.length; j++) {
            if (tolerance > 0) {
                // A position within the tolerance moves cos/sin by at most tolerance * inv_freq <= tolerance.
                Expect.close("cos " + where + " pair " + j, cos.get(j).asDouble(), Math.cos(angles[j]), tolerance);
                Expect.close("sin " + where + " pair " + j, sin.get(j).asDouble(), Math.sin(angles[j]), tolerance);
                continue;
            }
            Expect.ulps("cos " + where + " pair " + j, cos.get(j).asDouble(), (float) Math.cos(angles[j]), 2);
            Expect.ulps("sin " + where + " pair " + j, sin.get(j).asDouble(), (float) Math.sin(angles[j]), 2);
        }
    }
}
