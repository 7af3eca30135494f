package dev.posplan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * Images by pixel size for {@code ming} and {@code hunyuan-vl} over {@code /v1/plans}: the answer is the one of the
 * same request with the processor's {@code grid_thw}, worked by hand from each reference {@code smart_resize}
 * (derivations in {@code FamilyImageProcessorTest}); sizes the reference refuses are 422 problems naming the field.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class V1FamilyImageSizeTest extends HttpSupport {

    private static final String BODY = """
            {"model": "%s", "decode_steps": 2, "sequences": [{"parts": [{"type": "text", "tokens": 3}, %s,
              {"type": "text", "tokens": 2}, %s, {"type": "text", "tokens": 1}]}]}""";

    private static final String IMAGE = "{\"type\": \"image\", \"width\": %d, \"height\": %d}";
    private static final String GRID_THW = "{\"type\": \"image\", \"grid_thw\": [1, %d, %d]}";
    private static final String SMALL = "{\"type\": \"image\", \"grid\": [1, 2, 3]}";

    private JsonNode ok(String body) throws Exception {
        HttpResponse<String> r = post("/v1/plans", body);
        assertEquals(200, r.statusCode(), r.body());
        return json(r);
    }

    /**
     * Ming (factor 28): 448² stays, 28² grows to 280², 30 x 29 to 308 x 280, 4000 x 3000 shrinks to 1624 x 1204,
     * 5600 x 28 (ratio 200) stays. HunyuanVL (factor 32): 448² grows to 512², 528 x 1040 rounds half-to-even to
     * 512 x 1024, 4000 x 3000 shrinks to 2336 x 1760, 10 x 1 grows to 1632 x 192.
     */
    @ParameterizedTest
    @CsvSource({"ming, 448, 448, 32, 32", "ming, 28, 28, 20, 20", "ming, 30, 29, 20, 22", "ming, 4000, 3000, 86, 116",
            "ming, 5600, 28, 2, 400", "hunyuan-vl, 448, 448, 32, 32", "hunyuan-vl, 528, 1040, 64, 32",
            "hunyuan-vl, 4000, 3000, 110, 146", "hunyuan-vl, 10, 1, 12, 102"})
    void anImageBySizeIsItsProcessorGridThw(String model, int width, int height, int gridH, int gridW)
            throws Exception {
        JsonNode bySize = ok(BODY.formatted(model, IMAGE.formatted(width, height), SMALL));
        JsonNode byGrid = ok(BODY.formatted(model, GRID_THW.formatted(gridH, gridW), SMALL));
        assertEquals(byGrid.get("position_ids"), bySize.get("position_ids"));
        assertEquals(byGrid.get("decode_position_ids"), bySize.get("decode_position_ids"));
        assertEquals(byGrid.get("sequences"), bySize.get("sequences"));
        // the placeholders each format writes for a merged h x w grid: Ming <image> h·w patch tokens </image>;
        // HunyuanVL <image_start> begin, h rows of w cells and a newline (its span grid), end <image_end>
        int h = gridH / 2;
        int w = gridW / 2;
        boolean ming = model.equals("ming");
        JsonNode span = bySize.get("sequences").get(0).get("spans").get(0);
        assertEquals("[1," + h + "," + (ming ? w : w + 1) + "]", span.get("grid").toString(), span.toString());
        assertEquals(ming ? 4 : 5, span.get("start").asInt(), span.toString());
        assertEquals(ming ? h * w : h * (w + 1), span.get("length").asInt(), span.toString());
        int small = ming ? 1 + 6 + 1 : 2 + 2 * 4 + 2;
        int image = ming ? 1 + h * w + 1 : 2 + h * (w + 1) + 2;
        assertEquals(3 + image + 2 + small + 1, bySize.get("length").asInt());
        // a different size is a different plan (the grid is not ignored)
        JsonNode other = ok(BODY.formatted(model, GRID_THW.formatted(gridH + 2, gridW), SMALL));
        assertTrue(!other.get("position_ids").equals(bySize.get("position_ids")));
    }

    /** Sizes the references refuse, each a 422 problem whose field is the JSON Pointer of what is wrong. */
    @ParameterizedTest
    @CsvSource({"ming, 27, 100, /sequences/0/parts/1/width, factor 28",
            "ming, 100, 27, /sequences/0/parts/1/height, factor 28",
            "ming, 27, 10000, /sequences/0/parts/1/width, factor 28",
            "ming, 5601, 28, /sequences/0/parts/1, aspect ratio",
            "hunyuan-vl, 6401, 32, /sequences/0/parts/1, aspect ratio",
            "hunyuan-vl, 1, 201, /sequences/0/parts/1, aspect ratio",
            "hunyuan-vl, 0, 64, /sequences/0/parts/1/width, >= 1",
            "ming, 64, -3, /sequences/0/parts/1/height, >= 1"})
    void refusedSizesAreProblemsNamingTheField(String model, int width, int height, String field, String says)
            throws Exception {
        HttpResponse<String> r = post("/v1/plans", BODY.formatted(model, IMAGE.formatted(width, height), SMALL));
        assertEquals(422, r.statusCode(), r.body());
        assertTrue(contentType(r).startsWith("application/problem+json"), contentType(r));
        JsonNode p = json(r);
        assertEquals(field, p.get("field").asString(), r.body());
        assertTrue(p.get("detail").asString().contains(says), r.body());
    }

    /** {@code GET /v1/models} lists the processor settings the sizes go through. */
    @ParameterizedTest
    @CsvSource({"ming, 14, 78400, 2007040", "hunyuan-vl, 16, 262144, 4194304"})
    void theModelsListTheirImageProcessor(String model, int patch, int min, int max) throws Exception {
        JsonNode preset = json(get("/v1/models")).valueStream().filter(m -> m.get("name").asString().equals(model))
                .findFirst().orElseThrow();
        JsonNode processor = preset.get("processor");
        assertEquals(patch, processor.get("patch_size").asInt(), processor.toString());
        assertEquals(2, processor.get("merge_size").asInt());
        assertEquals(min, processor.get("min_pixels").asInt());
        assertEquals(max, processor.get("max_pixels").asInt());
        assertTrue(processor.get("source").asString().contains(model.equals("ming") ? "bailingmm2" : "hunyuan_vl"));
        assertTrue(preset.get("notes").asString().contains("pixel size"), preset.get("notes").toString());
    }
}
