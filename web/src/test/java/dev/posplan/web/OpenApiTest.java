package dev.posplan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document describes the planning endpoint, and the Swagger UI is served. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiTest extends HttpSupport {

    @Test
    void apiDocsListThePlanEndpointWithItsProblems() throws Exception {
        HttpResponse<String> r = get("/v3/api-docs");
        assertEquals(200, r.statusCode());
        JsonNode doc = json(r);
        JsonNode post = doc.get("paths").get("/api/plan").get("post");
        assertNotNull(post, "POST /api/plan is documented");
        for (String status : new String[] {"200", "400", "413", "422"}) {
            assertTrue(post.get("responses").has(status), "documents " + status);
        }
        assertTrue(post.get("responses").get("422").get("content").has("application/problem+json"));
        JsonNode request = doc.get("components").get("schemas").get("PlanRequest");
        assertTrue(request.get("properties").get("scheme").get("description").asString().contains("Registry name"),
                "descriptions come from the api records' @JsonPropertyDescription");
    }

    @Test
    void swaggerUiIsServed() throws Exception {
        HttpResponse<String> r = get("/swagger-ui/index.html");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("swagger-ui"), "the UI page");
    }
}
