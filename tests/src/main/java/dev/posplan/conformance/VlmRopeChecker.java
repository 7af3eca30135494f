package dev.posplan.conformance;

import dev.posplan.multimodal.TokenStream;
import dev.posplan.planners.PositionPlan;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.SchemeRegistry;
import dev.posplan.planners.allocation.FrequencyAllocation;
import dev.posplan.planners.allocation.HeadAllocation;
import dev.posplan.planners.allocation.PairAllocation;
import dev.posplan.planners.allocation.RotaryAllocation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Checks one {@code vlm-rope-golden/v1} file (golden/README-vlm-ropes.md): builds the token stream from
 * the layout, plans it with a registered scheme and compares position IDs (float32 bit-exact; every slot the
 * file gives a number for, padded slots included), rope_deltas,
 * the next decode positions, the state after prefill (VRoPE), inv_freq bits, the axis of every pair or
 * head and, where present, cos/sin within 2 ulp. A file's {@code checks} (agreement between the reference's
 * own code paths) must all hold: posplan has one answer for all of them.
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
        Scheme s = scheme(golden);
        PositionPlan plan = positions(golden, s);
        checkDecode(golden, plan, "next_positions");
        if (golden.has("state_after_prefill")) {
            JsonNode state = golden.get("state_after_prefill");
            Expect.scalar("state_after_prefill.current_index", state.get("current_index").asDouble(),
                    plan.decodePosition(0, 0));
            Expect.scalar("state_after_prefill.total_token_len", state.get("total_token_len").asInt(), plan.length());
        }
        if (golden.has("checks")) {
            for (Map.Entry<String, JsonNode> c : golden.get("checks").properties()) {
                if (!c.getValue().asBoolean()) {
                    throw new Mismatch("checks." + c.getKey() + " is false: the reference's paths disagree, "
                            + "posplan has one rule");
                }
            }
        }
        frequencies(golden.get("frequency_allocation"), s.frequencies());
        if (golden.has("rotary_check")) {
            rotary(golden.get("rotary_check"), s.frequencies(), plan, tolerance);
        }
    }

    /**
     * The same folder run with more parameters (or other values) on top of {@link #params}, both read from
     * the file's {@code params}: for a second reading of one golden file, e.g. a compatibility mode.
     */
    public VlmRopeChecker with(Function<JsonNode, Map<String, Object>> extra) {
        return new VlmRopeChecker(scheme, stream, fileParams -> {
            Map<String, Object> m = new LinkedHashMap<>(params.apply(fileParams));
            m.putAll(extra.apply(fileParams));
            return m;
        }, tolerance);
    }

    /** Only the prefill: position IDs and rope_deltas. */
    public void checkPositions(JsonNode golden) {
        positions(golden, scheme(golden));
    }

    /** Only the decode positions stored under {@code decode.<key>}. */
    public void checkDecode(JsonNode golden, String key) {
        Scheme s = scheme(golden);
        checkDecode(golden, s.plan(stream.apply(golden.get("layout"))), key);
    }

    private Scheme scheme(JsonNode golden) {
        return SchemeRegistry.create(scheme, new SchemeParams(params.apply(golden.get("params"))));
    }

    private PositionPlan positions(JsonNode golden, Scheme s) {
        TokenStream tokens = stream.apply(golden.get("layout"));
        PositionPlan plan = s.plan(tokens);
        JsonNode pos = golden.get("position_ids");
        List<String> axes = List.copyOf(Golden.plain(pos.get("axes")) instanceof List<?> l
                ? l.stream().map(String::valueOf).toList() : List.of());
        // Padded slots are compared too: the reference records the value it wrote there (README-vlm-ropes:
        // attention-masked left padding), and that value is part of the scheme's pad_value default.
        Expect.positions(pos.get("values"), plan, pos.get("dtype").asString().equals("float32"), axes, tolerance);
        if (golden.has("rope_deltas") && !golden.get("rope_deltas").isNull()) {
            same("rope_deltas", golden.get("rope_deltas").asDouble(), plan.ropeDelta(), tolerance);
        }
        return plan;
    }

    /** Exact when {@code tolerance} is 0, else within it. */
    private static void same(String what, double expected, double actual, double tolerance) {
        if (tolerance > 0) {
            Expect.close(what, expected, actual, tolerance);
        } else {
            Expect.scalar(what, expected, actual);
        }
    }

    private void checkDecode(JsonNode golden, PositionPlan plan, String key) {
        JsonNode decode = golden.get("decode");
        if (decode == null || !decode.has(key)) {
            return;
        }
        JsonNode next = decode.get(key);
        for (int k = 0; k < next.size(); k++) {
            JsonNode step = next.get(k);
            if (step.isArray()) {
                for (int a = 0; a < step.size(); a++) {
                    same(key + " step " + k + " axis " + a, step.get(a).asDouble(),
                            (float) plan.decodePosition(plan.axes() == 1 ? 0 : a, k), tolerance);
                }
            } else {
                same(key + " step " + k, step.asDouble(), (float) plan.decodePosition(0, k), tolerance);
            }
        }
    }

    /**
     * The allocation. {@code head_dim}, {@code theta}, {@code rotary_pairs} and {@code inv_freq} are compared
     * when the file gives them (VRoPE's has no frequencies: the host's are used); the pair → axis map is
     * {@code pair_axis}, or VRoPE's {@code pair_position_source} (an index into its four position axes).
     */
    static void frequencies(JsonNode golden, FrequencyAllocation allocation) {
        RotaryAllocation actual = (RotaryAllocation) allocation;
        if (present(golden, "head_dim")) {
            Expect.scalar("head_dim", golden.get("head_dim").asInt(), actual.headDim());
        }
        if (present(golden, "theta")) {
            Expect.scalar("theta", golden.get("theta").asDouble(), actual.theta());
        }
        if (present(golden, "rotary_pairs")) {
            Expect.scalar("rotary_pairs", golden.get("rotary_pairs").asInt(), actual.pairs());
        }
        if (present(golden, "inv_freq")) {
            Expect.floatBits("inv_freq", golden.get("inv_freq"), actual.invFreq());
        }
        if (golden.has("pair_axis")) {
            Expect.ints("pair_axis", golden.get("pair_axis"), ((PairAllocation) actual).pairAxis());
        }
        if (golden.has("pair_position_source")) {
            Expect.ints("pair_position_source", golden.get("pair_position_source"),
                    ((PairAllocation) actual).pairAxis());
        }
        if (golden.has("kv_head_axis")) {
            Expect.ints("kv_head_axis", golden.get("kv_head_axis"), ((HeadAllocation) actual).kvHeadAxis());
        }
    }

    private static boolean present(JsonNode node, String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    static void rotary(JsonNode check, FrequencyAllocation alloc, PositionPlan plan, double tolerance) {
        JsonNode cos = check.get("cos");
        JsonNode sin = check.get("sin");
        if (alloc instanceof HeadAllocation heads) {
            for (int head = 0; head < cos.size(); head++) {
                for (int t = 0; t < cos.get(head).size(); t++) {
                    compareRow("head " + head + " token " + t, cos.get(head).get(t), sin.get(head).get(t),
                            heads.angles(plan, t, head), tolerance);
                }
            }
        } else {
            PairAllocation pairs = (PairAllocation) alloc;
            for (int t = 0; t < cos.size(); t++) {
                compareRow("token " + t, cos.get(t), sin.get(t), pairs.angles(plan, t), tolerance);
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
