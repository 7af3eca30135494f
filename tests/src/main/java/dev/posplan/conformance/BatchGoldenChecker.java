package dev.posplan.conformance;

import dev.posplan.multimodal.TokenStream;
import dev.posplan.planners.BatchPlan;
import dev.posplan.planners.BatchPlanner;
import dev.posplan.planners.DType;
import dev.posplan.planners.PaddingSide;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.SchemeRegistry;
import dev.posplan.planners.allocation.FrequencyAllocation;
import dev.posplan.planners.allocation.PairAllocation;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Checks one {@code vlm-rope-golden-batch/v1} file (golden-incoming/glm4v/README.md; ERNIE-4.5-VL, Bailing and
 * HunyuanVL use the same schema). The batch is built twice, from {@code layout.rows} through the family's
 * host format and from {@code inputs} through its {@code input_ids} block detection; both must give the
 * recorded position IDs (every slot with a number, pads included), rope_deltas and decode positions, and the
 * scheme's allocation must be the recorded one. A {@code rope_freq} file checks the allocation and the cos
 * (and sin) of every probe position within 2 ulp.
 *
 * @param scheme     registry name
 * @param params     scheme parameters from the whole golden file (its {@code model_config}, a mode, …)
 * @param layoutRows the rows as the host format writes {@code layout.rows}, unpadded
 * @param inputRows  the rows the family's block detection finds in {@code inputs}
 * @param probeRow   the position whose angle the probe file's host applies for a probe position (vLLM's cache
 *                   lookup for Bailing's negative probes)
 */
public record BatchGoldenChecker(String scheme, Function<JsonNode, Map<String, Object>> params,
        Function<JsonNode, List<TokenStream>> layoutRows, Function<JsonNode, List<TokenStream>> inputRows,
        DoubleUnaryOperator probeRow) implements FolderChecker {

    /** A checker whose probe file's cos/sin are those of the probe positions themselves. */
    public BatchGoldenChecker(String scheme, Function<JsonNode, Map<String, Object>> params,
            Function<JsonNode, List<TokenStream>> layoutRows, Function<JsonNode, List<TokenStream>> inputRows) {
        this(scheme, params, layoutRows, inputRows, DoubleUnaryOperator.identity());
    }

    /** The scheme with the parameters of this file. */
    Scheme create(JsonNode golden) {
        return SchemeRegistry.create(scheme, new SchemeParams(params.apply(golden)));
    }

    @Override
    public void check(JsonNode golden) {
        Scheme s = create(golden);
        frequencies(golden.get("frequency_allocation"), s.frequencies());
        if (golden.get("schema").asString().endsWith("#rope_freq")) {
            rotary(golden, s.frequencies(), probeRow);
            return;
        }
        compare("layout", golden, new BatchPlanner(s, paddingSide(golden)).plan(layoutRows.apply(golden)));
        compare("input_ids", golden, new BatchPlanner(s).plan(inputRows.apply(golden)));
    }

    /**
     * Where the file's shorter rows are padded: {@code layout.padding_side}, else on the right (references that
     * take one request at a time, Bailing's, leave the tail of a shorter row null).
     */
    static PaddingSide paddingSide(JsonNode golden) {
        return golden.get("layout").path("padding_side").asString("right").equals("left") ? PaddingSide.LEFT
                : PaddingSide.RIGHT;
    }

    /** What a reference returned for a batch: its position IDs, rope_deltas and (derived) decode positions. */
    record Recorded(JsonNode values, List<String> axes, boolean float32, JsonNode deltas, JsonNode next) {

        /** The file's own {@code position_ids}, {@code rope_deltas} and {@code decode}. */
        static Recorded of(JsonNode golden) {
            JsonNode pos = golden.get("position_ids");
            return new Recorded(pos.get("values"), axes(pos.get("axes")), pos.get("dtype").asString().equals("float32"),
                    golden.get("rope_deltas").get("values"), golden.path("decode").path("next_positions"));
        }

        static List<String> axes(JsonNode names) {
            return names.valueStream().map(JsonNode::asString).toList();
        }
    }

    /** Position IDs, rope_deltas and decode positions of a batch against the file. */
    static void compare(String from, JsonNode golden, BatchPlan plan) {
        compare(from, Recorded.of(golden), plan);
    }

    /**
     * A batch against a recorded result; JSON nulls (slots the reference did not fill) are skipped, and so are
     * rope_deltas a reference does not return (null).
     */
    static void compare(String from, Recorded r, BatchPlan plan) {
        if (r.float32() != (plan.dtype() == DType.FLOAT32)) {
            throw new Mismatch(from + ": dtype: expected " + (r.float32() ? "float32" : "integer") + ", actual "
                    + plan.dtype());
        }
        JsonNode values = r.values();
        int batch = values.get(0).size();
        int length = values.get(0).get(0).size();
        if (plan.batchSize() != batch || plan.length() != length) {
            throw new Mismatch(from + ": shape: expected " + batch + "x" + length + ", actual "
                    + plan.batchSize() + "x" + plan.length());
        }
        for (int a = 0; a < values.size(); a++) {
            for (int b = 0; b < batch; b++) {
                JsonNode row = values.get(a).get(b);
                for (int i = 0; i < row.size(); i++) {
                    if (!row.get(i).isNull()) {
                        same(from + ": row " + b + " token " + i + " axis " + r.axes().get(a), row.get(i).asDouble(),
                                plan.get(a, b, i), r.float32());
                    }
                }
            }
        }
        double[] actual = plan.ropeDeltas();
        for (int b = 0; r.deltas() != null && b < batch; b++) {
            JsonNode d = r.deltas().get(b).isArray() ? r.deltas().get(b).get(0) : r.deltas().get(b);
            same(from + ": rope_deltas row " + b, d.asDouble(), actual[b], r.float32());
        }
        JsonNode next = r.next();
        if (next != null && next.isArray()) {
            int steps = next.get(0).get(0).size();
            double[][][] decode = plan.decodePositions(steps);
            for (int a = 0; a < next.size(); a++) {
                for (int b = 0; b < batch; b++) {
                    for (int k = 0; k < steps; k++) {
                        same(from + ": decode row " + b + " step " + k + " axis " + r.axes().get(a),
                                next.get(a).get(b).get(k).asDouble(), decode[a][b][k], r.float32());
                    }
                }
            }
        }
    }

    private static void same(String what, double expected, double actual, boolean float32) {
        boolean equal = float32 ? Float.floatToIntBits((float) expected) == Float.floatToIntBits((float) actual)
                : expected == actual;
        if (!equal) {
            throw new Mismatch(what + ": expected " + expected + ", actual " + actual);
        }
    }

    /**
     * The allocation: head_dim, theta, rotary pairs, the inverse frequency of every pair (a file whose module
     * buffer is stored permuted, ERNIE's, gives them per pair as {@code pair_inv_freq}), the pair → axis map
     * and, when the file probed it ({@code pair_channels}), the two channels each pair rotates.
     */
    static void frequencies(JsonNode golden, FrequencyAllocation allocation) {
        PairAllocation actual = (PairAllocation) allocation;
        Expect.scalar("head_dim", golden.get("head_dim").asInt(), actual.headDim());
        Expect.scalar("theta", golden.get("theta").asDouble(), actual.theta());
        Expect.scalar("rotary_pairs", golden.get("rotary_pairs").asInt(), actual.pairs());
        Expect.floatBits("inv_freq", golden.has("pair_inv_freq") ? golden.get("pair_inv_freq") : golden.get("inv_freq"),
                actual.invFreq());
        Expect.ints("pair_axis", golden.get("pair_axis"), actual.pairAxis());
        if (golden.has("pair_channels")) {
            for (int j = 0; j < actual.pairs(); j++) {
                Expect.ints("pair_channels[" + j + "] (pairing " + actual.pairing().apiName() + ")",
                        golden.get("pair_channels").get(j), actual.pairing().channels(j, actual.rotaryDim()));
            }
        }
    }

    /**
     * cos (and sin) at each probe position: pair j's angle is computed once in float32, and the file gives
     * the value on each channel of the pair ({@code pair_channels}), or one value per pair.
     */
    static void rotary(JsonNode golden, FrequencyAllocation allocation, DoubleUnaryOperator probeRow) {
        PairAllocation alloc = (PairAllocation) allocation;
        JsonNode channels = golden.get("frequency_allocation").get("pair_channels");
        for (JsonNode sample : golden.get("rotary_check").get("samples").values()) {
            double[] thw = Golden.doubles(sample.get("pos_thw"));
            JsonNode cos = sample.has("cos_selected") ? sample.get("cos_selected") : sample.get("cos");
            JsonNode sin = sample.has("sin_selected") ? sample.get("sin_selected") : sample.get("sin");
            for (int j = 0; j < alloc.pairs(); j++) {
                float angle = FrequencyAllocation.angle(probeRow.applyAsDouble(thw[alloc.axisOfPair(j)]),
                        alloc.invFreq(j));
                String where = "pos " + sample.get("pos_thw") + " pair " + j;
                int[] slots = cos.size() == alloc.pairs() ? new int[] {j} : Golden.ints(channels.get(j));
                for (int slot : slots) {
                    Expect.ulps("cos " + where, cos.get(slot).asDouble(), (float) Math.cos(angle), 2);
                    if (sin != null) {
                        Expect.ulps("sin " + where, sin.get(slot).asDouble(), (float) Math.sin(angle), 2);
                    }
                }
            }
        }
    }
}
