package dev.posplan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.multimodal.PromptPart;
import dev.posplan.multimodal.QwenFormats;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.multimodal.camera.CameraView;
import dev.posplan.multimodal.camera.Intrinsics;
import dev.posplan.multimodal.camera.Pose;
import dev.posplan.planners.OutputTensor;
import dev.posplan.planners.PositionPlan;
import dev.posplan.planners.SchemeDeclaration;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.SchemeRegistry;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /v1/schemes} lists every encoding with its declarations, and {@code POST /v1/plans} plans the camera
 * encodings from posed images and 2D-TPE from a table part, with the library's numbers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EncodingCatalogueTest extends HttpSupport {

    private static final String CAMERA = """
            {"image_width": 64, "image_height": 32, "patch_size": 16, "intrinsics": [60, 60, 32, 16],
             "pose": [1, 0, 0, 0.5,  0, 1, 0, 0,  0, 0, 1, 2,  0, 0, 0, 1]}""";

    @Test
    void everyEncodingIsListedWithItsTypedDeclarations() throws Exception {
        JsonNode list = json(get("/v1/schemes"));
        List<String> names = new ArrayList<>();
        for (JsonNode s : list) {
            names.add(s.get("name").asString());
            SchemeDeclaration d = SchemeRegistry.declaration(s.get("name").asString());
            assertEquals(d.parameters().size(), s.get("parameters").size(), d.name());
            for (JsonNode p : s.get("parameters")) {
                assertFalse(p.get("type").asString().isEmpty());
                assertFalse(p.get("description").asString().isEmpty());
                assertTrue(p.has("default") && p.has("allowed"), p.toString());
            }
            assertEquals(d.outputs().size(), s.get("outputs").size());
            assertFalse(s.get("reference").get("commit").asString().isEmpty());
            JsonNode onDemand = s.get("on_demand");
            assertEquals(d.onDemand().slicing().apiName(), onDemand.get("slicing").asString(), d.name());
            assertEquals(d.onDemand().blocks(), onDemand.get("blocks").booleanValue(), d.name());
        }
        for (String expected : List.of("mrope", "mrope-abs-time", "mrope-interleave", "mrope-i", "mhrope", "vrope",
                "v2pe", "videorope", "hope", "circlerope", "grape", "tpe2d", "plucker", "prope", "gta", "ucpe")) {
            assertTrue(names.contains(expected), expected);
        }
        JsonNode mrope = list.get(names.indexOf("mrope"));
        assertEquals("direct", mrope.get("on_demand").get("slicing").asString());
        assertTrue(mrope.get("on_demand").get("blocks").booleanValue());
        assertEquals("plan-and-slice", list.get(names.indexOf("tpe2d")).get("on_demand").get("slicing").asString());
        JsonNode plucker = list.get(names.indexOf("plucker")).get("on_demand");
        assertEquals("none", plucker.get("slicing").asString());
        assertFalse(plucker.get("note").asString().isEmpty());
        JsonNode compat = find(mrope.get("parameters"), "compat");
        assertEquals("hf-4.51", compat.get("default").asString());
        assertEquals(4, compat.get("allowed").get("values").size());
        JsonNode stride = find(mrope.get("parameters"), "temporal_stride");
        assertEquals(0.0, stride.get("allowed").get("min").doubleValue());
        assertTrue(stride.get("allowed").get("min_exclusive").booleanValue());
        JsonNode precision = find(list.get(names.indexOf("gta")).get("parameters"), "precision");
        assertEquals("float32", precision.get("default").asString());
        assertEquals(List.of("float32", "float64"),
                precision.get("allowed").get("values").valueStream().map(JsonNode::asString).toList());
    }

    @Test
    void cameraEncodingsPlanPosedImagesWithTheLibrarysNumbers() throws Exception {
        CameraView view = CameraView.pinhole(64, 32, 16, 1, Intrinsics.pixels(60, 60, 32, 16),
                Pose.cameraToWorld(new double[] {1, 0, 0, 0.5, 0, 1, 0, 0, 0, 0, 1, 2, 0, 0, 0, 1}, Pose.Axes.OPENCV));
        TokenStream stream = QwenFormats.QWEN2_VL.expand(List.of(new PromptPart.Text(2), PromptPart.Image.posed(view),
                new PromptPart.Text(1)));
        for (String scheme : List.of("plucker", "prope", "gta", "ucpe")) {
            HttpResponse<String> r = post("/v1/plans", """
                    {"scheme": "%s", "format": "qwen2-vl", "sequences": [{"parts": [{"type": "text", "tokens": 2},
                     {"type": "image", "camera": %s}, {"type": "text", "tokens": 1}]}]}""".formatted(scheme, CAMERA));
            assertEquals(200, r.statusCode(), scheme + ": " + r.body());
            JsonNode body = json(r);
            assertEquals(0, body.get("axes").size(), scheme);
            PositionPlan expected = SchemeRegistry.create(scheme, SchemeParams.empty()).plan(stream);
            assertEquals(expected.tensors().size(), body.get("tensors").size(), scheme);
            for (OutputTensor t : expected.tensors()) {
                JsonNode actual = body.get("tensors").get(t.name());
                // stacked over the batch of one: [1, ...shape], data nested to that shape
                List<Integer> shape = new ArrayList<>(List.of(1));
                shape.addAll(t.shape());
                assertEquals(shape, actual.get("shape").valueStream().map(JsonNode::asInt).toList(), t.name());
                List<JsonNode> data = flat(actual.get("data"), new ArrayList<>());
                if (t instanceof OutputTensor.F32 f) {
                    float[] values = f.data();
                    assertEquals(values.length, data.size(), t.name());
                    for (int i = 0; i < values.length; i++) {
                        // exact (delta 0); JSON's -0.0 reads back as a decimal 0, hence no bit comparison
                        assertEquals(values[i], data.get(i).decimalValue().floatValue(), 0f,
                                scheme + " " + t.name() + "[" + i + "]");
                    }
                } else {
                    assertEquals(java.util.Arrays.stream(((OutputTensor.I32) t).data()).boxed().toList(),
                            data.stream().map(JsonNode::asInt).toList(), scheme + " " + t.name());
                }
            }
        }
    }

    @Test
    void aTableIsAPartThatTpe2dPlans() throws Exception {
        HttpResponse<String> r = post("/v1/plans", """
                {"scheme": "tpe2d", "format": "bare", "sequences": [{"parts": [{"type": "text", "tokens": 3},
                 {"type": "table", "cells": [[1, 2], [1, 1]]}, {"type": "text", "tokens": 2}]}]}""");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = json(r);
        // 3 text + a 4 x 5 grid (16 separator items, cells 1+2+1+1) + 2 text
        assertEquals(3 + 16 + 5 + 2, body.get("length").intValue());
        assertEquals(List.of("tx", "ty", "px", "py"), List.of(body.get("axes").get(0).asString(),
                body.get("axes").get(1).asString(), body.get("axes").get(2).asString(),
                body.get("axes").get(3).asString()));
        HttpResponse<String> ragged = post("/v1/plans", """
                {"scheme": "tpe2d", "format": "bare", "sequences": [{"parts": [{"type": "table",
                 "cells": [[1, 2], [1]]}]}]}""");
        assertEquals(422, ragged.statusCode(), ragged.body());
        assertEquals("/sequences/0/parts/0/cells/1", json(ragged).get("field").asString());
    }

    @Test
    void aCameraSchemeWithoutAPosedImageIsTheClientsError() throws Exception {
        HttpResponse<String> r = post("/v1/plans", """
                {"scheme": "prope", "format": "qwen2-vl", "sequences": [{"parts": [{"type": "text", "tokens": 2}]}]}""");
        assertEquals(422, r.statusCode(), r.body());
        assertTrue(r.body().contains("camera"), r.body());
    }

    private static List<JsonNode> flat(JsonNode nested, List<JsonNode> out) {
        if (nested.isArray()) {
            nested.forEach(n -> flat(n, out));
        } else {
            out.add(nested);
        }
        return out;
    }

    private static JsonNode find(JsonNode parameters, String name) {
        for (JsonNode p : parameters) {
            if (p.get("name").asString().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no parameter " + name);
    }
}
