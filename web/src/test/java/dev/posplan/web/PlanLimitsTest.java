package dev.posplan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** Tiny configured limits are enforced with 413 problems naming the limit, its value and the field. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "posplan.limits.max-body-size=600B",
        "posplan.limits.max-parts=4",
        "posplan.limits.max-tokens=1000",
        "posplan.limits.max-blocks=8",
        "posplan.limits.max-decode-steps=5",
        "posplan.limits.max-json-tokens=100"})
class PlanLimitsTest extends HttpSupport {

    private static String text(int tokens) {
        return "{\"type\": \"text\", \"tokens\": " + tokens + "}";
    }

    private static String request(String format, int decodeSteps, String... parts) {
        return "{\"scheme\": \"mrope\", \"format\": \"" + format + "\", \"decodeSteps\": " + decodeSteps
                + ", \"parts\": [" + String.join(", ", parts) + "]}";
    }

    private static JsonNode limitProblem(HttpResponse<String> r, String limit, long max, String field) {
        assertEquals(413, r.statusCode(), r.body());
        assertTrue(contentType(r).startsWith("application/problem+json"), contentType(r));
        JsonNode p = json(r);
        assertEquals("posplan.limits." + limit, p.get("limit").asString(), r.body());
        assertEquals(max, p.get("max").longValue(), r.body());
        assertEquals(field, p.get("field").asString(), r.body());
        return p;
    }

    @Test
    void requestsAtEveryLimitPass() throws Exception {
        HttpResponse<String> r = post("/api/plan", request("bare", 5, text(25), text(25), text(25), text(25)));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(100, json(r).get("length").intValue());
    }

    @Test
    void aBodyOverTheLimitIsRefusedWithOrWithoutContentLength() throws Exception {
        String big = request("bare", 0, text(1)).replace("\"parts\"", "\"params\": {\"x\": \""
                + String.join("", Collections.nCopies(600, "y")) + "\"}, \"parts\"");
        limitProblem(post("/api/plan", big), "max-body-size", 600, "");
        limitProblem(postChunked("/api/plan", big), "max-body-size", 600, "");
    }

    @Test
    void tooManyParts() throws Exception {
        limitProblem(post("/api/plan", request("bare", 0, text(1), text(1), text(1), text(1), text(1))), "max-parts", 4,
                "parts");
    }

    @Test
    void tooManyTokensIsCaughtAtThePartThatCrossesTheLimitBeforeAnythingIsBuilt() throws Exception {
        limitProblem(post("/api/plan", request("bare", 0, text(10), "{\"type\": \"image\", \"grid\": [1, 40, 40]}")),
                "max-tokens", 1000, "parts[1]");
        limitProblem(post("/api/plan", "{\"scheme\": \"mrope\", \"format\": \"bare\", \"leftPadding\": 1001, "
                + "\"parts\": [" + text(1) + "]}"), "max-tokens", 1000, "leftPadding");
    }

    @Test
    void timestampTokensCountTowardsTheLimit() throws Exception {
        limitProblem(post("/api/plan", request("qwen3-vl", 0,
                "{\"type\": \"video\", \"grid\": [2, 1, 1], \"timestamp_tokens\": 600}")), "max-tokens", 1000,
                "parts[0]");
    }

    @Test
    void tooManyBlocks() throws Exception {
        limitProblem(post("/api/plan", request("qwen3-vl", 0, "{\"type\": \"video\", \"grid\": [9, 1, 1]}")),
                "max-blocks", 8, "parts[0]");
    }

    @Test
    void tooManyDecodeSteps() throws Exception {
        limitProblem(post("/api/plan", request("bare", 6, text(1))), "max-decode-steps", 5, "decodeSteps");
    }

    @Test
    void plansTooLargeForJsonPointToTheBinaryOutput() throws Exception {
        JsonNode p = limitProblem(post("/api/plan", request("bare", 0, text(101))), "max-json-tokens", 100,
                "parts[0]");
        assertTrue(p.get("detail").asString().contains("binary"), p.toString());
    }

    @Test
    void wrapperTokensOfTheHostFormatCountToo() throws Exception {
        // 99 text + 1 image token = 100 as requested; qwen3-vl adds <|vision_start|> and <|vision_end|>
        String body = request("qwen3-vl", 0, text(99), "{\"type\": \"image\", \"grid\": [1, 1, 1]}");
        limitProblem(post("/api/plan", body), "max-json-tokens", 100, "parts");
        assertEquals(200, post("/api/plan", body.replace("qwen3-vl", "bare")).statusCode());
    }
}
