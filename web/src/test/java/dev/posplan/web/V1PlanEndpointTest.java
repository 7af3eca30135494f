package dev.posplan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/plans} with rows as parts and messages: a batch equals its rows planned alone, the three ways
 * of giving an image agree, the caps and content types, and every bad input is a problem naming its field as a
 * JSON Pointer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class V1PlanEndpointTest extends HttpSupport {

    private static final String ROW_A = """
            {"parts": [{"type": "text", "tokens": 3}, {"type": "image", "grid": [1, 2, 3]},
                       {"type": "text", "tokens": 2}]}""";
    private static final String ROW_B = """
            {"parts": [{"type": "text", "tokens": 5},
                       {"type": "video", "grid_thw": [2, 4, 4], "second_per_grid_t": 0.5},
                       {"type": "text", "tokens": 1}, {"type": "image", "width": 300, "height": 200},
                       {"type": "text", "tokens": 4}]}""";

    private JsonNode ok(String body) throws Exception {
        HttpResponse<String> r = post("/v1/plans", body);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(contentType(r).startsWith("application/json"), contentType(r));
        return json(r);
    }

    private JsonNode problem(String body, int status, String field) throws Exception {
        HttpResponse<String> r = post("/v1/plans", body);
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(contentType(r).startsWith("application/problem+json"), contentType(r));
        JsonNode p = json(r);
        assertEquals(field, p.path("field").isMissingNode() ? null : p.get("field").asString(), r.body());
        assertEquals(status, p.get("status").asInt());
        assertFalse(p.get("detail").asString().isBlank());
        return p;
    }

    private static String batch(String compat, String side, String... rows) {
        return "{\"model\": \"qwen2.5-vl\", \"params\": {\"compat\": \"" + compat + "\"}, \"padding_side\": \"" + side
                + "\", \"decode_steps\": 2, \"sequences\": [" + String.join(",", rows) + "]}";
    }

    @ParameterizedTest
    @CsvSource({"hf-main, left", "hf-main, right", "vllm, left", "hf-4.51, right"})
    void aBatchEqualsItsRowsPlannedAlone(String compat, String side) throws Exception {
        JsonNode both = ok(batch(compat, side, ROW_A, ROW_B));
        String[] rows = {ROW_A, ROW_B};
        int length = both.get("length").asInt();
        assertEquals(2, both.get("batch").asInt());
        for (int r = 0; r < 2; r++) {
            JsonNode alone = ok(batch(compat, side, rows[r]));
            int n = alone.get("length").asInt();
            JsonNode seq = both.get("sequences").get(r);
            assertEquals(n, seq.get("length").asInt());
            assertEquals(length - n, seq.get("padding").asInt());
            int offset = side.equals("left") ? length - n : 0;
            for (int a = 0; a < 3; a++) {
                for (int i = 0; i < n; i++) {
                    assertEquals(alone.get("position_ids").get(a).get(0).get(i).asInt(),
                            both.get("position_ids").get(a).get(r).get(offset + i).asInt(), "axis " + a + " token " + i);
                }
            }
            assertEquals(alone.get("sequences").get(0).get("max_position"), seq.get("max_position"));
            JsonNode spans = alone.get("sequences").get(0).get("spans");
            for (int s = 0; s < spans.size(); s++) {
                assertEquals(spans.get(s).get("start").asInt() + offset, seq.get("spans").get(s).get("start").asInt());
                assertEquals(spans.get(s).get("grid"), seq.get("spans").get(s).get("grid"));
            }
            if (!compat.startsWith("hf-4") && side.equals("left")) {
                // unpadded semantics, left padding: a row's delta and next positions do not depend on the batch
                assertEquals(alone.get("rope_deltas").get(0), both.get("rope_deltas").get(r));
                for (int a = 0; a < 3; a++) {
                    assertEquals(alone.get("decode_position_ids").get(a).get(0),
                            both.get("decode_position_ids").get(a).get(r));
                }
            }
        }
    }

    @Test
    void anImageByMergedGridProcessorGridOrSizeIsTheSamePlan() throws Exception {
        // 448 x 448 at patch 14: smart_resize keeps it; grid_thw [1, 32, 32], merged [1, 16, 16]
        String by = "{\"model\": \"qwen2-vl\", \"sequences\": [{\"parts\": [{\"type\": \"text\", \"tokens\": 2}, %s]}]}";
        JsonNode grid = ok(by.formatted("{\"type\": \"image\", \"grid\": [1, 16, 16]}"));
        JsonNode thw = ok(by.formatted("{\"type\": \"image\", \"grid_thw\": [1, 32, 32]}"));
        JsonNode size = ok(by.formatted("{\"type\": \"image\", \"width\": 448, \"height\": 448}"));
        assertEquals(grid.get("position_ids"), thw.get("position_ids"));
        assertEquals(grid.get("position_ids"), size.get("position_ids"));
        JsonNode span = grid.get("sequences").get(0).get("spans").get(0);
        assertEquals("image", span.get("type").asString());
        assertEquals(3, span.get("start").asInt()); // after 2 text tokens and <|vision_start|>
        assertEquals(256, span.get("length").asInt());
        assertEquals("mrope", grid.get("scheme").asString());
        assertEquals("qwen2-vl", grid.get("format").asString());
        assertEquals(128, grid.get("params").get("head_dim").asInt());
        assertEquals(64, grid.get("frequencies").get("inv_freq").size());
        assertEquals(64, grid.get("frequencies").get("pair_axis").size());
    }

    @Test
    void int64AndInt32AnswersCarryTheSameValues() throws Exception {
        JsonNode i32 = ok(batch("hf-main", "left", ROW_A, ROW_B));
        JsonNode i64 = ok(batch("hf-main", "left", ROW_A, ROW_B).replace("\"decode_steps\"",
                "\"dtype\": \"int64\", \"decode_steps\""));
        assertEquals("int64", i64.get("dtype").asString());
        assertEquals(i32.get("position_ids"), i64.get("position_ids"));
        problem(batch("hf-main", "left", ROW_A).replace("\"decode_steps\"", "\"dtype\": \"float32\", \"decode_steps\""),
                422, "/dtype");
    }

    @Test
    void positionsBeyondTheModelsContextAreWarnedAbout() throws Exception {
        // qwen2-vl: max_position_embeddings 32768; 40,000 tokens are over the JSON cap but fine in safetensors
        String body = "{\"model\": \"qwen2-vl\", \"sequences\": [{\"parts\": [{\"type\": \"text\", \"tokens\": 40000}]}]}";
        JsonNode p = problem(body, 413, "/sequences/0");
        assertEquals("posplan.limits.max-json-tokens", p.get("limit").asString());
        HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("/v1/plans"))
                .header("Content-Type", "application/json").header("Accept", "application/vnd.safetensors")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals("application/vnd.safetensors", contentType(r));
        byte[] data = r.body();
        int headerLength = (int) ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        JsonNode header = JSON.readTree(new String(data, 8, headerLength, StandardCharsets.UTF_8));
        assertEquals("[3,1,40000]", header.get("position_ids").get("shape").toString());
        assertEquals("[1,1]", header.get("rope_deltas").get("shape").toString());
        assertEquals("F32", header.get("inv_freq").get("dtype").asString());
        assertEquals("I32", header.get("pair_axis").get("dtype").asString());
        JsonNode meta = header.get("__metadata__");
        assertEquals("mrope", meta.get("scheme").asString());
        assertEquals("[\"t\",\"h\",\"w\"]", meta.get("axes").asString());
        JsonNode sequences = JSON.readTree(meta.get("sequences").asString());
        assertEquals(39999, sequences.get(0).get("max_position").asInt());
        assertTrue(sequences.get(0).get("warnings").get(0).asString().contains("max_position_embeddings"));
        assertEquals(0, ok(body.replace("40000", "30000")).get("sequences").get(0).get("warnings").size());
    }

    @Test
    void contentTypesAreNegotiated() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/v1/plans")).header("Content-Type",
                "application/json").header("Accept", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(batch("vllm", "left", ROW_A))).build());
        assertEquals(406, r.statusCode(), r.body());
        HttpResponse<String> text = send(HttpRequest.newBuilder(uri("/v1/plans")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(batch("vllm", "left", ROW_A))).build());
        assertEquals(415, text.statusCode(), text.body());
        problem("{\"scheme\": \"videorope\", \"layout\": \"blocks\", \"sequences\": [" + ROW_A + "]}", 422, "/layout");
        problem(batch("vllm", "left", ROW_A).replace("{\"model\"", "{\"layout\": \"blocks\", \"model\"")
                .replace("\"decode_steps\"", "\"range\": {\"start\": 0, \"length\": 2}, \"decode_steps\""), 422,
                "/layout");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"model\": \"qwen2-vl\", \"sequences\": [{\"parts\": [{\"type\": \"text\", \"tokens\": 2}, {\"type\": \"image\", \"grid\": [1, 0, 3]}]}]}|422|/sequences/0/parts/1/grid",
            "{\"model\": \"qwen2-vl\", \"sequences\": [{\"parts\": [{\"type\": \"image\", \"grid_thw\": [1, 5, 4]}]}]}|422|/sequences/0/parts/0/grid_thw",
            "{\"model\": \"qwen2-vl\", \"sequences\": [{\"parts\": [{\"type\": \"text\", \"tokns\": 2}]}]}|400|/sequences/0/parts/0/tokns",
            "{\"model\": \"qwen2-vl\", \"sequences\": [{\"parts\": [{\"type\": \"text\", \"tokens\": \"2\"}]}]}|400|/sequences/0/parts/0/tokens",
            "{\"model\": \"qwen2-vl\", \"sequences\": [{\"parts\": [{\"type\": \"text\", \"tokens\": -1}]}]}|422|/sequences/0/parts/0/tokens",
            "{\"model\": \"qwen2-vl\", \"sequences\": [{\"parts\": [{\"type\": \"text\", \"tokens\": null}]}]}|422|/sequences/0/parts/0/tokens",
            "{\"model\": \"qwen2-vl\", \"sequences\": [{\"parts\": [{\"type\": \"sound\"}]}]}|422|/sequences/0/parts/0/type",
            "{\"model\": \"qwen2-vl\", \"params\": {\"head_dimm\": 64}, \"sequences\": [{\"parts\": [{\"type\": \"text\", \"tokens\": 2}]}]}|422|/params/head_dimm",
            "{\"model\": \"qwen2-vl\", \"params\": {\"head_dim\": -4}, \"sequences\": [{\"parts\": [{\"type\": \"text\", \"tokens\": 2}]}]}|422|/params/head_dim",
            "{\"model\": \"gpt-5\", \"sequences\": [{\"parts\": [{\"type\": \"text\", \"tokens\": 2}]}]}|422|/model",
            "{\"scheme\": \"mrope\", \"sequences\": [{\"parts\": [{\"type\": \"image\", \"width\": 10, \"height\": 10}]}]}|422|/sequences/0/parts/0",
            "{\"model\": \"qwen2-vl\", \"sequences\": []}|422|/sequences",
            "{\"model\": \"qwen2-vl\", \"sequences\": [{\"parts\": [{\"type\": \"text\", \"tokens\": 2}], \"input_ids\": [1]}]}|422|/sequences/0",
            "{\"model\": \"qwen2-vl\", \"sequences\": [{\"input_ids\": [1, 151655]}]}|422|/sequences/0",
            "{\"model\": \"qwen2-vl\", \"sequences\": [{\"input_ids\": [1, 2]}, {\"input_ids\": [1]}]}|422|/sequences/1/input_ids",
            "{\"model\": \"qwen2-vl\", \"decode_steps\": -1, \"sequences\": [{\"input_ids\": [1, 2]}]}|422|/decode_steps",
            "{\"model\": \"qwen2-vl\", \"decode_steps\": 100000, \"sequences\": [{\"input_ids\": [1, 2]}]}|413|/decode_steps",
            "{\"model\": \"qwen2-vl\", \"padding_side\": \"middle\", \"sequences\": [{\"input_ids\": [1, 2]}]}|422|/padding_side",
            "{\"model\": \"qwen2-vl\", \"sequences\": [{\"parts\": [{\"type\": \"text\", \"tokens\": 2}]}], \"image_grid_thw\": [[1, 2, 2]]}|422|/image_grid_thw",
            "{\"model\": \"qwen2-vl\", \"sequences\": [{\"parts\": [{\"type\": \"video\", \"frames\": 8, \"fps\": 0, \"width\": 64, \"height\": 64}]}]}|422|/sequences/0/parts/0/fps",
            "{\"sequences\": [{\"parts\": [{\"type\": \"text\", \"tokens\": 2}]}]}|422|/scheme",
            "{\"model\": \"qwen2-vl\", \"decode_steps\": 4096, \"sequences\": [{\"input_ids\": [1]}, {\"input_ids\": [1]}, {\"input_ids\": [1]}, {\"input_ids\": [1]}, {\"input_ids\": [1]}, {\"input_ids\": [1]}, {\"input_ids\": [1]}, {\"input_ids\": [1]}, {\"input_ids\": [1]}]}|413|/decode_steps",
            "{\"model\": \"qwen2-vl\", \"sequences\": [{\"messages\": [{\"role\": \"user\", \"content\": 3}]}]}|422|/sequences/0/messages/0/content",
    })
    void badInputIsAProblemNamingItsField(String body, int status, String field) throws Exception {
        problem(body, status, field);
    }

    @Test
    void anHourOfVideoGoesThroughInBinaryWithTheDefaultLimits() throws Exception {
        // S4: one hour at 2 fps as Qwen2.5-VL temporal patches, 3600 x 14 x 16 = 806,400 placeholder tokens
        String body = """
                {"model": "qwen2.5-vl", "sequences": [{"parts": [{"type": "text", "tokens": 20},
                  {"type": "video", "grid": [3600, 14, 16], "second_per_grid_t": 1.0},
                  {"type": "text", "tokens": 12}]}]}""";
        problem(body, 413, "/sequences/0");
        HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                uri("/v1/plans?format=safetensors")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        byte[] data = r.body();
        // sized before it is written: a Content-Length, not chunks
        assertEquals(String.valueOf(data.length), r.headers().firstValue("Content-Length").orElse("none"));
        ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = (int) buf.getLong(0);
        JsonNode header = JSON.readTree(new String(data, 8, headerLength, StandardCharsets.UTF_8));
        int length = 20 + 1 + 806_400 + 1 + 12;
        assertEquals("[3,1," + length + "]", header.get("position_ids").get("shape").toString());
        // the last text token sits after the video's last temporal position (3599 * 2 = 7198 on t)
        int base = 8 + headerLength + header.get("position_ids").get("data_offsets").get(0).asInt();
        int last = buf.getInt(base + 4 * (length - 1));
        JsonNode meta = JSON.readTree(header.get("__metadata__").get("sequences").asString());
        assertEquals(last, meta.get(0).get("max_position").asInt());
        assertTrue(last > 21 + 7198, "t of the last token: " + last);
    }

    @ParameterizedTest
    @CsvSource({"0, 5", "7, 9", "3, 1"})
    void aRangeIsTheSliceOfTheWholeAnswer(int start, int length) throws Exception {
        String whole = batch("hf-4.51", "left", ROW_A, ROW_B);
        JsonNode all = ok(whole);
        String ranged = whole.replace("{\"model\"", "{\"range\": {\"start\": " + start + ", \"length\": " + length
                + "}, \"model\"");
        JsonNode part = ok(ranged);
        assertEquals(start, part.get("range").get("start").asInt());
        assertEquals(all.get("length"), part.get("length"));
        for (int a = 0; a < 3; a++) {
            for (int r = 0; r < 2; r++) {
                JsonNode row = part.get("position_ids").get(a).get(r);
                assertEquals(length, row.size());
                for (int i = 0; i < length; i++) {
                    assertEquals(all.get("position_ids").get(a).get(r).get(start + i), row.get(i));
                }
            }
        }
        assertEquals(all.get("rope_deltas"), part.get("rope_deltas"));
        assertEquals(all.get("sequences"), part.get("sequences"));
        problem(ranged.replace("\"length\": " + length + "}", "\"length\": 1000}"), 422, "/range");
        problem(ranged.replace("\"start\": " + start, "\"start\": -1"), 422, "/range/start");
    }

    static java.util.stream.Stream<String> schemesWithBlocks() {
        return dev.posplan.planners.SchemeRegistry.all().stream().filter(d -> d.onDemand().blocks())
                .map(dev.posplan.planners.SchemeDeclaration::name);
    }

    /** Blocks expand, by the documented sums, to exactly the dense answer of the same batch. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("schemesWithBlocks")
    void blocksExpandToTheDenseAnswer(String scheme) throws Exception {
        String rows = """
                [{"parts": [{"type": "text", "tokens": 3}, {"type": "image", "grid": [1, 2, 3]},
                            {"type": "text", "tokens": 2}]},
                 {"parts": [{"type": "text", "tokens": 5}, {"type": "image", "grid": [1, 4, 4]},
                            {"type": "text", "tokens": 1}, {"type": "image", "grid": [1, 2, 2]}]}]""";
        String body = "{\"scheme\": \"" + scheme + "\", \"decode_steps\": 1, \"sequences\": " + rows + "}";
        JsonNode dense = ok(body);
        JsonNode blocks = ok(body.replace("{\"scheme\"", "{\"layout\": \"blocks\", \"scheme\""));
        assertEquals("blocks", blocks.get("layout").asString());
        assertTrue(blocks.get("position_ids") == null);
        int axes = dense.get("axes").size();
        int length = dense.get("length").asInt();
        for (int r = 0; r < 2; r++) {
            long[][] out = new long[axes][length];
            int covered = 0;
            for (JsonNode part : blocks.get("blocks").get(r)) {
                int start = part.get("start").asInt();
                if (part.has("grid")) {
                    int t = part.get("grid").get(0).asInt();
                    int h = part.get("grid").get(1).asInt();
                    int w = part.get("grid").get(2).asInt();
                    for (int a = 0; a < axes; a++) {
                        int k = start;
                        for (int it = 0; it < t; it++) {
                            for (int ih = 0; ih < h; ih++) {
                                for (int iw = 0; iw < w; iw++) {
                                    out[a][k++] = part.get("t").get(a).get(it).asLong()
                                            + part.get("h").get(a).get(ih).asLong() + part.get("w").get(a).get(iw).asLong();
                                }
                            }
                        }
                    }
                    covered += t * h * w;
                } else {
                    int n = part.get("length").asInt();
                    for (int a = 0; a < axes; a++) {
                        for (int k = 0; k < n; k++) {
                            out[a][start + k] = part.get("base").get(a).asLong() + k * part.get("step").get(a).asLong();
                        }
                    }
                    covered += n;
                }
            }
            assertEquals(length, covered, "row " + r + " is covered");
            for (int a = 0; a < axes; a++) {
                for (int i = 0; i < length; i++) {
                    assertEquals(dense.get("position_ids").get(a).get(r).get(i).asLong(), out[a][i],
                            scheme + " row " + r + " axis " + a + " token " + i);
                }
            }
        }
        assertEquals(dense.get("rope_deltas"), blocks.get("rope_deltas"));
        assertEquals(dense.get("sequences"), blocks.get("sequences"));
    }

    @Test
    void aLongNameIsNotEchoed() throws Exception {
        String name = "m".repeat(5000);
        JsonNode p = problem("{\"model\": \"" + name + "\", \"sequences\": [{\"input_ids\": [1]}]}", 422, "/model");
        assertTrue(p.get("detail").asString().length() < 300, p.get("detail").asString());
    }

    @Test
    void messagesPlanAsTheTokenIdsTheyBecome() throws Exception {
        Assumptions.assumeTrue(System.getenv("POSPLAN_QWEN_TOKENIZER") != null
                && !System.getenv("POSPLAN_QWEN_TOKENIZER").isBlank(), "POSPLAN_QWEN_TOKENIZER is not set (.ci/run sets it)");
        String body = """
                {"model": "qwen2.5-vl", "return_input_ids": true, "sequences": [{"messages": [
                  {"role": "user", "content": [{"type": "image", "width": 448, "height": 448},
                                               {"type": "text", "text": "What is this?"}]}]}]}""";
        JsonNode chat = ok(body);
        ArrayNode ids = (ArrayNode) chat.get("sequences").get(0).get("input_ids");
        int pads = 0;
        for (JsonNode id : ids) {
            pads += id.asInt() == 151655 ? 1 : 0;
        }
        assertEquals(256, pads); // 448 x 448: [1, 32, 32] patches, merged 16 x 16
        ObjectNode same = JSON.createObjectNode();
        same.put("model", "qwen2.5-vl");
        same.putArray("sequences").addObject().set("input_ids", ids);
        same.putArray("image_grid_thw").addArray().add(1).add(32).add(32);
        JsonNode byIds = ok(same.toString());
        assertEquals(chat.get("position_ids"), byIds.get("position_ids"));
        assertEquals(chat.get("rope_deltas"), byIds.get("rope_deltas"));
        JsonNode text = ok("""
                {"model": "qwen2.5-vl", "sequences": [{"parts": [{"type": "text", "text": "What is this?"}]}]}""");
        assertTrue(text.get("length").asInt() >= 3);
    }
}
