package dev.posplan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.HostFormat;
import dev.posplan.multimodal.HostFormats;
import dev.posplan.multimodal.PromptPart;
import dev.posplan.planners.DType;
import dev.posplan.planners.allocation.FrequencyAllocation;
import dev.posplan.planners.allocation.PairAllocation;
import dev.posplan.planners.PositionPlan;
import dev.posplan.planners.SchemeDeclaration;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.SchemeRegistry;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/plans} answers exactly what the library plans for the same stream, for every scheme family and
 * dtype: the expected values are computed here with {@link HostFormats} and {@link SchemeRegistry}, never copied
 * from the service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PlanEndpointTest extends HttpSupport {

    private static final String WORKED_EXAMPLE = """
            {"scheme": "mrope-i", "format": "qwen3-vl", "decode_steps": 3, "sequences": [
             {"parts": [{"type": "text", "tokens": 3}, {"type": "image", "grid": [1, 2, 3]},
                        {"type": "text", "tokens": 2}]}]}""";

    private JsonNode plan(String body) throws Exception {
        HttpResponse<String> r = post("/v1/plans", body);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(contentType(r).startsWith("application/json"), contentType(r));
        return json(r);
    }

    private static PositionPlan library(String scheme, Map<String, ?> params, String format, List<PromptPart> parts) {
        HostFormat f = HostFormats.byName(format);
        return SchemeRegistry.create(scheme, new SchemeParams(params)).plan(f.expand(parts, 0));
    }

    /** Axis {@code a} of the answer's only row. */
    private static JsonNode axis(JsonNode body, int a) {
        return body.get("position_ids").get(a).get(0);
    }

    @Test
    void theSpecsWorkedExampleWithMropeI() throws Exception {
        JsonNode body = plan(WORKED_EXAMPLE);

        // vlm-ropes.md §3.4, "MRoPE-I reset" column: 3 text, <vision_start>, image 1x2x3, <vision_end>, 2 text
        assertEquals(List.of(0, 1, 2, 3, 4, 4, 4, 4, 4, 4, 7, 8, 9), ints(axis(body, 0)));
        assertEquals(List.of(0, 1, 2, 3, 0, 0, 0, 1, 1, 1, 7, 8, 9), ints(axis(body, 1)));
        assertEquals(List.of(0, 1, 2, 3, 0, 1, 2, 0, 1, 2, 7, 8, 9), ints(axis(body, 2)));
        assertEquals(-3, body.get("rope_deltas").get(0).intValue());
        assertTrue(body.get("rope_deltas").get(0).isIntegralNumber());
        // [axes][B][steps]: every axis continues at 10, 11, 12
        for (int a = 0; a < 3; a++) {
            assertEquals(List.of(10, 11, 12), ints(body.get("decode_position_ids").get(a).get(0)));
        }
        assertEquals("int32", body.get("dtype").asString());
        assertEquals(List.of("t", "h", "w"), strings(body.get("axes")));
        assertEquals(13, body.get("length").intValue());
        assertTrue(body.get("params").get("spatial_reset").booleanValue(), "effective params include defaults");
    }

    @Test
    void theWorkedExampleEqualsTheLibrarysPlanIncludingFrequencies() throws Exception {
        JsonNode body = plan(WORKED_EXAMPLE);
        List<PromptPart> parts = List.of(new PromptPart.Text(3), new PromptPart.Image(new Grid(1, 2, 3)),
                new PromptPart.Text(2));
        assertSamePlan(library("mrope-i", Map.of(), "qwen3-vl", parts), body, 3);
        assertSameFrequencies(SchemeRegistry.create("mrope-i").frequencies(), body.get("frequencies"));
    }

    @Test
    void aQwen3VlVideoWithTimestampsAndParamsEqualsTheLibrary() throws Exception {
        JsonNode body = plan("""
                {"scheme": "mrope-interleave", "params": {"compat": "vllm"}, "format": "qwen3-vl", "decode_steps": 4,
                 "sequences": [{"parts": [{"type": "text", "tokens": 5},
                           {"type": "video", "grid": [3, 4, 6], "timestamp_tokens": [5, 5, 6]},
                           {"type": "image", "grid": [1, 8, 10]},
                           {"type": "video", "grid": [2, 2, 2], "timestamp_tokens": [4, 4]},
                           {"type": "text", "tokens": 7}]}]}""");
        List<PromptPart> parts = List.of(new PromptPart.Text(5),
                new PromptPart.Video(new Grid(3, 4, 6), Float.NaN, new int[] {5, 5, 6}),
                new PromptPart.Image(new Grid(1, 8, 10)),
                PromptPart.Video.uniform(new Grid(2, 2, 2), 4),
                new PromptPart.Text(7));
        PositionPlan expected = library("mrope-interleave", Map.of("compat", "vllm"), "qwen3-vl", parts);
        assertSamePlan(expected, body, 4);
        assertEquals("vllm", body.get("params").get("compat").asString());
    }

    /** Bailing centres h and w on the frame time: a big image at the start has negative positions. */
    @Test
    void bailingAnswersNegativePositionsAsTheLibraryDoes() throws Exception {
        JsonNode body = plan("""
                {"scheme": "bailing", "format": "bailing", "decode_steps": 3, "sequences": [
                 {"parts": [{"type": "image", "grid": [1, 9, 11]}, {"type": "text", "tokens": 2}]}]}""");
        PositionPlan expected = library("bailing", Map.of(), "bailing",
                List.of(new PromptPart.Image(new Grid(1, 9, 11)), new PromptPart.Text(2)));
        assertSamePlan(expected, body, 3);
        assertEquals(-4, expected.get(2, 1));
        assertSameFrequencies(SchemeRegistry.create("bailing").frequencies(), body.get("frequencies"));
        assertEquals("gptj", body.get("frequencies").get("pairing").asString(), "Bailing pairs channels (2j, 2j+1)");
    }

    @Test
    void videoropeAnswersFloat32Positions() throws Exception {
        JsonNode body = plan("""
                {"scheme": "videorope", "format": "qwen2-vl", "decode_steps": 2, "sequences": [
                 {"parts": [{"type": "text", "tokens": 3}, {"type": "video", "grid": [2, 2, 2]},
                            {"type": "text", "tokens": 2}]}]}""");
        assertEquals("float32", body.get("dtype").asString());
        JsonNode t = axis(body, 0);
        assertTrue(t.get(0).isFloatingPointNumber(), "float32 plans are written as JSON floats: " + t);
        assertTrue(body.get("rope_deltas").get(0).isFloatingPointNumber());
        // vlm-ropes.md §6.3: frames at t = 4 and 6 (scale 2), rope delta -5, decode 10, 11
        assertEquals(4f, t.get(4).floatValue());
        assertEquals(6f, t.get(8).floatValue());
        assertEquals(-5f, body.get("rope_deltas").get(0).floatValue());
        List<PromptPart> parts = List.of(new PromptPart.Text(3), PromptPart.Video.uniform(new Grid(2, 2, 2), 0),
                new PromptPart.Text(2));
        assertSamePlan(library("videorope", Map.of(), "qwen2-vl", parts), body, 2);
    }

    @Test
    void fractionalFloat32PositionsSurviveJsonBitForBit() throws Exception {
        JsonNode body = plan("""
                {"scheme": "v2pe-mr", "format": "qwen3-vl", "sequences": [
                 {"parts": [{"type": "text", "tokens": 3}, {"type": "image", "grid": [1, 2, 3]},
                            {"type": "text", "tokens": 2}]}]}""");
        List<PromptPart> parts = List.of(new PromptPart.Text(3), new PromptPart.Image(new Grid(1, 2, 3)),
                new PromptPart.Text(2));
        PositionPlan expected = library("v2pe-mr", Map.of(), "qwen3-vl", parts);
        assertEquals(DType.FLOAT32, expected.dtype());
        boolean fractional = false;
        for (float v : ((PositionPlan.Float32) expected).axisValues(0)) {
            fractional |= v != Math.rint(v);
        }
        assertTrue(fractional, "the example must exercise non-integral float32 values");
        assertSamePlan(expected, body, 0);
    }

    @Test
    void headwiseSchemesAnswerKvHeadAxesInsteadOfPairAxes() throws Exception {
        JsonNode f = plan(WORKED_EXAMPLE.replace("mrope-i", "mhrope")).get("frequencies");
        assertEquals(List.of(0, 0, 1, 1, 1, 2, 2, 2), ints(f.get("kv_head_axis")));
        assertNull(f.get("pair_axis"), "exactly one of pair_axis and kv_head_axis is present");
        assertEquals("neox", f.get("pairing").asString());
    }

    @Test
    void everySchemeAnswersAPlanOrAProblemButNeverAServerError() throws Exception {
        for (SchemeDeclaration factory : SchemeRegistry.all()) {
            for (String format : HostFormats.names()) {
                HttpResponse<String> r = post("/v1/plans", """
                        {"scheme": "%s", "format": "%s", "decode_steps": 2, "sequences": [
                         {"parts": [{"type": "text", "tokens": 3}, {"type": "image", "grid": [1, 2, 3]},
                                    {"type": "video", "grid": [2, 2, 2], "second_per_grid_t": 0.5,
                                     "timestamp_tokens": [2, 2]},
                                    {"type": "text", "tokens": 2}]},
                         {"parts": [{"type": "text", "tokens": 1}]}]}""".formatted(factory.name(), format));
                String where = factory.name() + " / " + format + ": " + r.body();
                assertTrue(r.statusCode() == 200 || r.statusCode() == 422, where);
                if (r.statusCode() == 422) {
                    assertTrue(contentType(r).startsWith("application/problem+json"), where);
                    assertFalse(json(r).get("detail").asString().isBlank(), where);
                }
            }
        }
    }

    private static void assertSamePlan(PositionPlan expected, JsonNode body, int decodeSteps) {
        assertEquals(expected.axisNames(), strings(body.get("axes")));
        assertEquals(expected.length(), body.get("length").intValue());
        boolean ints = expected.dtype() == DType.INT32;
        assertEquals(ints ? "int32" : "float32", body.get("dtype").asString());
        for (int a = 0; a < expected.axes(); a++) {
            JsonNode row = axis(body, a);
            assertEquals(expected.length(), row.size());
            for (int i = 0; i < expected.length(); i++) {
                assertSameValue(expected.get(a, i), row.get(i), ints, "positions[" + a + "][" + i + "]");
            }
        }
        assertSameValue(expected.ropeDelta(), body.get("rope_deltas").get(0), ints, "rope_deltas");
        assertSameValue(expected.maxPosition(), body.get("sequences").get(0).get("max_position"), ints,
                "max_position");
        double[][] decode = expected.decodePositions(decodeSteps);
        for (int a = 0; a < expected.axes() && decodeSteps > 0; a++) {
            JsonNode steps = body.get("decode_position_ids").get(a).get(0);
            assertEquals(decodeSteps, steps.size());
            for (int k = 0; k < decodeSteps; k++) {
                assertSameValue(decode[k][a], steps.get(k), ints, "decode_position_ids[" + a + "][0][" + k + "]");
            }
        }
    }

    /** An int32 value must be a JSON integer; a float32 value must read back to the same float32 bits. */
    private static void assertSameValue(double expected, JsonNode actual, boolean ints, String where) {
        if (ints) {
            assertTrue(actual.isIntegralNumber(), where + " is not an integer: " + actual);
            assertEquals((long) expected, actual.longValue(), where);
        } else {
            assertEquals(Float.floatToIntBits((float) expected), Float.floatToIntBits(actual.decimalValue().floatValue()),
                    where + ": " + actual);
        }
    }

    private static void assertSameFrequencies(FrequencyAllocation allocation, JsonNode f) {
        PairAllocation expected = (PairAllocation) allocation;
        assertEquals(expected.rule(), f.get("rule").asString());
        assertEquals(expected.headDim(), f.get("head_dim").intValue());
        assertEquals(expected.rotaryDim(), f.get("rotary_dim").intValue());
        assertEquals(expected.theta(), f.get("rope_theta").doubleValue());
        float[] inv = expected.invFreq();
        assertEquals(inv.length, f.get("inv_freq").size());
        for (int j = 0; j < inv.length; j++) {
            assertEquals(Float.floatToIntBits(inv[j]),
                    Float.floatToIntBits(f.get("inv_freq").get(j).decimalValue().floatValue()), "inv_freq[" + j + "]");
        }
        List<Integer> pairAxis = new ArrayList<>();
        for (int a : expected.pairAxis()) {
            pairAxis.add(a);
        }
        assertEquals(pairAxis, ints(f.get("pair_axis")));
        assertEquals(expected.pairing().apiName(), f.get("pairing").asString());
    }

    private static List<Integer> ints(JsonNode array) {
        return array.values().stream().map(JsonNode::intValue).toList();
    }

    private static List<String> strings(JsonNode array) {
        return array.values().stream().map(JsonNode::asString).toList();
    }
}
