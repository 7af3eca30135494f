package dev.posplan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.posplan.api.encode.Tensor;
import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.multimodal.VisionModel;
import dev.posplan.multimodal.text.ModelTokenizers;
import dev.posplan.planners.BatchPlan;
import dev.posplan.planners.BatchPlanner;
import dev.posplan.planners.Parameter;
import dev.posplan.planners.SchemeDeclaration;
import dev.posplan.planners.SchemeRegistry;
import dev.posplan.web.V1PlanController.AnswerFormat;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Properties of {@code /v1/plans} over generated requests, valid and mutated (parts, input_ids, messages,
 * ranges, params, dtypes, layouts, answer formats), on the service's own path without HTTP (body reading as
 * strict as the service, {@link FailureLocator}, {@link V1PlanWriter}):
 * <ul>
 * <li>every request either plans or fails with a declared input error — unreadable JSON, an
 *     {@link InvalidInputException} or a {@link LimitExceededException} (a 4xx) — never another exception;</li>
 * <li>a {@code range} answers exactly the slice of the dense answer, padded rows and decode positions alike;</li>
 * <li>{@code layout: blocks} expands, run by run, to the dense answer;</li>
 * <li>the dense answer, however it was planned (straight into the answer's tensor for schemes that slice
 * directly), holds the batch planner's positions and {@code rope_deltas}.</li>
 * </ul>
 * The planners' own on-demand properties ({@code OnDemandPropertiesTest}) cover single rows per scheme; these
 * cover the request layer: mapping, batching with padding, and the JSON the service writes.
 */
class V1RequestPropertiesTest {

    private static final JsonNodeFactory N = JsonNodeFactory.instance;
    private static final JsonMapper READ = JsonMapper.builder().build();
    private static final ModelTokenizers NO_TOKENIZERS = new ModelTokenizers(Map.of());
    private static final PlanLimits LIMITS = new PlanLimits(null, 64, 20_000, 256, 64, 4_000);
    private static final V1PlanWriter WRITER = new V1PlanWriter(new V1PlanMapper(LIMITS, NO_TOKENIZERS), LIMITS,
            PosplanCli.JSON);
    private static final FailureLocator PLANNER = new FailureLocator(WRITER);
    private static final List<SchemeDeclaration> SCHEMES = List.copyOf(SchemeRegistry.all());
    private static final List<String> MODELS = VisionModel.all().stream().map(VisionModel::apiName).toList();

    @AfterContainer
    static void close() {
        NO_TOKENIZERS.close();
    }

    @Property(tries = 600)
    void everyRequestPlansOrFailsWithADeclaredInputError(@ForAll Random random) {
        ObjectNode request = request(random, true);
        AnswerFormat format = AnswerFormat.values()[random.nextInt(AnswerFormat.values().length)];
        String body = request.toString();
        try {
            V1PlanRequest r = PosplanCli.JSON.readValue(body, V1PlanRequest.class);
            V1PlanAnswer plan = PLANNER.plan(r, format);
            WRITER.write(plan, format, new ByteArrayOutputStream());
        } catch (JacksonException | InvalidInputException | LimitExceededException declared) {
            // a 400, 422 or 413: the request's fault, said as such
        } catch (Exception e) {
            fail("not a declared input error for " + body, e);
        }
    }

    @Property(tries = 200)
    void aRangeIsTheSliceOfTheDenseAnswer(@ForAll Random random) {
        ObjectNode request = request(random, false);
        JsonNode dense = answer(request);
        Assume.that(dense != null);
        int length = dense.path("length").asInt();
        int start = random.nextInt(length);
        int n = 1 + random.nextInt(length - start);
        request.putObject("range").put("start", start).put("length", n);
        JsonNode sliced = answer(request);
        JsonNode all = dense.path("position_ids");
        for (int a = 0; a < all.size(); a++) {
            for (int b = 0; b < all.get(a).size(); b++) {
                ArrayNode expected = N.arrayNode();
                for (int i = start; i < start + n; i++) {
                    expected.add(all.get(a).get(b).get(i));
                }
                assertEquals(expected, sliced.path("position_ids").get(a).get(b), request + " axis " + a + " row " + b);
            }
        }
        for (String same : List.of("rope_deltas", "decode_position_ids", "sequences")) {
            assertEquals(dense.path(same), sliced.path(same), same + " of " + request);
        }
    }

    @Property(tries = 200)
    void blocksExpandToTheDenseAnswer(@ForAll Random random) {
        ObjectNode request = request(random, false);
        JsonNode dense = answer(request);
        Assume.that(dense != null);
        request.put("layout", "blocks");
        JsonNode blocks;
        try {
            blocks = answer(request);
        } catch (InvalidInputException e) {
            Assume.that(!e.field().equals("/layout")); // a scheme without a block form says so
            throw e;
        }
        JsonNode positions = dense.path("position_ids");
        for (int b = 0; b < blocks.path("blocks").size(); b++) {
            long[][] expanded = new long[positions.size()][dense.path("length").asInt()];
            for (JsonNode run : blocks.path("blocks").get(b)) {
                expand(run, expanded);
            }
            for (int a = 0; a < positions.size(); a++) {
                for (int i = 0; i < expanded[a].length; i++) {
                    assertEquals(positions.get(a).get(b).get(i).asLong(), expanded[a][i],
                            request + ": axis " + a + " row " + b + " slot " + i);
                }
            }
        }
    }

    @Property(tries = 200)
    void aDenseAnswerHoldsTheBatchPlannersPositions(@ForAll Random random) {
        V1PlanRequest r = PosplanCli.JSON.readValue(request(random, false).toString(), V1PlanRequest.class);
        V1PlanAnswer plan;
        try {
            plan = WRITER.plan(r, AnswerFormat.SAFETENSORS);
        } catch (InvalidInputException | LimitExceededException refused) {
            Assume.that(false);
            return;
        }
        BatchPlan batch = new BatchPlanner(plan.job().scheme(), plan.job().side()).plan(plan.job().rows());
        double[] positions = values(plan.positionIds());
        int i = 0;
        for (int a = 0; a < batch.axes(); a++) {
            for (int b = 0; b < batch.batchSize(); b++) {
                for (int t = 0; t < batch.length(); t++) {
                    assertEquals(batch.get(a, b, t), positions[i++], r + ": axis " + a + " row " + b + " slot " + t);
                }
            }
        }
        assertEquals(i, positions.length, "position_ids holds [axes, B, L]");
        assertEquals(Arrays.toString(batch.ropeDeltas()), Arrays.toString(values(plan.ropeDeltas(batch.batchSize(),
                1))), "rope_deltas of " + r);
    }

    /** A tensor's values in C order, read back from the bytes it writes (int32, int64 or float32). */
    private static double[] values(Tensor t) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            t.writeData(out);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        ByteBuffer bytes = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        double[] v = new double[(int) t.elements()];
        for (int k = 0; k < v.length; k++) {
            v[k] = switch (t.dtype()) {
                case INT32 -> bytes.getInt();
                case INT64 -> bytes.getLong();
                case FLOAT32 -> bytes.getFloat();
            };
        }
        return v;
    }

    /** Writes a text run ({@code base + i·step}) or a visual block ({@code t[i_t] + h[i_h] + w[i_w]}) per axis. */
    private static void expand(JsonNode run, long[][] out) {
        int start = run.path("start").asInt();
        if (run.has("length")) {
            for (int a = 0; a < out.length; a++) {
                for (int i = 0; i < run.path("length").asInt(); i++) {
                    out[a][start + i] = run.path("base").get(a).asLong() + i * run.path("step").get(a).asLong();
                }
            }
            return;
        }
        JsonNode g = run.path("grid");
        int gt = g.get(0).asInt();
        int gh = g.get(1).asInt();
        int gw = g.get(2).asInt();
        for (int a = 0; a < out.length; a++) {
            for (int it = 0; it < gt; it++) {
                for (int ih = 0; ih < gh; ih++) {
                    for (int iw = 0; iw < gw; iw++) {
                        out[a][start + (it * gh + ih) * gw + iw] = run.path("t").get(a).get(it).asLong()
                                + run.path("h").get(a).get(ih).asLong() + run.path("w").get(a).get(iw).asLong();
                    }
                }
            }
        }
    }

    /** The JSON answer of a request, or null when the request is refused. */
    private static JsonNode answer(ObjectNode request) {
        V1PlanRequest r = PosplanCli.JSON.readValue(request.toString(), V1PlanRequest.class);
        V1PlanAnswer plan;
        try {
            plan = WRITER.plan(r, AnswerFormat.JSON);
        } catch (InvalidInputException | LimitExceededException refused) {
            if ("blocks".equals(request.path("layout").asString(null))) {
                throw refused instanceof InvalidInputException bad ? bad : new IllegalStateException(refused);
            }
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            WRITER.write(plan, AnswerFormat.JSON, out);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return READ.readTree(out.toByteArray());
    }

    // ------------------------------------------------------------------------------------------------
    // generation

    /** A request of parts rows; {@code hostile} mixes in the other row kinds, odd values and mutations. */
    private static ObjectNode request(Random random, boolean hostile) {
        ObjectNode r = N.objectNode();
        boolean model = random.nextInt(3) == 0;
        SchemeDeclaration scheme = SCHEMES.get(random.nextInt(SCHEMES.size()));
        if (model) {
            r.put("model", MODELS.get(random.nextInt(MODELS.size())));
        }
        if (!model || random.nextBoolean()) {
            r.put("scheme", scheme.name());
        }
        if (hostile && random.nextInt(3) == 0) {
            ObjectNode params = r.putObject("params");
            for (Parameter<?> p : scheme.parameters()) {
                if (random.nextInt(4) == 0) {
                    params.set(p.name(), anyValue(random));
                }
            }
            if (random.nextInt(8) == 0) {
                params.put("no_such_parameter", 1);
            }
        }
        ArrayNode rows = r.putArray("sequences");
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            int kind = hostile ? random.nextInt(8) : 0;
            ObjectNode row = rows.addObject();
            if (kind == 6) {
                ArrayNode ids = row.putArray("input_ids");
                int[] vocab = {1000, 1001, 151652, 151653, 151655, 151656};
                for (int k = random.nextInt(20); k >= 0; k--) {
                    ids.add(vocab[random.nextInt(vocab.length)]);
                }
                if (random.nextBoolean()) {
                    r.putArray("image_grid_thw").addArray().add(1).add(2 * (1 + random.nextInt(2))).add(2);
                }
            } else if (kind == 7) {
                row.putArray("messages").addObject().put("role", "user").put("content", "hello");
            } else {
                parts(random, row.putArray("parts"), hostile, scheme.parts());
            }
        }
        if (random.nextInt(3) == 0) {
            r.put("decode_steps", hostile ? random.nextInt(80) - 5 : random.nextInt(5));
        }
        if (random.nextInt(3) == 0) {
            r.put("padding_side", random.nextBoolean() ? "left" : "right");
        }
        if (hostile) {
            String[] dtypes = {"int32", "int64", "float32", "float16"};
            if (random.nextInt(3) == 0) {
                r.put("dtype", dtypes[random.nextInt(dtypes.length)]);
            }
            String[] layouts = {"dense", "blocks", "sparse"};
            if (random.nextInt(3) == 0) {
                r.put("layout", layouts[random.nextInt(layouts.length)]);
            }
            if (random.nextInt(4) == 0) {
                r.putObject("range").put("start", random.nextInt(40) - 2).put("length", random.nextInt(40) - 2);
            }
            if (random.nextInt(4) == 0) {
                mutate(random, r);
            }
        }
        return r;
    }

    private static void parts(Random random, ArrayNode parts, boolean hostile, List<String> accepted) {
        for (int p = 1 + random.nextInt(5); p > 0; p--) {
            String type = hostile ? List.of("text", "image", "video", "table").get(random.nextInt(4))
                    : accepted.get(random.nextInt(accepted.size()));
            ObjectNode part = parts.addObject().put("type", type);
            switch (type) {
                case "text" -> part.put("tokens", hostile ? random.nextInt(60) - 5 : 1 + random.nextInt(30));
                case "image" -> {
                    if (random.nextInt(hostile ? 3 : 5) == 0) { // through the model's image processor
                        part.put("width", side(random, hostile)).put("height", side(random, hostile));
                    } else {
                        part.set("grid", grid(random, hostile, 1));
                    }
                }
                case "video" -> {
                    if (random.nextInt(hostile ? 3 : 5) == 0) { // through the model's frame sampler
                        int[] frames = hostile ? new int[] {0, -1, 1, 3, 4, 5, 17, 2_000_000}
                                : new int[] {4, 8, 16, 30};
                        double[] fps = hostile ? new double[] {0, -1, 1e-300, 4.9e-324, 1e308, 0.5, 2, 30}
                                : new double[] {1, 2, 2.5, 24, 30};
                        part.put("frames", frames[random.nextInt(frames.length)])
                                .put("fps", fps[random.nextInt(fps.length)])
                                .put("width", side(random, hostile)).put("height", side(random, hostile));
                    } else {
                        part.set("grid", grid(random, hostile, 1 + random.nextInt(3)));
                        if (random.nextBoolean()) {
                            double[] s = hostile ? new double[] {0.5, 1, 2, 1e30, -1, 0, 1e-300}
                                    : new double[] {0.25, 0.5, 1, 2};
                            part.put("second_per_grid_t", s[random.nextInt(s.length)]);
                        }
                    }
                }
                case "table" -> part.putArray("cells").addArray().add(1 + random.nextInt(3)).add(1);
                default -> part.put("tokens", 1); // "camera" parts are images of camera encodings: as text here
            }
            if ("camera".equals(type)) {
                part.put("type", "text");
            }
        }
    }

    /** An image or frame side in pixels: small to large, and for hostile requests also out of every range. */
    private static int side(Random random, boolean hostile) {
        if (hostile && random.nextInt(3) == 0) {
            int[] extreme = {-5, 0, 1, 27, 100_000, Integer.MAX_VALUE};
            return extreme[random.nextInt(extreme.length)];
        }
        return 28 + random.nextInt(400);
    }

    private static ArrayNode grid(Random random, boolean hostile, int t) {
        int lo = hostile ? -1 : 1;
        return N.arrayNode().add(t).add(lo + random.nextInt(4)).add(lo + random.nextInt(4));
    }

    private static JsonNode anyValue(Random random) {
        return switch (random.nextInt(9)) {
            case 0 -> N.numberNode(random.nextInt(300) - 10);
            case 1 -> N.numberNode(random.nextDouble() * 10);
            case 2 -> N.numberNode(1e308);
            case 3 -> N.stringNode("vllm");
            case 4 -> N.stringNode("x".repeat(random.nextInt(300)));
            case 5 -> N.booleanNode(random.nextBoolean());
            case 6 -> N.arrayNode().add(16).add(24).add(24);
            case 7 -> N.nullNode();
            default -> N.objectNode();
        };
    }

    /** Replaces one random member anywhere in the request with a value of any type. */
    private static void mutate(Random random, ObjectNode r) {
        JsonNode node = r;
        while (true) {
            if (node instanceof ObjectNode o && o.size() > 0) {
                List<String> names = List.copyOf(o.propertyNames());
                String name = names.get(random.nextInt(names.size()));
                JsonNode child = o.get(name);
                if (child.isContainer() && child.size() > 0 && random.nextBoolean()) {
                    node = child;
                } else {
                    o.set(name, anyValue(random));
                    return;
                }
            } else if (node instanceof ArrayNode a && a.size() > 0) {
                int i = random.nextInt(a.size());
                JsonNode child = a.get(i);
                if (child.isContainer() && child.size() > 0 && random.nextBoolean()) {
                    node = child;
                } else {
                    a.set(i, anyValue(random));
                    return;
                }
            } else {
                return;
            }
        }
    }
}
