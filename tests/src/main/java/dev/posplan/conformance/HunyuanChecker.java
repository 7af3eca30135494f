package dev.posplan.conformance;

import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.HunyuanFormat;
import dev.posplan.multimodal.HunyuanInputIds;
import dev.posplan.multimodal.PromptPart;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.planners.BatchPlanner;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.SchemeRegistry;
import dev.posplan.planners.allocation.ChannelAllocation;
import dev.posplan.planners.allocation.FrequencyAllocation;
import dev.posplan.planners.allocation.PairAllocation;
import dev.posplan.planners.allocation.RotaryAllocation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * HunyuanVL ({@code golden-incoming/hunyuan_vl/README.md}, the batch schema without rope_deltas): the primary
 * reference ({@code compat} transformers) on the padded batch from {@code layout.rows} and from
 * {@code input_ids}; vLLM ({@code compat} vllm) on every unpadded row alone, from both too, against
 * {@code impls.vllm}. Every file's {@code frequency_allocation} is checked for both conventions
 * (transformers' element-wise doubling and the list repetition of vLLM and the fork: the channel → axis map,
 * each channel's frequency, the axes of each pair, inv_freq bit for bit, the NTK-alpha base); the probe file's
 * composed cos/sin within 2 ulp and its rotated query per implementation.
 */
final class HunyuanChecker implements FolderChecker {

    private static final String SCHEME = "hunyuan-vl";
    /** Rotated query values (inputs of order 1) are sums of two float32 products of 2-ulp cos/sin. */
    private static final double Q_TOLERANCE = 1e-6;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Override
    public void check(JsonNode golden) {
        Scheme transformers = scheme(golden, "transformers");
        Scheme vllm = scheme(golden, "vllm");
        JsonNode alloc = golden.get("frequency_allocation");
        JsonNode impls = alloc.get("impls");
        frequencies("transformers", alloc, impls.get("transformers_elementwise_doubling"), transformers.frequencies());
        frequencies("vllm", alloc, impls.get("list_repetition"), vllm.frequencies());
        Expect.ints("vllm_cross_check.channel_axis", alloc.get("vllm_cross_check").get("channel_axis"),
                channelAxis((RotaryAllocation) vllm.frequencies()));
        if (golden.get("schema").asString().endsWith("#rope_freq")) {
            rotary(golden, Map.of("transformers_elementwise_doubling", transformers.frequencies(), "list_repetition",
                    vllm.frequencies()));
            return;
        }
        List<String> axes = BatchGoldenChecker.Recorded.axes(golden.get("position_ids").get("axes"));
        BatchGoldenChecker.Recorded recorded = new BatchGoldenChecker.Recorded(golden.get("position_ids").get("values"),
                axes, false, null, golden.get("decode").get("next_positions"));
        BatchGoldenChecker.compare("transformers layout", recorded,
                new BatchPlanner(transformers, BatchGoldenChecker.paddingSide(golden)).plan(layoutRows(golden)));
        BatchGoldenChecker.compare("transformers input_ids", recorded,
                new BatchPlanner(transformers).plan(inputRows(golden, golden.get("inputs").get("input_ids"),
                        golden.get("inputs").get("attention_mask"), golden.get("inputs").get("image_grid_thw"))));
        vllmRows(golden, vllm, axes);
    }

    /** The scheme with the file's checkpoint constants under {@code compat}. */
    private static Scheme scheme(JsonNode golden, String compat) {
        JsonNode config = golden.get("model_config");
        JsonNode rope = config.get("rope_parameters");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("head_dim", config.get("head_dim").asInt());
        p.put("rope_theta", rope.get("rope_theta").asDouble());
        p.put("alpha", rope.get("alpha").asDouble());
        p.put("xdrope_section", Golden.plain(rope.get("xdrope_section")));
        p.put("compat", compat);
        return SchemeRegistry.create(SCHEME, new SchemeParams(p));
    }

    /** Each row as the processor writes {@code layout.rows} (unpadded; the batch planner pads). */
    private static List<TokenStream> layoutRows(JsonNode golden) {
        List<TokenStream> rows = new ArrayList<>();
        for (JsonNode row : golden.get("layout").get("rows").values()) {
            List<PromptPart> parts = new ArrayList<>();
            for (JsonNode seg : row.values()) {
                String type = seg.get("type").asString();
                switch (type) {
                    case "text" -> parts.add(new PromptPart.Text(seg.get("tokens").asInt()));
                    case "image" -> parts.add(new PromptPart.Image(new Grid(1, seg.get("merged_hw").get(0).asInt(),
                            seg.get("merged_hw").get(1).asInt())));
                    default -> throw new IllegalArgumentException("unsupported layout segment type " + type);
                }
            }
            rows.add(HunyuanFormat.HUNYUAN_VL.expand(parts));
        }
        return rows;
    }

    private static List<TokenStream> inputRows(JsonNode golden, JsonNode ids, JsonNode mask, JsonNode grids) {
        JsonNode config = golden.get("model_config");
        return HunyuanInputIds.rows(new HunyuanInputIds.TokenIds(config.get("im_start_id").asInt()), Golden.ints2(ids),
                mask == null ? null : Golden.ints2(mask), grids.isNull() ? null : Golden.ints2(grids),
                config.get("merge_size").asInt());
    }

    /**
     * vLLM takes one request at a time: each row's unpadded tokens planned alone, from the layout and from the
     * row's unmasked {@code input_ids} with its own grids, against {@code impls.vllm} (positions and the executed
     * decode positions).
     */
    private static void vllmRows(JsonNode golden, Scheme vllm, List<String> axes) {
        JsonNode impl = golden.get("impls").get("vllm");
        List<TokenStream> layout = layoutRows(golden);
        JsonNode ids = golden.get("inputs").get("input_ids");
        JsonNode mask = golden.get("inputs").get("attention_mask");
        for (int b = 0; b < layout.size(); b++) {
            BatchGoldenChecker.Recorded recorded = new BatchGoldenChecker.Recorded(batchOfOne(
                    impl.get("rows_position_ids").get(b)), axes, false, null,
                    batchOfOne(impl.get("next_positions_executed").get(b)));
            BatchGoldenChecker.compare("vllm layout row " + b, recorded,
                    new BatchPlanner(vllm).plan(List.of(layout.get(b))));
            ArrayNode unpadded = JSON.arrayNode();
            for (int i = 0; i < ids.get(b).size(); i++) {
                if (mask.get(b).get(i).asInt() == 1) {
                    unpadded.add(ids.get(b).get(i));
                }
            }
            JsonNode grids = golden.get("inputs").get("image_grid_thw_per_row").get(b);
            BatchGoldenChecker.compare("vllm input_ids row " + b, recorded, new BatchPlanner(vllm).plan(
                    inputRows(golden, JSON.arrayNode().add(unpadded), null, grids.isEmpty() ? JSON.nullNode() : grids)));
        }
    }

    /** {@code [axis][i]} as {@code [axis][1][i]}. */
    private static ArrayNode batchOfOne(JsonNode perAxis) {
        ArrayNode out = JSON.arrayNode();
        for (JsonNode axis : perAxis.values()) {
            out.add(JSON.arrayNode().add(axis));
        }
        return out;
    }

    /** One implementation's allocation against the file: constants, inv_freq, and its channel and pair maps. */
    private static void frequencies(String compat, JsonNode golden, JsonNode impl, FrequencyAllocation allocation) {
        RotaryAllocation actual = (RotaryAllocation) allocation;
        Expect.scalar(compat + " head_dim", golden.get("head_dim").asInt(), actual.headDim());
        Expect.scalar(compat + " rotary_dim", golden.get("rotary_dim").asInt(), actual.rotaryDim());
        Expect.scalar(compat + " base", golden.get("base").asDouble(), actual.theta());
        float[] inv = actual.invFreq();
        JsonNode hex = golden.get("inv_freq_f32_hex");
        for (int j = 0; j < inv.length; j++) {
            float e = Float.intBitsToFloat(Integer.parseUnsignedInt(hex.get(j).asString(), 16));
            if (Float.floatToIntBits(e) != Float.floatToIntBits(inv[j])) {
                throw new Mismatch(compat + " inv_freq[" + j + "]: expected " + e + ", actual " + inv[j]);
            }
        }
        Expect.ints(compat + " channel_axis", impl.get("channel_axis"), channelAxis(actual));
        int[] freqIndex = new int[actual.rotaryDim()];
        for (int c = 0; c < freqIndex.length; c++) {
            freqIndex[c] = pairOf(actual, c);
        }
        Expect.ints(compat + " channel_freq_index", impl.get("channel_freq_index"), freqIndex);
        int[] channelAxis = channelAxis(actual);
        boolean consistent = true;
        for (int j = 0; j < actual.pairs(); j++) {
            int[] ch = actual.pairing().channels(j, actual.rotaryDim());
            int[] pairAxes = {channelAxis[ch[0]], channelAxis[ch[1]]};
            Expect.ints(compat + " pair_axes[" + j + "]", impl.get("pair_axes").get(j), pairAxes);
            consistent &= pairAxes[0] == pairAxes[1];
        }
        Expect.bool(compat + " pairs_rotate_consistently", impl.get("pairs_rotate_consistently").asBoolean(),
                consistent);
        // a pair allocation exactly when the pairs rotate consistently
        Expect.bool(compat + " allocation kind (pair allocation)", consistent, actual instanceof PairAllocation);
    }

    /** The axis each rotated channel reads. */
    private static int[] channelAxis(RotaryAllocation a) {
        if (a instanceof ChannelAllocation c) {
            return c.channelAxis();
        }
        int[] out = new int[a.rotaryDim()];
        for (int c = 0; c < out.length; c++) {
            out[c] = ((PairAllocation) a).axisOfPair(pairOf(a, c));
        }
        return out;
    }

    /** The pair (frequency index) channel c belongs to. */
    private static int pairOf(RotaryAllocation a, int c) {
        return a.pairing().pairOf(c, a.rotaryDim());
    }

    /**
     * Each probe position through each implementation: the composed cos and sin of every channel (angle
     * {@code float(pos[axis]) · inv_freq[pair]} in float32) within 2 ulp, the query rotated with them
     * ({@code q · cos + rotate_half(q) · sin}), and plain RoPE where all four channels are equal.
     */
    private static void rotary(JsonNode golden, Map<String, FrequencyAllocation> byImpl) {
        JsonNode check = golden.get("rotary_check");
        float[] q = floats(check.get("q_input"));
        for (JsonNode sample : check.get("samples").values()) {
            double[] pos = Golden.doubles(sample.get("pos_text_w_h_t"));
            for (Map.Entry<String, FrequencyAllocation> e : byImpl.entrySet()) {
                JsonNode expected = sample.get(e.getKey());
                String where = e.getKey() + " pos " + Arrays.toString(pos);
                rotated(where, (RotaryAllocation) e.getValue(), pos, q, expected.get("cos"), expected.get("sin"),
                        expected.get("q_rotated"));
            }
        }
        for (JsonNode plain : check.get("decode_plain_rope").values()) {
            double p = plain.get("pos").asDouble();
            for (Map.Entry<String, FrequencyAllocation> e : byImpl.entrySet()) {
                rotated(e.getKey() + " decode pos " + p, (RotaryAllocation) e.getValue(), new double[] {p, p, p, p}, q,
                        null, null, plain.get("q_rotated"));
            }
        }
    }

    private static void rotated(String where, RotaryAllocation a, double[] pos, float[] q, JsonNode expectedCos,
            JsonNode expectedSin, JsonNode expectedQ) {
        int[] axis = channelAxis(a);
        int half = a.rotaryDim() / 2;
        float[] cos = new float[a.rotaryDim()];
        float[] sin = new float[a.rotaryDim()];
        for (int c = 0; c < cos.length; c++) {
            float angle = FrequencyAllocation.angle(pos[axis[c]], a.invFreq(pairOf(a, c)));
            cos[c] = (float) Math.cos(angle);
            sin[c] = (float) Math.sin(angle);
            if (expectedCos != null) {
                Expect.ulps(where + " cos[" + c + "]", expectedCos.get(c).asDouble(), cos[c], 2);
                Expect.ulps(where + " sin[" + c + "]", expectedSin.get(c).asDouble(), sin[c], 2);
            }
        }
        for (int c = 0; c < cos.length; c++) {
            // rotate_half(x) = cat(-x[D/2:], x[:D/2]), in float32
            float other = c < half ? -q[c + half] : q[c - half];
            Expect.close(where + " q_rotated[" + c + "]", expectedQ.get(c).asDouble(), q[c] * cos[c] + other * sin[c],
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
