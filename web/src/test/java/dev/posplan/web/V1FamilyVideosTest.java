package dev.posplan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * Videos by {@code frames}/{@code fps}/size for the GLM, ERNIE, Qwen2.5-Omni and Ming presets over HTTP: each plan
 * is the plan of the same request given as the processor's {@code grid_thw} (with GLM's frame timestamps and
 * Omni's {@code second_per_grid_t}) that the reference processor produces — the grids worked out by hand in
 * {@code FamilyVideoProcessorTest} — and bad values are 422 problems naming the field. The two longest videos
 * exceed the JSON answer's limit: their plans ask for the first 20,000 slots (rope_deltas and decode positions
 * still cover the rest).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class V1FamilyVideosTest extends HttpSupport {

    private static final String PLAN = """
            {"model": "%s", "decode_steps": 3,%s "sequences": [{"parts": [
              {"type": "text", "tokens": 3}, %s, {"type": "text", "tokens": 2}]}]}""";

    private JsonNode plan(String model, String video) throws Exception {
        return plan(model, video, 0);
    }

    /** A plan of the first {@code window} slots, or of all when 0. */
    private JsonNode plan(String model, String video, int window) throws Exception {
        String range = window == 0 ? "" : " \"range\": {\"start\": 0, \"length\": " + window + "},";
        HttpResponse<String> r = post("/v1/plans", PLAN.formatted(model, range, video));
        assertEquals(200, r.statusCode(), r.body());
        return json(r);
    }

    /**
     * GLM 60 frames at 30 fps: frames 0, 15, 30, 45 → [2, 34, 46], timed 0 s and 1 s; 9000 frames at 25 fps
     * (360 s): 600 frames shrunk to [300, 16, 22], the first of each pair at ceil(i·360/599·25)/25 s — given
     * here as seconds whose int() is what GLM writes. ERNIE 7 frames → 8 raw frames [8, 34, 46]; 900 frames
     * at 1920 x 1080 → [180, 50, 92]. Qwen2.5-Omni 60 frames → [2, 34, 46] at 1.0 s per patch; 100,000
     * frames at 1920 x 1080 → [384, 24, 46]. The UI builder's video template (16 frames at 2 fps, 448 x 448):
     * GLM frames 0..15, 448 = 16·28 kept, [8, 32, 32] timed 0..7 s; ERNIE 448² = 200,704 under 234,416, beta =
     * sqrt(234,416 / 200,704) = 1.0807, ceil(448·1.0807/28 = 17.3)·28 = 504: [16, 36, 36]; Omni 16 frames,
     * 448² within [100,352, 602,112]: [8, 32, 32].
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            glm-4.1v     | 60     | 30 | 640  | 480  | 0     | {"type": "video", "grid_thw": [2, 34, 46], "timestamps": [0.0, 1.0]}
            glm-4.5v     | 11     | 1  | 640  | 480  | 0     | {"type": "video", "grid_thw": [6, 34, 46], "timestamps": [0, 2, 4, 6, 8, 10]}
            glm-4.1v     | 60     | 30 | 20   | 10   | 0     | {"type": "video", "grid_thw": [2, 4, 6], "timestamps": [0, 1]}
            ernie-4.5-vl | 7      | 30 | 640  | 480  | 0     | {"type": "video", "grid_thw": [8, 34, 46]}
            ernie-4.5-vl | 900    | 30 | 1920 | 1080 | 20000 | {"type": "video", "grid_thw": [180, 50, 92]}
            qwen2.5-omni | 60     | 30 | 640  | 480  | 0     | {"type": "video", "grid_thw": [2, 34, 46], "second_per_grid_t": 1.0}
            qwen2.5-omni | 100000 | 30 | 1920 | 1080 | 20000 | {"type": "video", "grid_thw": [384, 24, 46], "second_per_grid_t": 1.0}
            glm-4.5v     | 16     | 2  | 448  | 448  | 0     | {"type": "video", "grid_thw": [8, 32, 32], "timestamps": [0, 1, 2, 3, 4, 5, 6, 7]}
            ernie-4.5-vl | 16     | 2  | 448  | 448  | 0     | {"type": "video", "grid_thw": [16, 36, 36]}
            qwen2.5-omni | 16     | 2  | 448  | 448  | 0     | {"type": "video", "grid_thw": [8, 32, 32], "second_per_grid_t": 1.0}
            """)
    void aVideoBySizePlansAsItsProcessorGridDoes(String model, int frames, double fps, int width, int height,
            int window, String equivalent) throws Exception {
        JsonNode bySize = plan(model, """
                {"type": "video", "frames": %d, "fps": %s, "width": %d, "height": %d}"""
                .formatted(frames, fps, width, height), window);
        JsonNode byGrid = plan(model, equivalent, window);
        assertEquals(byGrid, bySize);
        assertTrue(bySize.get("position_ids").size() > 0, bySize.toString());
    }

    /** The 600 frames of a 360 s GLM video are timed by the linspace frames, whose seconds GLM writes as digits. */
    @Test
    void aLongGlmVideoWritesTheTimesOfItsSampledFrames() throws Exception {
        StringBuilder ts = new StringBuilder();
        double step = 360.0 / 599;
        for (int k = 0; k < 300; k++) {
            // the first frame of pair k is frame ceil(2k · step · 25) (capped at 8999), at that index / 25 s
            int frame = (int) Math.min(8999, Math.ceil(2 * k * step * 25));
            ts.append(k == 0 ? "" : ", ").append(frame / 25.0);
        }
        JsonNode bySize = plan("glm-4.1v", """
                {"type": "video", "frames": 9000, "fps": 25, "width": 640, "height": 480}""");
        JsonNode byGrid = plan("glm-4.1v", """
                {"type": "video", "grid_thw": [300, 16, 22], "timestamps": [%s]}""".formatted(ts));
        assertEquals(byGrid, bySize);
    }

    /** A Qwen2.5-Omni video by size keeps its audio track, interleaved as with the grid. */
    @Test
    void anOmniVideoBySizeKeepsItsAudioTrack() throws Exception {
        JsonNode bySize = plan("qwen2.5-omni", """
                {"type": "video", "frames": 60, "fps": 30, "width": 640, "height": 480, "audio": {"mel_frames": 200}}""");
        JsonNode byGrid = plan("qwen2.5-omni", """
                {"type": "video", "grid_thw": [2, 34, 46], "second_per_grid_t": 1.0, "audio": {"mel_frames": 200}}""");
        assertEquals(byGrid, bySize);
    }

    /**
     * Ming with {@code format: bailing} (one block, no timestamps): 60 frames at 30 fps last 2 s, so all 60 are
     * taken, 476 x 644 within 9,633,792 / 60 · 2: [30, 34, 46]; 9000 frames at 25 fps: 128 frames, 336 x 448:
     * [64, 24, 32]; 8 frames of 10 x 10 lifted to 336 x 336: [4, 24, 24] (worked out in FamilyVideoProcessorTest).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            60   | 30 | 640 | 480 | [30, 34, 46]
            9000 | 25 | 640 | 480 | [64, 24, 32]
            8    | 1  | 10  | 10  | [4, 24, 24]
            """)
    void aMingVideoBySizePlansAsItsProcessorGridDoes(int frames, double fps, int width, int height, String grid)
            throws Exception {
        String request = """
                {"model": "ming", "format": "bailing", "decode_steps": 3, "sequences": [{"parts": [
                  {"type": "text", "tokens": 3}, %s, {"type": "text", "tokens": 2}]}]}""";
        HttpResponse<String> bySize = post("/v1/plans", request.formatted("""
                {"type": "video", "frames": %d, "fps": %s, "width": %d, "height": %d}"""
                .formatted(frames, fps, width, height)));
        HttpResponse<String> byGrid = post("/v1/plans", request.formatted(
                "{\"type\": \"video\", \"grid_thw\": " + grid + "}"));
        assertEquals(200, bySize.statusCode(), bySize.body());
        assertEquals(200, byGrid.statusCode(), byGrid.body());
        assertEquals(json(byGrid), json(bySize));
    }

    /**
     * Ming's default format interleaves each temporal patch with its time as text, which only a tokenizer counts:
     * by size the client gives those counts; the 60-frame video above has t = 30 temporal patches.
     */
    @Test
    void anInterleavedMingVideoBySizeTakesTheClientsTimestampTokens() throws Exception {
        String counts = "[" + "3, ".repeat(29) + "4]";
        JsonNode bySize = plan("ming", """
                {"type": "video", "frames": 60, "fps": 30, "width": 640, "height": 480, "timestamp_tokens": %s}"""
                .formatted(counts));
        JsonNode byGrid = plan("ming", """
                {"type": "video", "grid_thw": [30, 34, 46], "timestamp_tokens": %s}""".formatted(counts));
        assertEquals(byGrid, bySize);
        HttpResponse<String> missing = post("/v1/plans", PLAN.formatted("ming", "", """
                {"type": "video", "frames": 60, "fps": 30, "width": 640, "height": 480}"""));
        assertEquals(422, missing.statusCode(), missing.body());
        assertEquals("/sequences/0/parts/1/timestamp_tokens", json(missing).get("field").asString());
        assertTrue(missing.body().contains("t = 30") && missing.body().contains("format bailing"), missing.body());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            glm-4.1v     | "frames": 60, "fps": 0, "width": 64, "height": 64        | /fps
            ernie-4.5-vl | "frames": 60, "fps": -1, "width": 64, "height": 64       | /fps
            glm-4.5v     | "frames": 60, "width": 64, "height": 64                  | /fps
            qwen2.5-omni | "frames": 0, "fps": 30, "width": 64, "height": 64        | /frames
            glm-4.1v     | "frames": 2097152, "fps": 30, "width": 64, "height": 64  | /frames
            ernie-4.5-vl | "frames": 60, "fps": 30, "width": -64, "height": 64      | /width
            qwen2.5-omni | "frames": 60, "fps": 30, "width": 64, "height": null     | /height
            glm-4.1v     | "frames": 10, "fps": 30, "width": 64, "height": 64       | /frames
            glm-4.1v     | "frames": 500, "fps": 1e-300, "width": 64, "height": 64  | /fps
            glm-4.5v     | "frames": 1000, "fps": 4.9e-324, "width": 64, "height": 64 | /fps
            qwen2.5-omni | "frames": 1, "fps": 30, "width": 64, "height": 64        | /frames
            ernie-4.5-vl | "frames": 60, "fps": 30, "width": 64000, "height": 64   | ''
            qwen3-omni   | "frames": 60, "fps": 30, "width": 64, "height": 64       | ''
            ming         | "frames": 3, "fps": 30, "width": 64, "height": 64, "timestamp_tokens": [1] | /frames
            ming         | "frames": 60, "fps": 30, "width": 64000, "height": 64, "timestamp_tokens": [1] | ''
            ming         | "frames": 60, "fps": 0, "width": 64, "height": 64        | /fps
            ming         | "frames": 60, "fps": 30, "width": 64, "height": 0        | /height
            ming         | "frames": 60, "fps": 30, "width": 64, "height": 64, "timestamp_tokens": [1, 2] | /timestamp_tokens
            ming         | "frames": 60, "fps": 30, "width": 64, "height": 64, "timestamp_tokens": null | /timestamp_tokens
            glm-4.1v     | "frames": 60, "fps": 30, "width": 64, "height": 64, "grid_thw": [2, 4, 4] | ''
            """)
    void badVideosAreProblemsNamingTheField(String model, String fields, String field) throws Exception {
        HttpResponse<String> r = post("/v1/plans", PLAN.formatted(model, "", "{\"type\": \"video\", " + fields + "}"));
        assertEquals(422, r.statusCode(), r.body());
        assertTrue(contentType(r).startsWith("application/problem+json"), contentType(r));
        assertEquals("/sequences/0/parts/1" + field, json(r).get("field").asString(), r.body());
    }

    @Test
    void modelsSayWhichVideosAreServed() throws Exception {
        for (JsonNode m : json(get("/v1/models"))) {
            String name = m.get("name").asString();
            JsonNode video = m.path("processor").path("video");
            switch (name) {
                case "glm-4.1v", "glm-4.5v" -> assertEquals(300, video.get("max_duration").asInt(), name);
                case "ernie-4.5-vl" -> assertEquals(180, video.get("max_frames").asInt(), name);
                case "qwen2.5-omni" -> assertEquals(90_316_800L, video.get("video_total_pixels").asLong(), name);
                case "ming" -> assertEquals(128, video.get("max_frames").asInt(), name);
                case "qwen3-omni", "hunyuan-vl" -> assertTrue(video.isMissingNode(), name);
                default -> { }
            }
        }
    }
}
