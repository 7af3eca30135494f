package dev.posplan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.planners.SchemeRegistry;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** {@code GET /v1/models}, {@code GET /v1/schemes[/name]}, {@code POST /v1/frequencies} and {@code POST /v1/compare}. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class V1CatalogueTest extends HttpSupport {

    private JsonNode ok(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return json(r);
    }

    @Test
    void modelsListThePresetsAModelNameStandsFor() throws Exception {
        JsonNode models = ok(get("/v1/models"));
        Set<String> names = new HashSet<>();
        for (JsonNode m : models) {
            names.add(m.get("name").asString());
        }
        assertTrue(names.containsAll(Set.of("qwen2-vl", "qwen2.5-vl", "qwen3-vl", "internvl2")), names.toString());
        assertEquals(dev.posplan.multimodal.VisionModel.all().stream().map(dev.posplan.multimodal.VisionModel::apiName)
                .collect(java.util.stream.Collectors.toSet()), names, "every model a request may name, and only those");
        JsonNode q25 = models.get(1);
        assertEquals("qwen2.5-vl", q25.get("name").asString());
        assertEquals("mrope-abs-time", q25.get("scheme").asString());
        assertEquals(2, q25.get("params").get("tokens_per_second").asInt());
        assertEquals(128000, q25.get("max_position_embeddings").asInt());
        assertEquals(151655, q25.get("token_ids").get("image_pad").asInt());
        assertEquals(14, q25.get("processor").get("patch_size").asInt());
        assertEquals(System.getenv("POSPLAN_QWEN_TOKENIZER") != null
                && !System.getenv("POSPLAN_QWEN_TOKENIZER").isBlank(), q25.get("tokenizer_loaded").asBoolean());
    }

    @Test
    void schemesAreTheRegistrysDeclarations() throws Exception {
        JsonNode all = ok(get("/v1/schemes"));
        assertEquals(SchemeRegistry.all().size(), all.size());
        JsonNode mrope = ok(get("/v1/schemes/mrope"));
        assertEquals("mrope", mrope.get("name").asString());
        assertEquals(SchemeRegistry.declaration("mrope").parameters().size(), mrope.get("parameters").size());
        HttpResponse<String> missing = get("/v1/schemes/nope");
        assertEquals(404, missing.statusCode(), missing.body());
        assertTrue(contentType(missing).startsWith("application/problem+json"));
    }

    @Test
    void frequenciesOfAModelAreTheGoldensBitForBit() throws Exception {
        JsonNode golden = JSON.readTree(V1GoldenEndToEndTest.golden("qwen").resolve("rope_freq_qwen2_vl.json").toFile());
        JsonNode f = ok(post("/v1/frequencies", "{\"model\": \"qwen2-vl\"}"));
        JsonNode hex = golden.get("inv_freq_f32_hex");
        assertEquals(hex.size(), f.get("inv_freq").size());
        for (int i = 0; i < hex.size(); i++) {
            assertEquals(Integer.parseUnsignedInt(hex.get(i).asString(), 16),
                    Float.floatToRawIntBits(f.get("inv_freq").get(i).floatValue()), "inv_freq[" + i + "]");
            assertEquals(golden.get("axis_per_freq_index").get(i).asInt(), f.get("pair_axis").get(i).asInt());
        }
        assertEquals(128, f.get("rotary_dim").asInt());
        JsonNode bad = json(post("/v1/frequencies", "{\"scheme\": \"mrope\", \"params\": {\"rope_theta\": -1}}"));
        assertEquals("/params/rope_theta", bad.get("field").asString());
    }

    @Test
    void compareFindsWhereHfMainAndVllmDisagree() throws Exception {
        // a video after an image: HF main resumes text after a block at its spatial extent, vLLM at max + 1
        String body = """
                {"model": "qwen2-vl", "sequences": [{"parts": [{"type": "text", "tokens": 2},
                   {"type": "video", "grid": [4, 2, 2]}, {"type": "text", "tokens": 3}]}],
                 "candidates": [{"params": {"compat": "vllm"}}, {"params": {"compat": "hf-main"}},
                                {"params": {"compat": "vllm"}}]}""";
        JsonNode c = ok(post("/v1/compare", body));
        assertEquals(3, c.get("candidates").size());
        JsonNode pairs = c.get("pairs");
        assertEquals(3, pairs.size());
        JsonNode vllmVsMain = pairs.get(0);
        JsonNode vllmVsVllm = pairs.get(1);
        assertEquals(0, vllmVsVllm.get("a").asInt());
        assertEquals(2, vllmVsVllm.get("b").asInt());
        assertTrue(vllmVsVllm.get("equal").asBoolean());
        assertEquals(0, vllmVsVllm.get("differing_tokens").asInt());
        assertTrue(vllmVsVllm.get("first_difference").isNull());
        // the two answers are planned independently here, then compared slot by slot
        JsonNode a = ok(post("/v1/plans", body.replaceAll("(?s),\\s*\"candidates\".*$", ", \"params\": {\"compat\": \"vllm\"}}")));
        JsonNode b = ok(post("/v1/plans", body.replaceAll("(?s),\\s*\"candidates\".*$", ", \"params\": {\"compat\": \"hf-main\"}}")));
        int differing = 0;
        Integer firstToken = null;
        for (int i = 0; i < a.get("length").asInt(); i++) {
            boolean differs = false;
            for (int axis = 0; axis < 3; axis++) {
                differs |= a.get("position_ids").get(axis).get(0).get(i).asInt()
                        != b.get("position_ids").get(axis).get(0).get(i).asInt();
            }
            if (differs) {
                differing++;
                firstToken = firstToken == null ? i : firstToken;
            }
        }
        assertTrue(differing > 0, "the layouts differ after the video");
        assertFalse(vllmVsMain.get("equal").asBoolean());
        assertEquals(differing, vllmVsMain.get("differing_tokens").asInt());
        assertEquals(firstToken.intValue(), vllmVsMain.get("first_difference").get("token").asInt());
        assertEquals(0, vllmVsMain.get("first_difference").get("row").asInt());
        assertEquals(a.get("rope_deltas"), c.get("candidates").get(0).get("rope_deltas"));
        assertEquals(b.get("rope_deltas"), c.get("candidates").get(1).get("rope_deltas"));
        JsonNode bad = json(post("/v1/compare", body.replace("\"compat\": \"hf-main\"", "\"compat\": \"hf-9\"")));
        assertEquals("/candidates/1/params/compat", bad.get("field").asString());
        assertFalse(bad.get("detail").asString().isBlank());
    }
}
