package dev.posplan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The real application on a random port gives every GLM-4.1V, ERNIE-4.5-VL, Bailing and Qwen-Omni golden case
 * back exactly, sent as a backend holds it ({@code input_ids}, mask, batch-level grids; Omni: float32
 * {@code second_per_grid_ts}, {@code audio_seqlens}, {@code use_audio_in_video}) to the family's model preset:
 * every slot the reference fills, rope_deltas and the decode positions, in JSON and safetensors (negative
 * Bailing positions as int32, Qwen3-Omni positions as float32 bits).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class V1FamiliesEndToEndTest extends HttpSupport {

    /** A family's folder under ../shared/golden or, while not yet moved, ../shared/golden-incoming. */
    static Path golden(String family) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            for (String root : List.of("golden", "golden-incoming")) {
                Path candidate = d.resolve("shared").resolve(root).resolve(family);
                if (Files.isDirectory(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("golden files of " + family + " not found beside the repository");
    }

    static List<JsonNode> cases(String family, String prefix) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(golden(family))) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.toString().endsWith(".json")).sorted().toList()) {
                out.add(JSON.readTree(f.toFile()));
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> glmCases() throws Exception {
        return batchCases("glm4v", "g", "glm-4.1v");
    }

    @TestFactory
    Stream<DynamicTest> ernieCases() throws Exception {
        return batchCases("ernie45_vl", "e", "ernie-4.5-vl");
    }

    @TestFactory
    Stream<DynamicTest> bailingCases() throws Exception {
        return batchCases("bailing", "b", "ming");
    }

    /**
     * ERNIE's earlier transformers version as a compat mode, and a request naming only the scheme: the same
     * ids read with the family's token ids, the positions of the file's {@code transformers_prev} cross-check.
     */
    @TestFactory
    Stream<DynamicTest> ernieEarlierTransformersBySchemeAlone() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode g : cases("ernie45_vl", "e")) {
            tests.add(DynamicTest.dynamicTest(g.get("case").asString(), () -> {
                JsonNode in = g.get("inputs");
                ObjectNode req = JSON.createObjectNode();
                req.put("scheme", "ernie45-vl");
                req.putObject("params").put("compat", "transformers-prev");
                ArrayNode sequences = req.putArray("sequences");
                for (int b = 0; b < in.get("input_ids").size(); b++) {
                    sequences.addObject().set("input_ids", in.get("input_ids").get(b));
                    ((ObjectNode) sequences.get(b)).set("attention_mask", in.get("attention_mask").get(b));
                }
                for (String field : List.of("image_grid_thw", "video_grid_thw")) {
                    if (in.hasNonNull(field)) {
                        req.set(field, in.get(field));
                    }
                }
                JsonNode answer = ok(req.toString());
                JsonNode prev = g.get("cross_check").get("transformers_prev");
                JsonNode mask = in.get("attention_mask");
                for (int a = 0; a < 3; a++) {
                    for (int b = 0; b < mask.size(); b++) {
                        for (int i = 0; i < mask.get(b).size(); i++) {
                            if (mask.get(b).get(i).asInt() == 1) {
                                assertEquals(prev.get("position_ids").get(a).get(b).get(i).asLong(),
                                        answer.get("position_ids").get(a).get(b).get(i).asLong(),
                                        "axis " + a + " row " + b + " token " + i);
                            }
                        }
                    }
                }
                for (int b = 0; b < mask.size(); b++) {
                    assertEquals(prev.get("rope_deltas").get(b).get(0).asLong(), answer.get("rope_deltas").get(b).asLong(),
                            "rope_deltas row " + b);
                }
            }));
        }
        return tests.stream();
    }

    private Stream<DynamicTest> batchCases(String folder, String prefix, String model) throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode g : cases(folder, prefix)) {
            tests.add(DynamicTest.dynamicTest(g.get("case").asString(), () -> checkBatch(g, model)));
        }
        assertTrue(tests.size() >= 16, folder + " cases: " + tests.size());
        return tests.stream();
    }

    /** A batch-schema golden as input_ids to the model, in JSON and safetensors. */
    private void checkBatch(JsonNode g, String model) throws Exception {
        JsonNode in = g.get("inputs");
        ObjectNode req = JSON.createObjectNode();
        req.put("model", model);
        JsonNode config = g.get("model_config");
        if (config.has("use_interleaved_frame_timestamp") && !config.get("use_interleaved_frame_timestamp").asBoolean()) {
            req.put("format", "bailing");
        }
        JsonNode next = g.get("decode").get("next_positions");
        req.put("decode_steps", next.get(0).get(0).size());
        ArrayNode sequences = req.putArray("sequences");
        for (int b = 0; b < in.get("input_ids").size(); b++) {
            ObjectNode s = sequences.addObject();
            ArrayNode ids = s.putArray("input_ids");
            for (JsonNode id : in.get("input_ids").get(b)) {
                ids.add(id.isNull() ? 0 : id.asInt()); // Bailing's ragged rows: masked stand-ins
            }
            s.set("attention_mask", in.get("attention_mask").get(b));
        }
        for (String field : List.of("image_grid_thw", "video_grid_thw")) {
            if (in.hasNonNull(field)) {
                req.set(field, in.get(field));
            }
        }
        String body = req.toString();
        JsonNode answer = ok(body);
        JsonNode mask = in.get("attention_mask");
        JsonNode want = g.get("position_ids").get("values");
        int[] shape = {3, mask.size(), mask.get(0).size()};
        assertEquals(shape[2], answer.get("length").asInt(), "length");
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < shape[1]; b++) {
                for (int i = 0; i < shape[2]; i++) {
                    if (mask.get(b).get(i).asInt() == 1) {
                        assertEquals(want.get(a).get(b).get(i).asLong(), answer.get("position_ids").get(a).get(b).get(i)
                                .asLong(), "axis " + a + " row " + b + " token " + i);
                    }
                }
                assertEquals(next.get(a).get(b), answer.get("decode_position_ids").get(a).get(b), "decode");
            }
        }
        JsonNode deltas = g.get("rope_deltas").get("values");
        for (int b = 0; b < shape[1]; b++) {
            assertEquals(deltas.get(b).get(0).asLong(), answer.get("rope_deltas").get(b).asLong(), "rope_deltas " + b);
        }
        Tensor st = safetensors(binary(body, "safetensors"), "position_ids");
        assertEquals("I32", st.dtype);
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < shape[1]; b++) {
                for (int i = 0; i < shape[2]; i++) {
                    if (mask.get(b).get(i).asInt() == 1) {
                        assertEquals(want.get(a).get(b).get(i).asInt(), st.data.getInt(4 * ((a * shape[1] + b) * shape[2]
                                + i)), "safetensors axis " + a + " row " + b + " token " + i);
                    }
                }
            }
        }
    }

    /**
     * GLM's single-row layouts as parts to {@code glm-4.1v}: merged grids, videos with their frames' seconds
     * (written as the digits of {@code int(t)} after each frame), the same positions as the reference's.
     */
    @TestFactory
    Stream<DynamicTest> glmLayoutsAsParts() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode g : cases("glm4v", "g")) {
            if (g.get("batch_size").asInt() == 1) {
                tests.add(DynamicTest.dynamicTest(g.get("case").asString(), () -> {
                    ObjectNode req = JSON.createObjectNode();
                    req.put("model", "glm-4.1v");
                    ArrayNode parts = req.putArray("sequences").addObject().putArray("parts");
                    for (JsonNode seg : g.get("layout").get("rows").get(0)) {
                        ObjectNode part = parts.addObject().put("type", seg.get("type").asString());
                        if (seg.has("tokens")) {
                            part.put("tokens", seg.get("tokens").asInt());
                        } else {
                            part.set("grid", seg.get("grid_thw"));
                            if (seg.has("timestamps")) {
                                part.set("timestamps", seg.get("timestamps"));
                            }
                        }
                    }
                    JsonNode answer = ok(req.toString());
                    assertEquals(g.get("position_ids").get("values"), answer.get("position_ids"));
                }));
            }
        }
        assertTrue(tests.size() >= 10, "glm single-row cases: " + tests.size());
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> omniCases() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode g : cases("qwen_omni", "qwen")) {
            tests.add(DynamicTest.dynamicTest(g.get("name").asString(), () -> checkOmni(g)));
        }
        assertTrue(tests.size() >= 40, "qwen_omni cases: " + tests.size());
        return tests.stream();
    }

    /** An Omni golden as the processor's outputs, compared where the mask is 1 (float32 bits for Qwen3-Omni). */
    private void checkOmni(JsonNode g) throws Exception {
        boolean qwen3 = g.get("family").asString().equals("qwen3_omni_moe");
        ObjectNode req = JSON.createObjectNode();
        req.put("model", qwen3 ? "qwen3-omni" : "qwen2.5-omni");
        ArrayNode sequences = req.putArray("sequences");
        for (int b = 0; b < g.get("input_ids").size(); b++) {
            ObjectNode s = sequences.addObject();
            s.set("input_ids", g.get("input_ids").get(b));
            s.set("attention_mask", g.get("attention_mask").get(b));
        }
        for (String field : List.of("image_grid_thw", "video_grid_thw", "audio_seqlens")) {
            if (g.hasNonNull(field)) {
                req.set(field, g.get(field));
            }
        }
        if (g.hasNonNull("video_second_per_grid_float32")) {
            req.set("second_per_grid_ts", g.get("video_second_per_grid_float32"));
        }
        req.put("use_audio_in_video", g.get("use_audio_in_video").asBoolean());
        String body = req.toString();
        JsonNode answer = ok(body);
        assertEquals(qwen3 ? "float32" : "int32", answer.get("dtype").asString());
        JsonNode mask = g.get("attention_mask");
        JsonNode want = g.get("position_ids");
        int rows = mask.size();
        int length = mask.get(0).size();
        Tensor st = safetensors(binary(body, "safetensors"), "position_ids");
        assertEquals(qwen3 ? "F32" : "I32", st.dtype);
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < rows; b++) {
                for (int i = 0; i < length; i++) {
                    if (mask.get(b).get(i).asInt() != 1) {
                        continue;
                    }
                    String at = "axis " + a + " row " + b + " token " + i;
                    JsonNode w = want.get(a).get(b).get(i);
                    JsonNode got = answer.get("position_ids").get(a).get(b).get(i);
                    int slot = 4 * ((a * rows + b) * length + i);
                    if (qwen3) {
                        int bits = Float.floatToIntBits((float) w.asDouble());
                        assertEquals(bits, Float.floatToIntBits(got.decimalValue().floatValue()), "json " + at);
                        assertEquals(bits, Float.floatToIntBits(st.data.getFloat(slot)), "safetensors " + at);
                    } else {
                        assertEquals(w.asLong(), got.asLong(), "json " + at);
                        assertEquals(w.asInt(), st.data.getInt(slot), "safetensors " + at);
                    }
                }
            }
        }
        for (int b = 0; b < rows; b++) {
            JsonNode w = g.get("rope_deltas").get(b);
            JsonNode got = answer.get("rope_deltas").get(b);
            if (qwen3) {
                assertEquals(Float.floatToIntBits((float) w.asDouble()), Float.floatToIntBits(got.decimalValue()
                        .floatValue()), "rope_deltas " + b);
            } else {
                assertEquals(w.asLong(), got.asLong(), "rope_deltas " + b);
            }
        }
    }

    /**
     * The Omni goldens' layouts as parts to the model: audio by mel frames, a video's audio track by its mel
     * frames, images and videos by processor grid_thw with second_per_grid_t = 2 / fps: the same positions as
     * from input_ids.
     */
    @TestFactory
    Stream<DynamicTest> omniLayoutsAsParts() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode g : cases("qwen_omni", "qwen")) {
            if (g.get("batch_size").asInt() == 1) {
                tests.add(DynamicTest.dynamicTest(g.get("name").asString(), () -> checkOmniParts(g)));
            }
        }
        assertTrue(tests.size() >= 20, "qwen_omni single-row cases: " + tests.size());
        return tests.stream();
    }

    private void checkOmniParts(JsonNode g) throws Exception {
        boolean qwen3 = g.get("family").asString().equals("qwen3_omni_moe");
        boolean audioInVideo = g.get("layout").get("use_audio_in_video").asBoolean();
        ObjectNode req = JSON.createObjectNode();
        req.put("model", qwen3 ? "qwen3-omni" : "qwen2.5-omni");
        ArrayNode parts = req.putArray("sequences").addObject().putArray("parts");
        for (JsonNode seg : g.get("layout").get("rows").get(0)) {
            ObjectNode part = parts.addObject().put("type", seg.get("type").asString());
            switch (seg.get("type").asString()) {
                case "text" -> part.put("tokens", seg.get("n").asInt());
                case "audio" -> part.put("mel_frames", seg.get("mel_frames").asInt());
                case "image" -> part.set("grid_thw", seg.get("grid_thw"));
                default -> {
                    part.set("grid_thw", seg.get("grid_thw"));
                    part.put("second_per_grid_t", seg.has("spg") ? seg.get("spg").asDouble()
                            : 2.0 / seg.get("fps").asDouble());
                    if (audioInVideo && seg.has("audio_mel_frames")) {
                        part.putObject("audio").put("mel_frames", seg.get("audio_mel_frames").asInt());
                    }
                }
            }
        }
        req.put("return_input_ids", true);
        JsonNode answer = ok(req.toString());
        JsonNode ids = g.get("input_ids").get(0);
        JsonNode want = g.get("position_ids");
        for (int a = 0; a < 3; a++) {
            for (int i = 0; i < ids.size(); i++) {
                double w = want.get(a).get(0).get(i).asDouble();
                double got = answer.get("position_ids").get(a).get(0).get(i).asDouble();
                assertEquals((float) w, (float) got, "axis " + a + " token " + i);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------

    private JsonNode ok(String body) throws Exception {
        HttpResponse<String> r = post("/v1/plans", body);
        assertEquals(200, r.statusCode(), r.body());
        return json(r);
    }

    byte[] binary(String body, String format) throws Exception {
        HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                uri("/v1/plans?format=" + format)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
        return r.body();
    }

    /** One tensor of a safetensors file: its dtype and its little-endian bytes. */
    record Tensor(String dtype, ByteBuffer data) {
    }

    static Tensor safetensors(byte[] file, String name) {
        ByteBuffer buf = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = (int) buf.getLong(0);
        JsonNode header = JSON.readTree(new String(file, 8, headerLength, StandardCharsets.UTF_8));
        JsonNode t = header.get(name);
        int begin = t.get("data_offsets").get(0).asInt();
        int end = t.get("data_offsets").get(1).asInt();
        ByteBuffer data = ByteBuffer.wrap(file, 8 + headerLength + begin, end - begin).slice()
                .order(ByteOrder.LITTLE_ENDIAN);
        return new Tensor(t.get("dtype").asString(), data);
    }
}
