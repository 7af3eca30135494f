package dev.posplan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Missing and {@code null} are the same thing for every field (specs/api-v1.md, Conventions), checked without a
 * list of fields: the request schemas of {@code /v3/api-docs} are walked alongside example bodies, and every
 * property of every object the walk meets is sent once left out and once as {@code null}; both answers must have
 * the same status and the same {@code field}. A property the example lacks is also sent as {@code null}, which
 * must answer like the example itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MissingEqualsNullTest extends HttpSupport {

    private static final String COMPARE = """
            {"sequences": [{"parts": [{"type": "text", "tokens": 3}, {"type": "image", "grid": [1, 2, 2]}]}],
             "decode_steps": 1, "candidates": [{"scheme": "mrope"}, {"scheme": "mrope-i", "params": {"compat": "vllm"}}]}""";
    private static final String FREQUENCIES = """
            {"scheme": "mrope", "params": {"head_dim": 64}}""";
    private static final String OPTIONS = """
            {"scheme": "mrope", "padding_side": "left", "dtype": "int64", "layout": "dense", "return_input_ids": true,
             "range": {"start": 1, "length": 2}, "decode_steps": 1, "format": "qwen2-vl",
             "sequences": [{"parts": [{"type": "text", "tokens": 3}]}, {"parts": [{"type": "text", "tokens": 4}]}]}""";

    private final List<String> checked = new ArrayList<>();

    @Test
    void everyFieldOfEveryRequestSchemaAnswersTheSameMissingAndNull() throws Exception {
        JsonNode schemas = json(get("/v3/api-docs")).path("components").path("schemas");
        Map<String, List<String>> bodies = Map.of(
                "/v1/plans", List.of(V1Examples.PARTS, V1Examples.INPUT_IDS, V1Examples.MESSAGES, V1Examples.TABLE,
                        V1Examples.CAMERA, OPTIONS),
                "/v1/compare", List.of(COMPARE),
                "/v1/frequencies", List.of(FREQUENCIES));
        Map<String, String> roots = Map.of("/v1/plans", "V1PlanRequest", "/v1/compare", "V1CompareRequest",
                "/v1/frequencies", "FrequenciesRequest");
        for (var e : bodies.entrySet()) {
            for (String body : e.getValue()) {
                ObjectNode root = (ObjectNode) JSON.readTree(body);
                walk(e.getKey(), root, root, schemas, roots.get(e.getKey()), "");
            }
        }
        // the walk reached the nested schemas, not only the top level
        for (String pointer : List.of("/sequences/0/parts/0/tokens", "/sequences/0/input_ids",
                "/sequences/0/messages/0/role", "/sequences/0/parts/0/camera/intrinsics", "/candidates/1/params")) {
            assertTrue(checked.stream().anyMatch(c -> c.endsWith(" " + pointer)), pointer + " in " + checked);
        }
    }

    /** Checks every property of {@code object} (schema {@code schemaName}) and walks into its object values. */
    private void walk(String path, ObjectNode root, ObjectNode object, JsonNode schemas, String schemaName,
            String pointer) throws Exception {
        JsonNode properties = schemas.path(schemaName).path("properties");
        HttpResponse<String> asGiven = post(path, root.toString());
        for (String name : properties.propertyNames()) {
            String at = pointer + "/" + name;
            JsonNode original = object.get(name);
            object.remove(name);
            HttpResponse<String> missing = post(path, root.toString());
            object.putNull(name);
            HttpResponse<String> nul = post(path, root.toString());
            String what = path + " " + at;
            assertEquals(missing.statusCode(), nul.statusCode(), what + ": " + missing.body() + " vs " + nul.body());
            assertEquals(json(missing).path("field").asString(null), json(nul).path("field").asString(null), what);
            if (original == null) {
                object.remove(name);
                assertEquals(asGiven.statusCode(), nul.statusCode(), what + " null vs absent: " + nul.body());
            } else {
                object.set(name, original);
                String nested = objectSchema(properties.path(name));
                if (nested != null) {
                    into(path, root, original, schemas, nested, at);
                }
            }
            checked.add(what);
        }
    }

    private void into(String path, ObjectNode root, JsonNode value, JsonNode schemas, String schemaName, String at)
            throws Exception {
        if (value instanceof ObjectNode o) {
            walk(path, root, o, schemas, schemaName, at);
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                into(path, root, value.get(i), schemas, schemaName, at + "/" + i);
            }
        }
    }

    /** The component a property refers to, directly or as (nested) array items; null for JSON values. */
    private static String objectSchema(JsonNode property) {
        String ref = property.path("$ref").asString("");
        if (ref.startsWith("#/components/schemas/")) {
            String name = ref.substring("#/components/schemas/".length());
            return name.equals("JsonNode") ? null : name;
        }
        return property.has("items") ? objectSchema(property.get("items")) : null;
    }
}
