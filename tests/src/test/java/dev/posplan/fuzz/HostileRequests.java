package dev.posplan.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hostile requests for {@code /v1}, each a mutation of a valid request: a value of another JSON type, an extreme
 * number, deep nesting, a huge array or string, a field left out or unknown, bad UTF-8, a cut or padded body, a
 * wrong content type or {@code Accept}, a huge header or URL. A generator is a pure function of its random
 * source, so a seed reproduces a run.
 */
final class HostileRequests {

    /** One request: on a plain socket ({@link #raw}) when Java's client would refuse to send it. */
    record Hostile(String kind, String path, byte[] body, String contentType, String accept, String header,
            boolean raw) {
        String describe() {
            String text = new String(body, StandardCharsets.UTF_8);
            return kind + " " + path + " " + contentType + " " + (text.length() > 300 ? text.substring(0, 300) + "…"
                    : text);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final List<String> VALID = List.of(
            """
            {"scheme": "mrope", "sequences": [{"parts": [{"type": "text", "tokens": 5},
              {"type": "image", "grid": [1, 2, 2]}, {"type": "video", "grid": [2, 2, 2], "second_per_grid_t": 1.0},
              {"type": "text", "tokens": 2}]}], "decode_steps": 2}""",
            """
            {"model": "qwen2.5-vl", "params": {"compat": "vllm"}, "sequences": [{"parts": [{"type": "text", "tokens": 3},
              {"type": "image", "width": 112, "height": 84}, {"type": "video", "grid_thw": [2, 4, 4],
              "second_per_grid_t": 0.5}]}, {"parts": [{"type": "text", "tokens": 7}]}], "padding_side": "left",
              "dtype": "int64", "range": {"start": 1, "length": 4}}""",
            """
            {"model": "qwen2-vl", "image_grid_thw": [[1, 4, 4]], "sequences": [{"input_ids": [1000, 151652, 151655,
              151655, 151655, 151655, 151653, 1001], "attention_mask": [1, 1, 1, 1, 1, 1, 1, 1]}]}""",
            """
            {"scheme": "mrope-i", "layout": "blocks", "sequences": [{"parts": [{"type": "text", "tokens": 4},
              {"type": "image", "grid": [1, 3, 2]}, {"type": "text", "tokens": 1}]}]}""",
            """
            {"scheme": "tpe2d", "sequences": [{"parts": [{"type": "text", "tokens": 4},
              {"type": "table", "cells": [[1, 2], [1, 1]]}, {"type": "text", "tokens": 3}]}]}""",
            """
            {"scheme": "vrope", "params": {"head_dim": 64}, "return_input_ids": true, "sequences": [{"parts": [
              {"type": "image", "grid": [1, 2, 3]}, {"type": "text", "tokens": 2}]}]}""",
            """
            {"model": "qwen3-vl", "sequences": [{"parts": [{"type": "video", "grid": [2, 2, 2],
              "timestamps": [0.5, 1.5]}, {"type": "text", "tokens": 2}]}]}""",
            // the other families' processors: images by size, videos by frames/fps/size, audio
            """
            {"model": "glm-4.1v", "sequences": [{"parts": [{"type": "text", "tokens": 3}, {"type": "image",
              "width": 300, "height": 200}, {"type": "video", "frames": 20, "fps": 10, "width": 224, "height": 160},
              {"type": "text", "tokens": 2}]}]}""",
            """
            {"model": "ernie-4.5-vl", "params": {"compat": "sglang"}, "sequences": [{"parts": [{"type": "video",
              "frames": 24, "fps": 8, "width": 200, "height": 120}, {"type": "text", "tokens": 2}]}]}""",
            """
            {"model": "ming", "format": "bailing", "sequences": [{"parts": [{"type": "image", "width": 280,
              "height": 300}, {"type": "video", "frames": 12, "fps": 3, "width": 112, "height": 112},
              {"type": "text", "tokens": 2}]}]}""",
            """
            {"model": "qwen2.5-omni", "sequences": [{"parts": [{"type": "audio", "mel_frames": 300}, {"type": "video",
              "frames": 8, "fps": 2, "width": 112, "height": 112, "audio": {"mel_frames": 400}},
              {"type": "text", "tokens": 2}]}]}""",
            """
            {"model": "hunyuan-vl", "sequences": [{"parts": [{"type": "text", "tokens": 2}, {"type": "image",
              "width": 640, "height": 480}, {"type": "text", "tokens": 2}]}]}""");

    private static final String[] PATHS = {"/v1/plans", "/v1/plans", "/v1/plans", "/v1/compare", "/v1/frequencies"};
    private static final double[] EXTREMES = {1e308, -1e308, 1e30, -1e30, 4.9e-324, 1e-320, 2147483648.0,
        -2147483649.0, 9.3e18, 0, -1, 0.5};
    private static final String[] RAW_NUMBERS = {"99999999999999999999", "-99999999999999999999", "1e400", "-0",
        "1" + "0".repeat(1200), "0." + "0".repeat(1200) + "1"};
    private static final String[] CONTENT_TYPES = {"text/plain", "application/xml", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x", "application/json; charset=latin1", "application/problem+json", ""};
    private static final String[] ACCEPTS = {"text/html", "image/png", "application/x-npy", "application/vnd.safetensors",
        "application/x-npz", "*/*;q=0", "application/json;q=oops"};

    private final SplittableRandom random;

    HostileRequests(long seed) {
        this.random = new SplittableRandom(seed);
    }

    Hostile next() {
        String path = PATHS[random.nextInt(PATHS.length)];
        ObjectNode request = (ObjectNode) JSON.readTree(VALID.get(random.nextInt(VALID.size())));
        if (path.equals("/v1/compare")) {
            ArrayNode candidates = request.putArray("candidates");
            candidates.addObject().put("scheme", "mrope");
            candidates.addObject().put("scheme", "mrope-i");
            request.remove("scheme");
            request.remove("params");
            request.remove("layout");
        }
        int kind = random.nextInt(16);
        return switch (kind) {
            case 0, 1 -> json("wrong type", path, replaceRandom(request, this::otherType));
            case 2, 3 -> json("extreme number", path, replaceRandom(request, v -> NODES.numberNode(
                    EXTREMES[random.nextInt(EXTREMES.length)])));
            case 4 -> text("huge number", path, splice(request, RAW_NUMBERS[random.nextInt(RAW_NUMBERS.length)]));
            case 5 -> text("deep nesting", path, splice(request, "[".repeat(50 + random.nextInt(6000))
                    + "]".repeat(random.nextInt(2) == 0 ? 0 : 6100)));
            case 6 -> text("huge array", path, splice(request, hugeArray()));
            case 7 -> text("huge string", path, splice(request, "\"" + "é".repeat(1 + random.nextInt(100_000)) + "\""));
            case 8 -> json("field removed or added", path, removeOrAdd(request));
            case 9 -> badUtf8(path, request.toString().getBytes(StandardCharsets.UTF_8));
            case 10 -> cut(path, request.toString().getBytes(StandardCharsets.UTF_8));
            case 11 -> new Hostile("content type", path, bytes(request.toString()),
                    CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)], "application/json", null, false);
            case 12 -> new Hostile("accept", path, bytes(request.toString()), "application/json",
                    ACCEPTS[random.nextInt(ACCEPTS.length)], null, false);
            case 13 -> new Hostile("huge header", path, bytes(request.toString()), "application/json",
                    "application/json", "X-Fuzz: " + "h".repeat(8_000 + random.nextInt(100_000)), true);
            case 14 -> new Hostile("huge url", path + "?format=" + "u".repeat(8_000 + random.nextInt(20_000)),
                    bytes(request.toString()), "application/json", "application/json", null, true);
            default -> json("many mutations", path, replaceRandom(replaceRandom(request, this::otherType),
                    v -> NODES.numberNode(EXTREMES[random.nextInt(EXTREMES.length)])));
        };
    }

    private Hostile json(String kind, String path, JsonNode body) {
        return text(kind, path, body.toString());
    }

    private Hostile text(String kind, String path, String body) {
        return new Hostile(kind, path, bytes(body), "application/json", "application/json", null, false);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A copy of {@code root} with one randomly chosen value (at any depth) replaced. */
    private JsonNode replaceRandom(JsonNode root, java.util.function.UnaryOperator<JsonNode> replacement) {
        JsonNode copy = root.deepCopy();
        List<JsonNode[]> slots = new ArrayList<>(); // {container, key or index}
        collect(copy, slots);
        JsonNode[] slot = slots.get(random.nextInt(slots.size()));
        JsonNode container = slot[0];
        JsonNode old = slot[1].isString() ? container.get(slot[1].asString()) : container.get(slot[1].asInt());
        JsonNode value = replacement.apply(old);
        if (container instanceof ObjectNode o) {
            o.set(slot[1].asString(), value);
        } else {
            ((ArrayNode) container).set(slot[1].asInt(), value);
        }
        return copy;
    }

    private static void collect(JsonNode node, List<JsonNode[]> slots) {
        if (node instanceof ObjectNode o) {
            for (String name : o.propertyNames()) {
                slots.add(new JsonNode[] {o, NODES.stringNode(name)});
                collect(o.get(name), slots);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                slots.add(new JsonNode[] {a, NODES.numberNode(i)});
                collect(a.get(i), slots);
            }
        }
    }

    private JsonNode otherType(JsonNode v) {
        return switch (random.nextInt(7)) {
            case 0 -> NODES.stringNode(v == null ? "x" : v.toString());
            case 1 -> NODES.numberNode(random.nextInt(2) == 0 ? random.nextInt() : random.nextDouble() * 1e6);
            case 2 -> NODES.booleanNode(random.nextBoolean());
            case 3 -> NODES.nullNode();
            case 4 -> NODES.arrayNode().add(v == null ? NODES.nullNode() : v.deepCopy());
            case 5 -> NODES.objectNode().set("value", v == null ? NODES.nullNode() : v.deepCopy());
            default -> NODES.arrayNode();
        };
    }

    /** Up to about 1.2 MB of numbers: some bodies pass the body limit, some do not. */
    private String hugeArray() {
        int n = random.nextInt(8) == 0 ? 600_000 : 1_000 + random.nextInt(100_000);
        String value = random.nextInt(4) == 0 ? "2147483647" : Integer.toString(random.nextInt(10));
        return "[" + (value + ",").repeat(n) + value + "]";
    }

    private JsonNode removeOrAdd(ObjectNode request) {
        ObjectNode copy = request.deepCopy();
        List<JsonNode[]> slots = new ArrayList<>();
        collect(copy, slots);
        List<JsonNode[]> members = slots.stream().filter(s -> s[0] instanceof ObjectNode).toList();
        JsonNode[] slot = members.get(random.nextInt(members.size()));
        ObjectNode owner = (ObjectNode) slot[0];
        if (random.nextBoolean()) {
            owner.remove(slot[1].asString());
        } else {
            owner.put("unknown_" + random.nextInt(1000), 1);
        }
        return copy;
    }

    /** The body with a random value's text replaced by {@code text} (which need not be valid JSON). */
    private String splice(ObjectNode request, String text) {
        String marker = "\"__splice__\"";
        String body = replaceRandom(request, v -> NODES.stringNode("__splice__")).toString();
        return body.replace(marker, text);
    }

    private Hostile badUtf8(String path, byte[] body) {
        byte[][] bad = {{(byte) 0xC3, (byte) 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF0, (byte) 0x28, (byte) 0x8C, (byte) 0x28}, {(byte) 0xC0, (byte) 0xAF}, {0}};
        byte[] insert = bad[random.nextInt(bad.length)];
        int at = random.nextInt(body.length);
        byte[] out = new byte[body.length + insert.length];
        System.arraycopy(body, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(body, at, out, at + insert.length, body.length - at);
        return new Hostile("bad UTF-8", path, out, "application/json", "application/json", null, false);
    }

    private Hostile cut(String path, byte[] body) {
        int at = random.nextInt(body.length);
        byte[] out = random.nextBoolean() ? java.util.Arrays.copyOf(body, at)
                : (new String(body, StandardCharsets.UTF_8) + (random.nextBoolean() ? " {}" : " garbage"))
                        .getBytes(StandardCharsets.UTF_8);
        return new Hostile("cut or padded", path, out, "application/json", "application/json", null, false);
    }
}
