package dev.posplan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.InternVlFormat;
import dev.posplan.multimodal.InternVlPreset;
import dev.posplan.multimodal.PromptPart;
import dev.posplan.planners.PositionPlan;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.SchemeRegistry;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** The {@code internvl2} model: listed by {@code GET /v1/models} and enough on its own for {@code /v1/plans}. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class V1InternVlTest extends HttpSupport {

    private JsonNode ok(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return json(r);
    }

    @Test
    void modelsListInternVl2WithItsIdsProcessorAndContext() throws Exception {
        JsonNode internVl = null;
        for (JsonNode m : ok(get("/v1/models"))) {
            if (m.get("name").asString().equals("internvl2")) {
                internVl = m;
            }
        }
        assertTrue(internVl != null, "internvl2 is listed");
        assertEquals("internvl2", internVl.get("format").asString());
        assertEquals("v2pe", internVl.get("scheme").asString());
        JsonNode params = internVl.get("params");
        assertEquals("v2pe_fix", params.get("rope_pos_id_version").asString());
        assertEquals(256, params.get("num_image_token").asInt());
        assertEquals(64.0, params.get("rope_pos_id_stride").asDouble());
        assertEquals(1e6, params.get("rope_theta").asDouble());
        JsonNode ids = internVl.get("token_ids");
        assertEquals(92544, ids.get("img_start").asInt());
        assertEquals(92545, ids.get("img_end").asInt());
        assertEquals(92546, ids.get("img_context").asInt());
        assertEquals(92543, ids.get("im_start").asInt());
        assertEquals(92542, ids.get("im_end").asInt());
        JsonNode processor = internVl.get("processor");
        assertEquals(448, processor.get("tile_size").asInt());
        assertEquals(14, processor.get("patch_size").asInt());
        assertEquals(256, processor.get("tokens_per_tile").asInt());
        assertEquals(1, processor.get("min_tiles").asInt());
        assertEquals(12, processor.get("max_tiles").asInt());
        assertTrue(processor.get("thumbnail").asBoolean());
        assertEquals(32768, internVl.get("max_position_embeddings").asInt());
        assertTrue(internVl.has("max_position_embeddings_note"));
    }

    /**
     * 800 x 600 is 4:3, which 12 tiles (4 x 3) match exactly: 12 tiles and the thumbnail. 448 x 448 is one tile
     * and no thumbnail.
     */
    @ParameterizedTest
    @CsvSource({"800, 600, 13", "448, 448, 1"})
    void aRequestNamingInternVl2PlansAsTheLibrarysV2pe(int width, int height, int tiles) throws Exception {
        String body = """
                {"model": "internvl2", "sequences": [{"parts": [{"type": "text", "tokens": 3},
                  {"type": "image", "grid": [2, 16, 16]}, {"type": "text", "tokens": 2},
                  {"type": "image", "width": %d, "height": %d}, {"type": "text", "tokens": 4}]}]}"""
                .formatted(width, height);
        JsonNode answer = ok(post("/v1/plans", body));
        assertEquals("v2pe", answer.get("scheme").asString());
        assertEquals("internvl2", answer.get("format").asString());
        assertEquals("internvl2", answer.get("model").asString());

        List<PromptPart> parts = List.of(new PromptPart.Text(3), new PromptPart.Image(new Grid(2, 16, 16)),
                new PromptPart.Text(2), new PromptPart.Image(new Grid(tiles, 16, 16)), new PromptPart.Text(4));
        PositionPlan expected = SchemeRegistry.create("v2pe", new SchemeParams(InternVlPreset.INTERNVL2.schemeParams()))
                .plan(InternVlFormat.INTERNVL2.expand(parts, 0));
        assertEquals(3 + 2 + 2 * 256 + 2 + 2 + tiles * 256 + 4, expected.length());
        JsonNode ids = answer.get("position_ids");
        assertEquals(expected.axes(), ids.size());
        for (int a = 0; a < expected.axes(); a++) {
            JsonNode row = ids.get(a).get(0);
            assertEquals(expected.length(), row.size());
            for (int i = 0; i < expected.length(); i++) {
                assertEquals((float) expected.get(a, i), row.get(i).decimalValue().floatValue(), 0f,
                        "axis " + a + " slot " + i);
            }
        }

        String byGrid = body.replace("\"width\": %d, \"height\": %d".formatted(width, height),
                "\"grid\": [%d, 16, 16]".formatted(tiles));
        assertEquals(ids, ok(post("/v1/plans", byGrid)).get("position_ids"));
    }

    @ParameterizedTest
    @CsvSource({
        "'{\"type\": \"image\", \"grid_thw\": [1, 32, 32]}', /sequences/0/parts/0/grid_thw",
        "'{\"type\": \"video\", \"frames\": 8, \"fps\": 2, \"width\": 448, \"height\": 448}', /sequences/0/parts/0",
        "'{\"type\": \"image\", \"width\": 0, \"height\": 10}', /sequences/0/parts/0/width"})
    void partsInternVl2CannotReadAreProblemsNamingTheField(String part, String field) throws Exception {
        HttpResponse<String> r = post("/v1/plans", "{\"model\": \"internvl2\", \"sequences\": [{\"parts\": [" + part
                + "]}]}");
        assertEquals(422, r.statusCode(), r.body());
        assertEquals(field, json(r).get("field").asString(), r.body());
    }

    @Test
    void inputIdsNeedAQwenModel() throws Exception {
        HttpResponse<String> r = post("/v1/plans",
                "{\"model\": \"internvl2\", \"sequences\": [{\"input_ids\": [1, 2, 3]}]}");
        assertEquals(422, r.statusCode(), r.body());
        assertEquals("/sequences/0/input_ids", json(r).get("field").asString());
    }
}
