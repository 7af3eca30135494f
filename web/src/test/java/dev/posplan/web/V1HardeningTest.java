package dev.posplan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * The rough edges a hostile-input run found in {@code /v1} (issue 11), each answered as the contract says: a
 * problem with the right status, a {@code field} pointing at the culprit, a {@code detail} in the service's own
 * words that quotes at most 200 characters of input.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class V1HardeningTest extends HttpSupport {

    private static final String TEXT = "{\"type\":\"text\",\"tokens\":3}";

    private static String plan(String extra, String... parts) {
        return "{\"scheme\":\"mrope\"" + extra + ",\"sequences\":[{\"parts\":[" + String.join(",", parts) + "]}]}";
    }

    /** The problem of an answer, checked to be one: problem+json with status, title and detail. */
    private static JsonNode problem(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(contentType(r).startsWith("application/problem+json"), contentType(r));
        JsonNode p = json(r);
        assertEquals(status, p.path("status").asInt());
        assertFalse(p.path("title").asString("").isEmpty(), r.body());
        String detail = p.path("detail").asString("");
        assertFalse(detail.isEmpty(), r.body());
        for (String internal : List.of("Jackson", "jackson", "JsonReadFeature", "StreamReadConstraints", "Exception",
                "java.", "`")) {
            assertFalse(detail.contains(internal), "library internals in: " + detail);
        }
        return p;
    }

    @Test
    void aWrongTypeIsA400InParamsAsInParts() throws Exception {
        JsonNode inParts = problem(post("/v1/plans", plan("", "{\"type\":\"text\",\"tokens\":\"3\"}")), 400);
        assertEquals("/sequences/0/parts/0/tokens", inParts.path("field").asString());
        for (String value : List.of("\"x\"", "[1]", "{}", "true", "3.5")) {
            JsonNode inParams = problem(post("/v1/plans", plan(",\"params\":{\"head_dim\":" + value + "}", TEXT)), 400);
            assertEquals("/params/head_dim", inParams.path("field").asString(), value);
        }
        // a value of the right type that the declaration refuses stays a 422
        assertEquals("/params/head_dim", problem(post("/v1/plans", plan(",\"params\":{\"head_dim\":1}", TEXT)), 422)
                .path("field").asString());
        assertEquals("/params/compat", problem(post("/v1/plans", plan(",\"params\":{\"compat\":\"nope\"}", TEXT)), 422)
                .path("field").asString());
        assertEquals("/params/compat", problem(post("/v1/plans", plan(",\"params\":{\"compat\":7}", TEXT)), 400)
                .path("field").asString());
    }

    @Test
    void unreadableBodiesAreDescribedInJsonTermsAtTheWholeBody() throws Exception {
        String ok = plan("", TEXT);
        for (String body : List.of("", "   ", ok + " xyz", ok + " {}", ok.substring(0, ok.length() - 3),
                plan("", "{\"type\":\"text\",\"tokens\":NaN}"), "[".repeat(3000) + "]".repeat(3000), "nul")) {
            JsonNode p = problem(post("/v1/plans", body), 400);
            assertTrue(p.has("field"), body);
        }
        assertEquals("", problem(post("/v1/plans", ok + " xyz"), 400).path("field").asString(null));
        assertEquals("", problem(post("/v1/plans", ""), 400).path("field").asString(null));
        JsonNode huge = problem(post("/v1/plans", plan("", "{\"type\":\"text\",\"tokens\":99999999999999999999}")), 400);
        assertEquals("/sequences/0/parts/0/tokens", huge.path("field").asString());
        problem(post("/v1/plans", plan("", "{\"type\":\"text\",\"tokens\":1" + "0".repeat(2000) + "}")), 400);
    }

    @Test
    void clientTextIsQuotedAtMost200Characters() throws Exception {
        String big = "a".repeat(900_000);
        List<String> bodies = List.of(
                "{\"scheme\":\"" + big + "\",\"sequences\":[{\"parts\":[" + TEXT + "]}]}",
                "{\"scheme\":\"mrope\",\"" + big + "\":1}",
                plan(",\"params\":{\"" + big + "\":1}", TEXT),
                plan(",\"params\":{\"compat\":\"" + big + "\"}", TEXT),
                plan(",\"params\":{\"head_dim\":\"" + big + "\"}", TEXT),
                plan("", "{\"type\":\"" + big + "\",\"tokens\":3}"),
                plan(",\"padding_side\":\"" + big + "\"", TEXT),
                "{\"model\":\"" + big + "\"}");
        for (String body : bodies) {
            HttpResponse<String> r = post("/v1/plans", body);
            JsonNode p = problem(r, r.statusCode());
            assertTrue(r.statusCode() / 100 == 4, r.body());
            assertFalse(p.path("detail").asString().contains("a".repeat(201)), p.path("detail").asString());
            assertTrue(r.body().length() < 2000, "an answer of " + r.body().length() + " characters");
        }
    }

    @Test
    void planningErrorsNameThePartAndTheRealValue() throws Exception {
        JsonNode spgt = problem(post("/v1/plans", "{\"model\":\"qwen2.5-vl\",\"sequences\":[{\"parts\":[" + TEXT
                + ",{\"type\":\"video\",\"grid\":[2,2,2],\"second_per_grid_t\":1e30}]}]}"), 422);
        assertEquals("/sequences/0/parts/1", spgt.path("field").asString());
        assertTrue(spgt.path("detail").asString().contains("above 9223372036854775807"), spgt.toString());
        assertFalse(spgt.path("detail").asString().contains("E18"), spgt.toString());

        String video = "{\"type\":\"video\",\"grid\":[4,2,2]}";
        JsonNode stride = problem(post("/v1/plans", "{\"scheme\":\"mrope\",\"params\":{\"temporal_stride\":1e15},"
                + "\"sequences\":[{\"parts\":[" + TEXT + "]},{\"parts\":[" + TEXT + ",{\"type\":\"image\",\"grid\":[1,2,2]},"
                + video + "," + TEXT + "]}]}"), 422);
        assertEquals("/sequences/1/parts/2", stride.path("field").asString());
        assertTrue(stride.path("detail").asString().matches(".*position [0-9]{16} exceeds.*"), stride.toString());
        JsonNode extreme = problem(post("/v1/plans", plan(",\"params\":{\"temporal_stride\":1e308}", video)), 422);
        assertEquals("/sequences/0/parts/0", extreme.path("field").asString());

        JsonNode table = problem(post("/v1/plans", plan("", TEXT, "{\"type\":\"table\",\"cells\":[[1]]}")), 422);
        assertEquals("/sequences/0/parts/1", table.path("field").asString());
        JsonNode image = problem(post("/v1/plans", "{\"scheme\":\"tpe2d\",\"sequences\":[{\"parts\":[{\"type\":\"image\","
                + "\"grid\":[1,2,2]}]}]}"), 422);
        assertEquals("/sequences/0/parts/0", image.path("field").asString());
    }

    @Test
    void aRowWithoutTokensIsRefusedLikeARowWithoutParts() throws Exception {
        JsonNode none = problem(post("/v1/plans", plan("")), 422);
        JsonNode zero = problem(post("/v1/plans", plan("", "{\"type\":\"text\",\"tokens\":0}")), 422);
        JsonNode zeros = problem(post("/v1/plans", plan("", "{\"type\":\"text\",\"tokens\":0}",
                "{\"type\":\"text\",\"tokens\":0}")), 422);
        assertEquals("/sequences/0/parts", none.path("field").asString());
        assertEquals(none.path("field"), zero.path("field"));
        assertEquals(none.path("field"), zeros.path("field"));
        // a zero-token part next to others is fine
        assertEquals(200, post("/v1/plans", plan("", "{\"type\":\"text\",\"tokens\":0}", TEXT)).statusCode());
    }

    @Test
    void theErrorPathIsAProblemNotA999() throws Exception {
        JsonNode p = problem(get("/error"), 404);
        assertFalse(p.toString().contains("999"));
        problem(get("/v1/nothing-here"), 404);
        problem(send(HttpRequest.newBuilder(uri("/v1/plans")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(plan("", TEXT))).build()), 415);
    }

    @Test
    void oversizedRequestLinesAndHeadersAreProblemsFromTheServerItself() throws Exception {
        String header = "GET /v1/schemes HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "h".repeat(100_000) + "\r\n\r\n";
        String url = "GET /v1/schemes?q=" + "u".repeat(9_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
        for (String request : List.of(header, url)) {
            String answer = raw(request);
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
            assertTrue(answer.toLowerCase().contains("content-type: application/problem+json"), answer);
            JsonNode p = JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
            assertEquals(400, p.path("status").asInt());
            assertEquals("server.max-http-request-header-size", p.path("limit").asString());
            assertFalse(answer.contains("<html"), answer);
        }
    }

    /** Writes a request on a plain socket and reads the answer until the server closes the connection. */
    private String raw(String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", Integer.parseInt(env.getProperty("local.server.port")))) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (java.io.IOException e) {
                // the server may answer and close before it has read the whole oversized request
            }
            InputStream in = s.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (java.net.SocketException e) {
                // a reset after the answer: keep what was read
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
