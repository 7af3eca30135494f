package dev.posplan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/** The service starts on defaults and answers health and scheme-list requests. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServiceSmokeTest {

    @Autowired
    Environment env;

    private HttpResponse<String> get(String path) throws Exception {
        String base = "http://127.0.0.1:" + env.getProperty("local.server.port");
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthIsUp() throws Exception {
        HttpResponse<String> r = get("/actuator/health");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("UP"), r.body());
    }

    @Test
    void listsRegisteredSchemes() throws Exception {
        HttpResponse<String> r = get("/v1/schemes");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("\"mrope-interleave\""), r.body());
    }
}
