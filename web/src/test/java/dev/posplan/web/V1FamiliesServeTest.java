package dev.posplan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * The GLM, ERNIE, Ming and Qwen-Omni presets over {@code /v1}: listed with their constants, enough on their own
 * for parts (image sizes through each family's processor math, audio by mel frames), the block form where the
 * scheme has one, and 422s that name the field.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class V1FamiliesServeTest extends HttpSupport {

    private JsonNode ok(String body) throws Exception {
        HttpResponse<String> r = post("/v1/plans", body);
        assertEquals(200, r.statusCode(), r.body());
        return json(r);
    }

    private JsonNode problem(String body, String field) throws Exception {
        HttpResponse<String> r = post("/v1/plans", body);
        assertEquals(422, r.statusCode(), r.body());
        assertTrue(contentType(r).startsWith("application/problem+json"), contentType(r));
        JsonNode p = json(r);
        assertEquals(field, p.get("field").asString(), r.body());
        return p;
    }

    @Test
    void modelsListEveryFamilyWithIdsProcessorAndContext() throws Exception {
        Map<String, JsonNode> byName = new HashMap<>();
        for (JsonNode m : json(get("/v1/models"))) {
            byName.put(m.get("name").asString(), m);
        }
        JsonNode glm = byName.get("glm-4.1v");
        assertEquals("glm4v", glm.get("scheme").asString());
        assertEquals("glm4v", glm.get("format").asString());
        assertEquals(0.5, glm.get("params").get("partial_rotary_factor").asDouble());
        assertEquals(151343, glm.get("token_ids").get("image").asInt());
        assertEquals(151341, glm.get("token_ids").get("video_start").asInt());
        assertEquals(65536, glm.get("max_position_embeddings").asInt());
        assertEquals(14, glm.get("processor").get("patch_size").asInt());
        assertEquals(151363, byName.get("glm-4.5v").get("token_ids").get("image").asInt());

        JsonNode ernie = byName.get("ernie-4.5-vl");
        assertEquals("ernie45-vl", ernie.get("scheme").asString());
        assertEquals("transformers", ernie.get("params").get("compat").asString());
        assertEquals(100295, ernie.get("token_ids").get("image").asInt());
        assertEquals(103367, ernie.get("token_ids").get("video").asInt());
        assertEquals(131072, ernie.get("max_position_embeddings").asInt());

        JsonNode ming = byName.get("ming");
        assertEquals("bailing", ming.get("scheme").asString());
        assertEquals("bailing-interleaved", ming.get("format").asString());
        assertEquals(157157, ming.get("token_ids").get("image_patch").asInt());
        assertEquals(157175, ming.get("token_ids").get("video_patch").asInt());
        assertEquals(32768, ming.get("max_position_embeddings").asInt());

        JsonNode omni25 = byName.get("qwen2.5-omni");
        assertEquals(151646, omni25.get("token_ids").get("audio").asInt());
        assertEquals(151647, omni25.get("token_ids").get("audio_start").asInt());
        assertEquals(25, omni25.get("processor").get("audio_positions_per_second").asInt());
        assertEquals(32768, omni25.get("max_position_embeddings").asInt());
        JsonNode omni3 = byName.get("qwen3-omni");
        assertEquals("qwen3-omni", omni3.get("scheme").asString());
        assertEquals(151675, omni3.get("token_ids").get("audio").asInt());
        assertEquals(13, omni3.get("processor").get("audio_positions_per_second").asInt());
        assertEquals(16, omni3.get("processor").get("patch_size").asInt());
        assertEquals(65536, omni3.get("max_position_embeddings").asInt());
        for (String name : new String[] {"glm-4.1v", "glm-4.5v", "ernie-4.5-vl", "ming", "qwen2.5-omni", "qwen3-omni"}) {
            assertTrue(byName.get(name).get("notes").asString().length() > 10, name);
        }
    }

    /**
     * Image tokens of an image by size, worked by hand from each processor's {@code smart_resize}: GLM scales
     * 30 x 20 up to 42 x 28 (sides below 28), rounds 42 to 56 half-to-even, then its budget counts two frames
     * (2·28·56 = 3136 < 112²) and ceils both sides by sqrt(12544 / 2352): 112 x 84 → 4 x 3 tokens; 448² is
     * 16 x 16 in every family; ERNIE shrinks 4000 x 3000 (2996 · 4004 > 28²·6177) by sqrt(12e6 / 4842768) to
     * 2520 x 1904 → 90 x 68 tokens, GLM by sqrt(2 · 12e6 / 11760000) to 2800 x 2100 → 100 x 75.
     */
    @ParameterizedTest
    @CsvSource({"glm-4.1v, 30, 20, 12", "glm-4.5v, 448, 448, 256", "glm-4.1v, 4000, 3000, 7500",
            "ernie-4.5-vl, 448, 448, 256", "ernie-4.5-vl, 4000, 3000, 6120", "qwen2.5-omni, 448, 448, 256",
            "qwen3-omni, 448, 448, 196"})
    void imagesBySizeGoThroughTheFamilysProcessor(String model, int width, int height, int tokens) throws Exception {
        JsonNode answer = ok("""
                {"model": "%s", "sequences": [{"parts": [{"type": "text", "tokens": 2},
                  {"type": "image", "width": %d, "height": %d}, {"type": "text", "tokens": 1}]}]}"""
                .formatted(model, width, height));
        JsonNode span = answer.get("sequences").get(0).get("spans").get(0);
        assertEquals("image", span.get("type").asString());
        assertEquals(tokens, span.get("length").asInt(), answer.get("sequences").toString());
    }

    /** ERNIE's video grid_thw counts raw frames: [4, 4, 6] is 2 slices of 2 x 3. */
    @Test
    void ernieVideoGridThwMergesTwoFramesPerSlice() throws Exception {
        JsonNode answer = ok("""
                {"model": "ernie-4.5-vl", "sequences": [{"parts": [{"type": "text", "tokens": 2},
                  {"type": "video", "grid_thw": [4, 4, 6]}, {"type": "text", "tokens": 1}]}]}""");
        JsonNode span = answer.get("sequences").get(0).get("spans").get(0);
        assertEquals("[2,2,3]", span.get("grid").toString());
        problem("""
                {"model": "ernie-4.5-vl", "sequences": [{"parts": [{"type": "video", "grid_thw": [3, 4, 6]}]}]}""",
                "/sequences/0/parts/0/grid_thw");
    }

    /**
     * Qwen2.5-Omni audio: 100 mel frames are (100−1)//2+1 = 50 after the first conv, (50−2)//2+1 = 25 tokens,
     * written as {@code <audio_bos>} 25 pads {@code <audio_eos>} on plain 1-D positions; Qwen3-Omni's 200 frames
     * are 2 · 13 = 26 tokens (r = 0 contributes nothing).
     */
    @ParameterizedTest
    @CsvSource({"qwen2.5-omni, 100, 25", "qwen3-omni, 200, 26", "qwen3-omni, 150, 20"})
    void audioByMelFramesUsesTheModelsLengthFormula(String model, int frames, int tokens) throws Exception {
        JsonNode answer = ok("""
                {"model": "%s", "sequences": [{"parts": [{"type": "text", "tokens": 3},
                  {"type": "audio", "mel_frames": %d}, {"type": "text", "tokens": 2}]}]}""".formatted(model, frames));
        JsonNode span = answer.get("sequences").get(0).get("spans").get(0);
        assertEquals("audio", span.get("type").asString());
        assertEquals(4, span.get("start").asInt());
        assertEquals(tokens, span.get("length").asInt());
        assertEquals(3 + 2 + tokens + 2, answer.get("length").asInt());
        // no image or video grid: the reference's text-only branch, 0..n-1 on every axis
        JsonNode t = answer.get("position_ids").get(0).get(0);
        assertEquals(3 + 2 + tokens + 1, t.get(t.size() - 1).asInt());
    }

    /** A video's audio track: 2 s at fps 2 (8 video tokens per grid) with 100 mel frames (25 tokens). */
    @Test
    void aVideosAudioTrackIsOneSpanWithItsAudioTokens() throws Exception {
        JsonNode answer = ok("""
                {"model": "qwen2.5-omni", "sequences": [{"parts": [{"type": "text", "tokens": 2},
                  {"type": "video", "grid_thw": [2, 4, 4], "second_per_grid_t": 1.0, "audio": {"mel_frames": 100}},
                  {"type": "text", "tokens": 2}]}]}""");
        JsonNode span = answer.get("sequences").get(0).get("spans").get(0);
        assertEquals("video", span.get("type").asString());
        assertEquals(8 + 25, span.get("length").asInt());
        assertEquals(25, span.get("audio_tokens").asInt());
        assertEquals(2 + 2 + 33 + 2 + 2, answer.get("length").asInt());
    }

    @Test
    void audioIsRefusedWhereTheFormatOrModelHasNone() throws Exception {
        problem("""
                {"model": "glm-4.1v", "sequences": [{"parts": [{"type": "audio", "tokens": 5}]}]}""",
                "/sequences/0/parts/0/type");
        problem("""
                {"scheme": "qwen2.5-omni", "sequences": [{"parts": [{"type": "audio", "mel_frames": 100}]}]}""",
                "/sequences/0/parts/0/mel_frames");
        problem("""
                {"model": "qwen3-omni", "sequences": [{"parts": [{"type": "audio", "tokens": 5, "mel_frames": 9}]}]}""",
                "/sequences/0/parts/0");
        problem("""
                {"model": "qwen3-omni", "sequences": [{"parts": [{"type": "audio", "mel_frames": 0}]}]}""",
                "/sequences/0/parts/0/mel_frames");
        problem("""
                {"model": "ernie-4.5-vl", "sequences": [{"parts": [
                  {"type": "video", "grid_thw": [2, 4, 4], "audio": {"tokens": 3}}]}]}""",
                "/sequences/0/parts/0/audio");
        problem("""
                {"model": "qwen2.5-omni", "audio_seqlens": [100],
                 "sequences": [{"parts": [{"type": "text", "tokens": 1}]}]}""", "/audio_seqlens");
        problem("""
                {"model": "glm-4.1v", "audio_seqlens": [100], "sequences": [{"input_ids": [1, 2]}]}""",
                "/audio_seqlens");
        problem("""
                {"model": "qwen2.5-omni", "video_grid_thw": [[2, 4, 4]], "second_per_grid_ts": [1.0, 2.0],
                 "sequences": [{"input_ids": [1, 151652, 151656, 151656, 151656, 151656, 151653]}]}""",
                "/second_per_grid_ts");
    }

    @Test
    void whatIsNotServedIsA422NamingTheModel() throws Exception {
        JsonNode p = problem("""
                {"model": "glm-4.1v", "sequences": [{"parts": [{"type": "text", "text": "hello"}]}]}""",
                "/sequences/0/parts/0/text");
        assertTrue(p.get("detail").asString().contains("glm-4.1v"), p.toString());
        p = problem("""
                {"model": "hunyuan-vl", "sequences": [{"parts": [
                  {"type": "video", "frames": 8, "fps": 2, "width": 64, "height": 64}]}]}""",
                "/sequences/0/parts/0");
        assertTrue(p.get("detail").asString().contains("hunyuan-vl"), p.toString());
        // Ming's interleaved frames are served by size only with the client's count of each frame's time text
        p = problem("""
                {"model": "ming", "sequences": [{"parts": [
                  {"type": "video", "frames": 8, "fps": 2, "width": 64, "height": 64}]}]}""",
                "/sequences/0/parts/0/timestamp_tokens");
        assertTrue(p.get("detail").asString().contains("format bailing"), p.toString());
        problem("""
                {"model": "qwen3-omni", "sequences": [{"parts": [
                  {"type": "video", "frames": 8, "fps": 2, "width": 64, "height": 64}]}]}""", "/sequences/0/parts/0");
        problem("""
                {"model": "ernie-4.5-vl", "sequences": [{"messages": [{"role": "user", "content": "hi"}]}]}""",
                "/sequences/0/messages");
    }

    /**
     * The block form: GLM, ERNIE and Bailing (negative positions included) are per-axis sums and expand to the
     * dense answer; Qwen-Omni's positions are not (audio in video, float32 time) and answer 422 at /layout.
     */
    @ParameterizedTest
    @CsvSource({"glm-4.1v, image", "ernie-4.5-vl, video", "ming, image"})
    void blocksExpandToTheDenseAnswer(String model, String type) throws Exception {
        String parts = """
                [{"type": "text", "tokens": 1}, {"type": "%s", "grid": [%s]}, {"type": "text", "tokens": 2}]"""
                .formatted(type, type.equals("image") ? "1, 9, 11" : "3, 2, 2");
        JsonNode dense = ok("""
                {"model": "%s", "sequences": [{"parts": %s}]}""".formatted(model, parts));
        JsonNode blocks = ok("""
                {"model": "%s", "layout": "blocks", "sequences": [{"parts": %s}]}""".formatted(model, parts));
        assertEquals("blocks", blocks.get("layout").asString());
        JsonNode want = dense.get("position_ids");
        int length = dense.get("length").asInt();
        int covered = 0;
        for (JsonNode run : blocks.get("blocks").get(0)) {
            int start = run.get("start").asInt();
            int n = run.has("grid") ? run.get("grid").get(0).asInt() * run.get("grid").get(1).asInt()
                    * run.get("grid").get(2).asInt() : run.get("length").asInt();
            for (int a = 0; a < 3; a++) {
                for (int k = 0; k < n; k++) {
                    long v;
                    if (run.has("grid")) {
                        int hw = run.get("grid").get(1).asInt() * run.get("grid").get(2).asInt();
                        int w = run.get("grid").get(2).asInt();
                        v = run.get("t").get(a).get(k / hw).asLong() + run.get("h").get(a).get(k % hw / w).asLong()
                                + run.get("w").get(a).get(k % w).asLong();
                    } else {
                        v = run.get("base").get(a).asLong() + (long) k * run.get("step").get(a).asLong();
                    }
                    assertEquals(want.get(a).get(0).get(start + k).asLong(), v, model + " axis " + a + " token "
                            + (start + k));
                }
            }
            covered += n;
        }
        assertEquals(length, covered);
        if (model.equals("ming")) {
            int first = dense.get("sequences").get(0).get("spans").get(0).get("start").asInt();
            assertEquals(-2, dense.get("position_ids").get(1).get(0).get(first).asInt(), "centred h: 2 + 0 - (9-1)/2");
            assertEquals(-3, dense.get("position_ids").get(2).get(0).get(first).asInt(), "centred w: 2 + 0 - (11-1)/2");
        }
        problem("""
                {"model": "qwen3-omni", "layout": "blocks", "sequences": [{"parts": [{"type": "text", "tokens": 1}]}]}""",
                "/layout");
    }

    /** The OpenAPI document carries the audio example, and the example plans: 3 + 1 + 75 + 1 text/audio, 2 · 64 video. */
    @Test
    void theAudioExampleIsDocumentedAndPlans() throws Exception {
        JsonNode examples = json(get("/v3/api-docs")).get("paths").get("/v1/plans").get("post").get("requestBody")
                .get("content").get("application/json").get("examples");
        assertTrue(examples.has("audio"), examples.toString());
        JsonNode answer = ok(V1Examples.AUDIO);
        JsonNode spans = answer.get("sequences").get(0).get("spans");
        assertEquals(75, spans.get(0).get("length").asInt(), "300 mel frames: (150-2)//2+1 tokens");
        assertEquals(4, spans.get(0).get("start").asInt(), "after 3 text tokens and <audio_bos>");
        assertEquals(82, spans.get(1).get("start").asInt(), "<audio_eos>, <vision_bos>, <audio_bos> after the audio");
        assertEquals(4 * 16 + 100, spans.get(1).get("length").asInt(), "4 x 4 x 4 video + 400 mel frames (100)");
        assertEquals(100, spans.get(1).get("audio_tokens").asInt());
    }

    /**
     * A model's frequency allocation is its reference's: pair axes and float32 inverse frequencies of the
     * golden probe files (ERNIE: the composed per-pair frequencies, not its permuted buffer).
     */
    @ParameterizedTest
    @CsvSource({"glm-4.1v, glm4v, rope_freq_glm4v.json, inv_freq", "ming, bailing, rope_freq_bailing.json, inv_freq",
            "ernie-4.5-vl, ernie45_vl, rope_freq_ernie45_vl.json, pair_inv_freq"})
    void frequenciesOfAModelAreItsReferences(String model, String folder, String file, String field) throws Exception {
        JsonNode want = JSON.readTree(V1FamiliesEndToEndTest.golden(folder).resolve(file).toFile())
                .get("frequency_allocation");
        HttpResponse<String> r = post("/v1/frequencies", "{\"model\": \"" + model + "\"}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode got = json(r);
        assertEquals(want.get("pair_axis"), got.get("pair_axis"), "pair_axis");
        assertEquals(want.get(field).size(), got.get("inv_freq").size());
        for (int j = 0; j < want.get(field).size(); j++) {
            assertEquals((float) want.get(field).get(j).asDouble(), got.get("inv_freq").get(j).decimalValue().floatValue(),
                    "inv_freq " + j);
        }
    }
}
