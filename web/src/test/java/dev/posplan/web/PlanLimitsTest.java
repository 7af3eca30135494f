package dev.posplan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * Tiny configured limits are enforced on {@code /v1/plans} with 413 problems naming the limit, its value and the
 * field (a JSON Pointer); JSON answers stop at {@code max-json-tokens}, binary ones at {@code max-tokens}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "posplan.limits.max-body-size=600B",
        "posplan.limits.max-parts=4",
        "posplan.limits.max-tokens=1000",
        "posplan.limits.max-blocks=8",
        "posplan.limits.max-decode-steps=5",
        "posplan.limits.max-json-tokens=100"})
class PlanLimitsTest extends HttpSupport {

    private static final String JSON_ANSWER = "/v1/plans";
    private static final String BINARY_ANSWER = "/v1/plans?format=safetensors";

    private static String text(int tokens) {
        return "{\"type\": \"text\", \"tokens\": " + tokens + "}";
    }

    private static String request(String format, int decodeSteps, String... parts) {
        return "{\"scheme\": \"mrope\", \"format\": \"" + format + "\", \"decode_steps\": " + decodeSteps
                + ", \"sequences\": [{\"parts\": [" + String.join(", ", parts) + "]}]}";
    }

    private static JsonNode limitProblem(HttpResponse<String> r, String limit, long max, String field) {
        JsonNode p = limitProblem(r, limit, max);
        assertEquals(field, p.path("field").asString(null), r.body());
        return p;
    }

    private static JsonNode limitProblem(HttpResponse<String> r, String limit, long max) {
        assertEquals(413, r.statusCode(), r.body());
        assertTrue(contentType(r).startsWith("application/problem+json"), contentType(r));
        JsonNode p = json(r);
        assertEquals("posplan.limits." + limit, p.get("limit").asString(), r.body());
        assertEquals(max, p.get("max").longValue(), r.body());
        return p;
    }

    @Test
    void requestsAtEveryLimitPass() throws Exception {
        HttpResponse<String> r = post(JSON_ANSWER, request("bare", 5, text(25), text(25), text(25), text(25)));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(100, json(r).get("length").intValue());
        assertEquals(200, post(BINARY_ANSWER, request("bare", 5, text(500), text(500))).statusCode());
    }

    @Test
    void aBodyOverTheLimitIsRefusedWithOrWithoutContentLength() throws Exception {
        String big = request("bare", 0, text(1)).replace("\"sequences\"", "\"params\": {\"x\": \""
                + String.join("", Collections.nCopies(600, "y")) + "\"}, \"sequences\"");
        // the whole body is at fault: which pointer names it is the error handling's business
        limitProblem(post(JSON_ANSWER, big), "max-body-size", 600);
        limitProblem(postChunked(JSON_ANSWER, big), "max-body-size", 600);
    }

    @Test
    void tooManyParts() throws Exception {
        limitProblem(post(JSON_ANSWER, request("bare", 0, text(1), text(1), text(1), text(1), text(1))), "max-parts", 4,
                "/sequences/0/parts");
    }

    @Test
    void tooManyTokensIsCaughtAtTheRowThatCrossesTheLimitBeforeAnythingIsBuilt() throws Exception {
        limitProblem(post(BINARY_ANSWER, "{\"scheme\": \"mrope\", \"format\": \"bare\", \"sequences\": [{\"parts\": ["
                + text(10) + "]}, {\"parts\": [" + text(10) + ", {\"type\": \"image\", \"grid\": [1, 40, 40]}]}]}"),
                "max-tokens", 1000, "/sequences/1");
    }

    @Test
    void timestampTokensCountTowardsTheLimit() throws Exception {
        limitProblem(post(BINARY_ANSWER, request("qwen3-vl", 0,
                "{\"type\": \"video\", \"grid\": [2, 1, 1], \"timestamp_tokens\": [600, 600]}")), "max-tokens", 1000,
                "/sequences/0");
    }

    @Test
    void tooManyBlocks() throws Exception {
        limitProblem(post(JSON_ANSWER, request("qwen3-vl", 0, "{\"type\": \"video\", \"grid\": [9, 1, 1]}")),
                "max-blocks", 8, "/sequences/0/parts/0");
    }

    @Test
    void tooManyDecodeSteps() throws Exception {
        limitProblem(post(JSON_ANSWER, request("bare", 6, text(1))), "max-decode-steps", 5, "/decode_steps");
    }

    @Test
    void plansTooLargeForJsonPointToTheBinaryOutput() throws Exception {
        JsonNode p = limitProblem(post(JSON_ANSWER, request("bare", 0, text(101))), "max-json-tokens", 100,
                "/sequences/0");
        assertTrue(p.get("detail").asString().contains("safetensors"), p.toString());
        assertEquals(200, post(BINARY_ANSWER, request("bare", 0, text(101))).statusCode());
    }

    @Test
    void wrapperTokensOfTheHostFormatCountToo() throws Exception {
        // 99 text + 1 image token = 100 as requested; qwen3-vl adds <|vision_start|> and <|vision_end|>
        String body = request("qwen3-vl", 0, text(99), "{\"type\": \"image\", \"grid\": [1, 1, 1]}");
        assertEquals(413, post(JSON_ANSWER, body).statusCode());
        assertEquals("posplan.limits.max-json-tokens", json(post(JSON_ANSWER, body)).get("limit").asString());
        assertEquals(200, post(JSON_ANSWER, body.replace("qwen3-vl", "bare")).statusCode());
    }
}
