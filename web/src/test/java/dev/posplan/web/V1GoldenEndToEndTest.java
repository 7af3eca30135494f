package dev.posplan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The real application on a random port gives every Qwen golden case back exactly, sent as what a backend holds
 * ({@code input_ids}, mask, batch-level grids) under each reference implementation's {@code compat}: position ids
 * on every slot the reference fills, rope_deltas and decode positions, in JSON, safetensors and npz.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class V1GoldenEndToEndTest extends HttpSupport {

    private static final Map<String, String> COMPAT = Map.of("transformers_v4_51", "hf-4.51",
            "transformers_v4_57", "hf-4.57", "transformers_main", "hf-main", "vllm", "vllm");
    private static final Map<String, String> MODEL = Map.of("qwen2_vl", "qwen2-vl", "qwen2_5_vl", "qwen2.5-vl",
            "qwen3_vl", "qwen3-vl");

    static Path golden(String family) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared").resolve("golden").resolve(family);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("golden files not found: expected ../shared/golden beside the repository");
    }

    @TestFactory
    Stream<DynamicTest> everyQwenCaseAsInputIds() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(golden("qwen"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode g = JSON.readTree(file.toFile());
                if (!g.has("input_ids")) {
                    continue;
                }
                for (Map.Entry<String, JsonNode> impl : g.get("impls").properties()) {
                    String name = file.getFileName() + " " + impl.getKey();
                    tests.add(DynamicTest.dynamicTest(name, () -> check(g, impl.getKey(), impl.getValue())));
                }
            }
        }
        assertTrue(tests.size() > 100, "golden cases found: " + tests.size());
        return tests.stream();
    }

    private void check(JsonNode g, String impl, JsonNode expected) throws Exception {
        JsonNode decode = expected.path("decode");
        int steps = decode.path("steps").asInt(0);
        String body = request(g, COMPAT.get(impl), steps);
        HttpResponse<String> r = post("/v1/plans", body);
        if (expected.has("error")) {
            assertEquals(422, r.statusCode(), r.body());
            assertTrue(contentType(r).startsWith("application/problem+json"), contentType(r));
            return;
        }
        assertEquals(200, r.statusCode(), r.body());
        JsonNode answer = json(r);
        JsonNode want = expected.get("position_ids");
        assertSlots(want, answer.get("position_ids"), "json position_ids");
        assertEquals(expected.get("rope_deltas"), answer.get("rope_deltas"), "rope_deltas");
        JsonNode decodeWant = decode.has("generate_position_ids") ? decode.get("generate_position_ids")
                : decode.get("derived_position_ids");
        if (decodeWant != null) {
            assertEquals(decodeWant, answer.get("decode_position_ids"), "decode_position_ids");
        }

        Map<String, int[]> st = safetensors(binary(body, "safetensors"));
        assertSlots(want, st.get("position_ids"), shape(answer), "safetensors position_ids");
        assertInts(expected.get("rope_deltas"), st.get("rope_deltas"), "safetensors rope_deltas");
        Map<String, int[]> npz = npz(binary(body, "npz"));
        assertSlots(want, npz.get("position_ids"), shape(answer), "npz position_ids");
        assertInts(expected.get("rope_deltas"), npz.get("rope_deltas"), "npz rope_deltas");
    }

    /**
     * VRoPE's reference cases as parts (their layouts give merged grids), planned with the reference's head
     * size and answered as int64: positions and the next positions, in JSON and safetensors.
     */
    @TestFactory
    Stream<DynamicTest> vropeCasesAsParts() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(golden("vrope"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode g = JSON.readTree(file.toFile());
                if (g.get("layout").toString().contains("shared_text")) {
                    continue; // VRoPE's shared-text suffixes are a library call, not a prompt part
                }
                tests.add(DynamicTest.dynamicTest(file.getFileName().toString(), () -> checkParts(g)));
            }
        }
        assertTrue(tests.size() >= 10, "vrope cases found: " + tests.size());
        return tests.stream();
    }

    private void checkParts(JsonNode g) throws Exception {
        ObjectNode req = JSON.createObjectNode();
        req.put("scheme", "vrope");
        req.putObject("params").put("head_dim", 2 * g.get("params").get("half_head_dim").asInt());
        req.put("dtype", "int64");
        JsonNode next = g.get("decode").get("next_positions");
        req.put("decode_steps", next.size());
        var parts = req.putArray("sequences").addObject().putArray("parts");
        for (JsonNode seg : g.get("layout").get("segments")) {
            ObjectNode part = parts.addObject().put("type", seg.get("type").asString());
            if (seg.has("tokens")) {
                part.put("tokens", seg.get("tokens").asInt());
            } else {
                part.set("grid", seg.get("grid_thw")); // the layout's grids count placeholder tokens
            }
        }
        JsonNode answer = ok(req.toString());
        JsonNode values = g.get("position_ids").get("values");
        for (int a = 0; a < values.size(); a++) {
            assertEquals(values.get(a), answer.get("position_ids").get(a).get(0), "axis " + a);
            assertEquals(next, answer.get("decode_position_ids").get(a).get(0), "decode axis " + a);
        }
        byte[] st = binary(req.toString(), "safetensors");
        int headerLength = (int) ByteBuffer.wrap(st).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        JsonNode header = JSON.readTree(new String(st, 8, headerLength, StandardCharsets.UTF_8));
        assertEquals("I64", header.get("position_ids").get("dtype").asString());
        ByteBuffer data = ByteBuffer.wrap(st).order(ByteOrder.LITTLE_ENDIAN);
        int base = 8 + headerLength + header.get("position_ids").get("data_offsets").get(0).asInt();
        int length = values.get(0).size();
        for (int a = 0; a < values.size(); a++) {
            for (int i = 0; i < length; i++) {
                assertEquals(values.get(a).get(i).asLong(), data.getLong(base + 8 * (a * length + i)),
                        "safetensors axis " + a + " token " + i);
            }
        }
    }

    private JsonNode ok(String body) throws Exception {
        HttpResponse<String> r = post("/v1/plans", body);
        assertEquals(200, r.statusCode(), r.body());
        return json(r);
    }

    /** The golden's processor outputs as a /v1/plans request naming the family's model and the impl's compat. */
    static String request(JsonNode g, String compat, int steps) {
        ObjectNode req = JSON.createObjectNode();
        req.put("model", MODEL.get(g.get("family").asString()));
        req.putObject("params").put("compat", compat);
        var sequences = req.putArray("sequences");
        for (int b = 0; b < g.get("input_ids").size(); b++) {
            ObjectNode s = sequences.addObject();
            s.set("input_ids", g.get("input_ids").get(b));
            if (g.hasNonNull("attention_mask")) {
                s.set("attention_mask", g.get("attention_mask").get(b));
            }
        }
        for (String field : List.of("image_grid_thw", "video_grid_thw", "second_per_grid_ts")) {
            if (g.hasNonNull(field)) {
                req.set(field, g.get(field));
            }
        }
        req.put("decode_steps", steps);
        return req.toString();
    }

    /** Every non-null slot of the reference's {@code [axes][B][L]} equals the answer's. */
    private static void assertSlots(JsonNode want, JsonNode got, String what) {
        assertEquals(want.size(), got.size(), what + " axes");
        for (int a = 0; a < want.size(); a++) {
            assertEquals(want.get(a).size(), got.get(a).size(), what + " batch");
            for (int b = 0; b < want.get(a).size(); b++) {
                JsonNode w = want.get(a).get(b);
                assertEquals(w.size(), got.get(a).get(b).size(), what + " length");
                for (int i = 0; i < w.size(); i++) {
                    if (!w.get(i).isNull()) {
                        assertEquals(w.get(i).asLong(), got.get(a).get(b).get(i).asLong(),
                                what + " axis " + a + " row " + b + " token " + i);
                    }
                }
            }
        }
    }

    private static void assertSlots(JsonNode want, int[] flat, int[] shape, String what) {
        assertEquals(shape[0] * shape[1] * shape[2], flat.length, what + " size");
        for (int a = 0; a < shape[0]; a++) {
            for (int b = 0; b < shape[1]; b++) {
                for (int i = 0; i < shape[2]; i++) {
                    JsonNode w = want.get(a).get(b).get(i);
                    if (!w.isNull()) {
                        assertEquals(w.asLong(), flat[(a * shape[1] + b) * shape[2] + i],
                                what + " axis " + a + " row " + b + " token " + i);
                    }
                }
            }
        }
    }

    private static void assertInts(JsonNode want, int[] got, String what) {
        assertEquals(want.size(), got.length, what);
        for (int i = 0; i < got.length; i++) {
            assertEquals(want.get(i).asLong(), got[i], what + "[" + i + "]");
        }
    }

    private static int[] shape(JsonNode answer) {
        return new int[] {answer.get("axes").size(), answer.get("batch").asInt(), answer.get("length").asInt()};
    }

    byte[] binary(String body, String format) throws Exception {
        HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                uri("/v1/plans?format=" + format)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
        return r.body();
    }

    /** The int32 tensors of a safetensors file, by name (an independent reader of the format). */
    static Map<String, int[]> safetensors(byte[] data) {
        ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = (int) buf.getLong(0);
        JsonNode header = JSON.readTree(new String(data, 8, headerLength, StandardCharsets.UTF_8));
        Map<String, int[]> out = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : header.properties()) {
            if (e.getKey().equals("__metadata__") || !e.getValue().get("dtype").asString().equals("I32")) {
                continue;
            }
            int begin = e.getValue().get("data_offsets").get(0).asInt();
            int end = e.getValue().get("data_offsets").get(1).asInt();
            int[] values = new int[(end - begin) / 4];
            for (int i = 0; i < values.length; i++) {
                values[i] = buf.getInt(8 + headerLength + begin + 4 * i);
            }
            out.put(e.getKey(), values);
        }
        return out;
    }

    /** The little-endian int32 arrays of an uncompressed npz, by name. */
    static Map<String, int[]> npz(byte[] data) throws Exception {
        Map<String, int[]> out = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(data))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                byte[] npy = zip.readAllBytes();
                ByteBuffer buf = ByteBuffer.wrap(npy).order(ByteOrder.LITTLE_ENDIAN);
                int headerLength = buf.getShort(8) & 0xffff;
                String header = new String(npy, 10, headerLength, StandardCharsets.US_ASCII);
                if (!header.contains("'<i4'")) {
                    continue;
                }
                int[] values = new int[(npy.length - 10 - headerLength) / 4];
                for (int i = 0; i < values.length; i++) {
                    values[i] = buf.getInt(10 + headerLength + 4 * i);
                }
                out.put(e.getName().replace(".npy", ""), values);
            }
        }
        return out;
    }
}
