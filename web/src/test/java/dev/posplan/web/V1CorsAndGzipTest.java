package dev.posplan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** gzip for JSON answers a client accepts it for; CORS for the configured origins only. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "posplan.cors.allowed-origins=https://inspector.example")
class V1CorsAndGzipTest extends HttpSupport {

    private static final String BODY = """
            {"model": "qwen2-vl", "sequences": [{"parts": [{"type": "text", "tokens": 2000}]}]}""";

    private HttpResponse<byte[]> plan(String... headers) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("/v1/plans"))
                .header("Content-Type", "application/json").headers(headers)
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void jsonAnswersAreGzippedWhenAccepted() throws Exception {
        HttpResponse<byte[]> gz = plan("Accept-Encoding", "gzip");
        assertEquals(200, gz.statusCode());
        assertEquals("gzip", gz.headers().firstValue("Content-Encoding").orElse(""));
        byte[] plain;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz.body()))) {
            plain = in.readAllBytes();
        }
        JsonNode answer = JSON.readTree(plain);
        assertEquals(2000, answer.get("length").asInt());
        HttpResponse<byte[]> identity = plan("Accept", "application/json");
        assertFalse(identity.headers().firstValue("Content-Encoding").isPresent());
    }

    @Test
    void onlyTheConfiguredOriginMayCallAcrossOrigins() throws Exception {
        HttpResponse<byte[]> allowed = plan("Origin", "https://inspector.example");
        assertEquals(200, allowed.statusCode());
        assertEquals("https://inspector.example", allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        HttpResponse<byte[]> other = plan("Origin", "https://elsewhere.example");
        assertEquals(403, other.statusCode());
    }
}
