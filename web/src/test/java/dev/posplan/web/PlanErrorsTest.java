package dev.posplan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * Every bad {@code POST /v1/plans} gets an RFC 9457 {@code application/problem+json} answer with a 4xx status, a
 * detail that names the culprit and the culprit as a JSON Pointer in {@code field}, never a 500.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PlanErrorsTest extends HttpSupport {

    private static final String TEXT = "{\"type\": \"text\", \"tokens\": 3}";

    /** A one-row request with the given scheme, format and parts (JSON fragments). */
    private static String request(String scheme, String format, String... parts) {
        return "{\"scheme\": \"" + scheme + "\", \"format\": \"" + format + "\", \"sequences\": [{\"parts\": ["
                + String.join(", ", parts) + "]}]}";
    }

    private static String withField(String field, String json) {
        return "{" + field + ", \"scheme\": \"mrope\", \"format\": \"bare\", \"sequences\": [{\"parts\": [" + json + "]}]}";
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                // name, body, status, field
                Arguments.of("unknown scheme", request("mrope-x", "qwen3-vl", TEXT), 422, "/scheme"),
                Arguments.of("unknown format", request("mrope", "llava", TEXT), 422, "/format"),
                Arguments.of("grid side 0", request("mrope", "qwen3-vl", TEXT, "{\"type\": \"image\", \"grid\": [1, 0, 3]}"),
                        422, "/sequences/0/parts/1/grid"),
                Arguments.of("grid of two sides", request("mrope", "qwen3-vl", "{\"type\": \"image\", \"grid\": [2, 3]}"),
                        422, "/sequences/0/parts/0/grid"),
                Arguments.of("grid side too large",
                        request("mrope", "qwen3-vl", "{\"type\": \"image\", \"grid\": [1, 1, 1048577]}"), 422,
                        "/sequences/0/parts/0/grid"),
                Arguments.of("grid side null", request("mrope", "qwen3-vl", "{\"type\": \"image\", \"grid\": [1, null, 3]}"),
                        422, "/sequences/0/parts/0/grid"),
                Arguments.of("image with t = 2 in the bare format",
                        request("mrope", "bare", "{\"type\": \"image\", \"grid\": [2, 2, 2]}"), 422,
                        "/sequences/0/parts/0/grid"),
                Arguments.of("negative text tokens", request("mrope", "qwen3-vl", "{\"type\": \"text\", \"tokens\": -1}"),
                        422, "/sequences/0/parts/0/tokens"),
                Arguments.of("timestamps not one per patch", request("mrope-interleave", "qwen3-vl",
                        "{\"type\": \"video\", \"grid\": [3, 2, 2], \"timestamp_tokens\": [5, 5]}"), 422,
                        "/sequences/0/parts/0/timestamp_tokens"),
                Arguments.of("negative second_per_grid_t", request("mrope-abs-time", "qwen2-vl",
                        "{\"type\": \"video\", \"grid\": [2, 2, 2], \"second_per_grid_t\": -0.5}"), 422,
                        "/sequences/0/parts/0/second_per_grid_t"),
                Arguments.of("no parts", request("mrope", "qwen3-vl"), 422, "/sequences/0/parts"),
                Arguments.of("null part", request("mrope", "qwen3-vl", "null"), 422, "/sequences/0/parts/0"),
                Arguments.of("null scheme", "{\"scheme\": null, \"format\": \"bare\", \"sequences\": [{\"parts\": [" + TEXT
                        + "]}]}", 422, "/scheme"),
                Arguments.of("missing scheme", "{\"format\": \"bare\", \"sequences\": [{\"parts\": [" + TEXT + "]}]}", 422,
                        "/scheme"),
                Arguments.of("negative decode_steps", withField("\"decode_steps\": -1", TEXT), 422, "/decode_steps"),
                Arguments.of("malformed JSON", withField("\"decode_steps\": 1", TEXT + ","), 400, "/sequences/0/parts"),
                Arguments.of("fractional tokens", request("mrope", "bare", "{\"type\": \"text\", \"tokens\": 3.5}"), 400,
                        "/sequences/0/parts/0/tokens"),
                Arguments.of("tokens out of int range",
                        request("mrope", "bare", "{\"type\": \"text\", \"tokens\": 3000000000}"), 400,
                        "/sequences/0/parts/0/tokens"),
                Arguments.of("unknown part type", request("mrope", "bare", "{\"type\": \"smell\", \"tokens\": 3}"), 422,
                        "/sequences/0/parts/0/type"),
                Arguments.of("part without type", request("mrope", "bare", "{\"tokens\": 3}"), 422,
                        "/sequences/0/parts/0/type"),
                Arguments.of("camelCase field of the old API", withField("\"decodeSteps\": 2", TEXT), 400, "/decodeSteps"),
                Arguments.of("timestamp_tokens as a string", request("mrope-interleave", "qwen3-vl",
                        "{\"type\": \"video\", \"grid\": [1, 2, 2], \"timestamp_tokens\": \"5\"}"), 400,
                        "/sequences/0/parts/0/timestamp_tokens"),
                Arguments.of("grid over the token limit", request("mrope", "bare",
                        "{\"type\": \"video\", \"grid\": [1, 4096, 4096]}"), 413, "/sequences/0"),
                Arguments.of("decode_steps over the limit", withField("\"decode_steps\": 4097", TEXT), 413,
                        "/decode_steps"));
    }

    @ParameterizedTest(name = "{0} -> {2} {3}")
    @MethodSource("badRequests")
    void answersAProblemNamingTheField(String name, String body, int status, String field) throws Exception {
        JsonNode problem = problem(post("/v1/plans", body), status);
        assertEquals(field, problem.path("field").asString(null), problem.toString());
        if (status == 413) {
            assertTrue(problem.hasNonNull("limit") && problem.hasNonNull("max"), problem.toString());
        } else {
            String last = field.replaceAll("/\\d+$", "");
            last = last.substring(last.lastIndexOf('/') + 1);
            assertTrue(problem.get("detail").asString().contains(last), problem.toString());
        }
    }

    @Test
    void aNegativeTimestampCountNamesItsPart() throws Exception {
        JsonNode problem = problem(post("/v1/plans", request("mrope-interleave", "qwen3-vl",
                "{\"type\": \"video\", \"grid\": [2, 2, 2], \"timestamp_tokens\": [5, -1]}")), 422);
        assertTrue(problem.get("field").asString().startsWith("/sequences/0/parts/0"), problem.toString());
        assertTrue(problem.get("detail").asString().contains("-1"), problem.toString());
    }

    @Test
    void aMultiSliceImageIsPlannedWhereTheReferencePlansItAndNamedWhereItFails() throws Exception {
        String image = "{\"type\": \"image\", \"grid\": [2, 2, 2]}";
        assertEquals(200, post("/v1/plans", request("mrope", "qwen3-vl", TEXT, image)).statusCode());
        JsonNode vllm = problem(post("/v1/plans", "{\"scheme\": \"mrope\", \"params\": {\"compat\": \"vllm\"}, "
                + "\"format\": \"qwen2-vl\", \"sequences\": [{\"parts\": [" + TEXT + ", " + image + "]}]}"), 422);
        String detail = vllm.get("detail").asString();
        assertTrue(detail.contains("2x2x2") && detail.contains("vllm"), vllm.toString());
        JsonNode circle = problem(post("/v1/plans", "{\"scheme\": \"circlerope\", \"params\": {\"method\": "
                + "\"no_circle\"}, \"format\": \"qwen3-vl\", \"sequences\": [{\"parts\": [" + image + "]}]}"), 422);
        assertTrue(circle.get("detail").asString().contains("no_circle"), circle.toString());
    }

    @Test
    void anUnknownParameterIsNamed() throws Exception {
        JsonNode problem = problem(post("/v1/plans", "{\"scheme\": \"mrope\", \"params\": {\"heads_dim\": 64}, "
                + "\"format\": \"bare\", \"sequences\": [{\"parts\": [" + TEXT + "]}]}"), 422);
        assertEquals("/params/heads_dim", problem.get("field").asString());
        assertTrue(problem.get("detail").asString().contains("head_dim"), "lists the known parameters: " + problem);
    }

    @Test
    void anInvalidParameterValueIsNamed() throws Exception {
        JsonNode problem = problem(post("/v1/plans", "{\"scheme\": \"mrope\", \"params\": {\"head_dim\": -4}, "
                + "\"format\": \"bare\", \"sequences\": [{\"parts\": [" + TEXT + "]}]}"), 422);
        assertEquals("/params/head_dim", problem.get("field").asString());
        assertTrue(problem.get("detail").asString().contains("-4"), problem.toString());
    }

    @Test
    void inputTheSchemeCannotPlanIsUnprocessable() throws Exception {
        // 2D-TPE positions text and tables only; the library's message names the block
        JsonNode problem = problem(post("/v1/plans",
                request("tpe2d", "bare", TEXT, "{\"type\": \"image\", \"grid\": [1, 2, 2]}")), 422);
        assertTrue(problem.get("detail").asString().contains("tpe2d"), problem.toString());
    }

    @Test
    void anEmptyBodyIsABadRequestOfTheWholeBody() throws Exception {
        JsonNode problem = problem(post("/v1/plans", ""), 400);
        assertEquals("", problem.get("field").asString(), "the JSON Pointer of the whole body");
        assertTrue(problem.get("detail").asString().contains("body"), problem.toString());
    }

    @Test
    void springsOwnErrorsAreProblemsToo() throws Exception {
        problem(send(HttpRequest.newBuilder(uri("/v1/plans")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(TEXT)).build()), 415);
        problem(get("/v1/plans"), 405);
    }

    @Test
    void aClientAcceptingOnlyJsonStillGetsTheProblem() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/v1/plans")).header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request("nope", "bare", TEXT))).build());
        assertEquals(422, r.statusCode(), r.body());
        assertEquals("/scheme", json(r).get("field").asString());
    }

    /** Checks status, media type and the RFC 9457 members; returns the body. */
    private static JsonNode problem(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(contentType(r).startsWith("application/problem+json"), contentType(r) + " " + r.body());
        JsonNode p = json(r);
        assertEquals(status, p.get("status").intValue());
        assertTrue(p.hasNonNull("title") && p.hasNonNull("detail"), p.toString());
        assertEquals("/v1/plans", p.get("instance").asString());
        return p;
    }
}
