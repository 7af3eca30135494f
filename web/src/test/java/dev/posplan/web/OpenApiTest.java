package dev.posplan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document describes problems as they are written, and the Swagger UI is served. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiTest extends HttpSupport {

    @Test
    void problemsAreDescribedAsTheJsonSpringWrites() throws Exception {
        HttpResponse<String> r = get("/v3/api-docs");
        assertEquals(200, r.statusCode());
        JsonNode doc = json(r);
        JsonNode post = doc.get("paths").get("/v1/plans").get("post");
        assertNotNull(post, "POST /v1/plans is documented");
        JsonNode problem = post.get("responses").get("422").get("content").get("application/problem+json").get("schema")
                .get("properties");
        for (String member : new String[] {"type", "title", "status", "detail", "instance", "field", "parameter", "limit",
                "max"}) {
            assertTrue(problem.has(member), "problem member " + member);
        }
        assertTrue(problem.get("field").get("description").asString().contains("JSON Pointer"), problem.toString());
        assertNull(doc.get("paths").get("/api/plan"), "the old endpoint is gone");
    }

    @Test
    void swaggerUiIsServed() throws Exception {
        HttpResponse<String> r = get("/swagger-ui/index.html");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("swagger-ui"), "the UI page");
    }
}
