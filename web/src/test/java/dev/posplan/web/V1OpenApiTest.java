package dev.posplan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** {@code /v3/api-docs} describes the {@code /v1} endpoints, and its examples are what the service does. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class V1OpenApiTest extends HttpSupport {

    @Test
    void theDocumentDescribesV1WithExamples() throws Exception {
        JsonNode doc = json(get("/v3/api-docs"));
        JsonNode post = doc.get("paths").get("/v1/plans").get("post");
        assertNotNull(post, "POST /v1/plans is documented");
        JsonNode examples = post.get("requestBody").get("content").get("application/json").get("examples");
        for (String name : new String[] {"parts", "input_ids", "messages", "table", "camera"}) {
            assertTrue(examples.has(name), "request example " + name);
        }
        for (String type : new String[] {"application/json", "application/vnd.safetensors", "application/x-npy",
                "application/x-npz"}) {
            assertTrue(post.get("responses").get("200").get("content").has(type), "answers " + type);
        }
        for (String status : new String[] {"400", "406", "413", "415", "422"}) {
            assertTrue(post.get("responses").has(status), "documents " + status);
        }
        for (String path : new String[] {"/v1/models", "/v1/schemes", "/v1/schemes/{name}", "/v1/frequencies",
                "/v1/compare"}) {
            assertTrue(doc.get("paths").has(path), "documents " + path);
        }
        assertTrue(doc.get("components").get("schemas").get("V1PlanRequest").get("properties").has("image_grid_thw"),
                "snake_case request fields");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PARTS", "INPUT_IDS", "MESSAGES", "TABLE", "CAMERA"})
    void everyRequestExamplePlans(String name) throws Exception {
        String body = (String) V1Examples.class.getDeclaredField(name).get(null);
        if (body.contains("\"text\": \"") || body.contains("\"messages\"")) {
            Assumptions.assumeTrue(System.getenv("POSPLAN_QWEN_TOKENIZER") != null
                    && !System.getenv("POSPLAN_QWEN_TOKENIZER").isBlank(), "POSPLAN_QWEN_TOKENIZER is not set");
        }
        HttpResponse<String> r = post("/v1/plans", body);
        assertEquals(200, r.statusCode(), r.body());
    }

    @Test
    void theAnswerExampleIsTheInputIdsExamplesAnswer() throws Exception {
        JsonNode example = JSON.readTree(V1Examples.ANSWER);
        JsonNode real = json(post("/v1/plans", V1Examples.INPUT_IDS));
        for (String field : new String[] {"model", "scheme", "format", "dtype", "axes", "batch", "length",
                "position_ids", "rope_deltas", "sequences", "tensors"}) {
            assertEquals(example.get(field), real.get(field), field);
        }
        JsonNode problem = json(post("/v1/plans", """
                {"model": "qwen2-vl", "sequences": [{"parts": [{"type": "text", "tokens": 2},
                  {"type": "image", "grid": [1, 0, 3]}]}]}"""));
        JsonNode want = JSON.readTree(V1Examples.PROBLEM);
        assertEquals(want.get("field"), problem.get("field"));
        assertEquals(want.get("detail"), problem.get("detail"));
    }
}
