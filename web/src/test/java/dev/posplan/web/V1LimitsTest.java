package dev.posplan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * Every configured limit of {@code /v1/plans} is reachable: a request exactly at each limit is planned, one
 * past it is refused 413 by that limit (its property and value, and the field at fault) and by no other.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "posplan.limits.max-body-size=700B",
        "posplan.limits.max-parts=4",
        "posplan.limits.max-tokens=1000",
        "posplan.limits.max-blocks=8",
        "posplan.limits.max-decode-steps=5",
        "posplan.limits.max-json-tokens=100"})
class V1LimitsTest extends HttpSupport {

    private static String text(int tokens) {
        return "{\"type\":\"text\",\"tokens\":" + tokens + "}";
    }

    private static String row(String... parts) {
        return "{\"parts\":[" + String.join(",", parts) + "]}";
    }

    private static String plan(String extra, String... rows) {
        return "{\"scheme\":\"mrope\",\"format\":\"qwen2-vl\"" + extra + ",\"sequences\":[" + String.join(",", rows)
                + "]}";
    }

    private HttpResponse<String> binary(String body) throws Exception {
        return send(HttpRequest.newBuilder(uri("/v1/plans?format=safetensors")).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static void planned(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
    }

    private static JsonNode refused(HttpResponse<String> r, String limit, long max, String field) {
        assertEquals(413, r.statusCode(), r.body());
        assertTrue(contentType(r).startsWith("application/problem+json"), contentType(r));
        JsonNode p = json(r);
        assertEquals("posplan.limits." + limit, p.path("limit").asString(), r.body());
        assertEquals(max, p.path("max").longValue(), r.body());
        assertEquals(field, p.path("field").asString(), r.body());
        return p;
    }

    @Test
    void bodySize() throws Exception {
        String body = plan("", row(text(3)));
        String atLimit = body + " ".repeat(700 - body.length());
        planned(post("/v1/plans", atLimit));
        planned(postChunked("/v1/plans", atLimit));
        refused(post("/v1/plans", atLimit + " "), "max-body-size", 700, "");
        refused(postChunked("/v1/plans", atLimit + " "), "max-body-size", 700, "");
    }

    @Test
    void rowsAndPartsPerRow() throws Exception {
        planned(post("/v1/plans", plan("", Collections.nCopies(4, row(text(1))).toArray(String[]::new))));
        refused(post("/v1/plans", plan("", Collections.nCopies(5, row(text(1))).toArray(String[]::new))), "max-parts",
                4, "/sequences");
        planned(post("/v1/plans", plan("", row(text(1), text(1), text(1), text(1)))));
        refused(post("/v1/plans", plan("", row(text(1), text(1), text(1), text(1), text(1)))), "max-parts", 4,
                "/sequences/0/parts");
    }

    @Test
    void tokensPerJsonAnswer() throws Exception {
        planned(post("/v1/plans", plan("", row(text(100)))));
        JsonNode p = refused(post("/v1/plans", plan("", row(text(101)))), "max-json-tokens", 100, "/sequences/0");
        assertTrue(p.path("detail").asString().contains("safetensors"), p.toString());
        // rows × the longest row: two rows of 50 fit, a 51-token row makes 102 slots
        planned(post("/v1/plans", plan("", row(text(50)), row(text(10)))));
        refused(post("/v1/plans", plan("", row(text(10)), row(text(51)))), "max-json-tokens", 100, "/sequences/1");
    }

    @Test
    void tokensPerRowAndInTotalForBinaryAnswers() throws Exception {
        planned(binary(plan("", row(text(1000)))));
        refused(binary(plan("", row(text(600), text(401)))), "max-tokens", 1000, "/sequences/0");
        planned(binary(plan("", row(text(500)), row(text(500)))));
        refused(binary(plan("", row(text(500)), row(text(501)))), "max-tokens", 1000, "/sequences/1");
    }

    @Test
    void visualBlocksReachTheirLimitBeforeTheTokens() throws Exception {
        planned(post("/v1/plans", plan("", row("{\"type\":\"video\",\"grid\":[8,1,1]}"))));
        refused(post("/v1/plans", plan("", row("{\"type\":\"video\",\"grid\":[9,1,1]}"))), "max-blocks", 8,
                "/sequences/0/parts/0");
        // a video counts a block per temporal patch, an image one: 4 + 4 + 1 crosses it at the third part
        refused(post("/v1/plans", plan("", row("{\"type\":\"video\",\"grid\":[4,1,1]}",
                "{\"type\":\"video\",\"grid\":[4,1,1]}", "{\"type\":\"image\",\"grid\":[1,1,1]}"))), "max-blocks", 8,
                "/sequences/0/parts/2");
    }

    @Test
    void decodeSteps() throws Exception {
        planned(post("/v1/plans", plan(",\"decode_steps\":5", row(text(3)))));
        refused(post("/v1/plans", plan(",\"decode_steps\":6", row(text(3)))), "max-decode-steps", 5, "/decode_steps");
    }
}
