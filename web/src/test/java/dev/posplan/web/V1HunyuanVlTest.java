package dev.posplan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.HunyuanFormat;
import dev.posplan.multimodal.PromptPart;
import dev.posplan.planners.PositionPlan;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.SchemeRegistry;
import dev.posplan.planners.allocation.ChannelAllocation;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * {@code hunyuan-vl} over {@code /v1/plans}: its host format writes the image, the answer equals the library's
 * plan, and {@code frequencies} says per channel which axis the element-wise convention reads
 * ({@code channel_axis}), per pair for the list repetition ({@code pair_axis}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class V1HunyuanVlTest extends HttpSupport {

    private static final String BODY = """
            {"scheme": "hunyuan-vl", "params": %s, "decode_steps": 1, "sequences": [{"parts": [
              {"type": "text", "tokens": 2}, {"type": "image", "grid": [1, 2, 3]}, {"type": "text", "tokens": 1}]}]}""";

    private JsonNode ok(String params) throws Exception {
        HttpResponse<String> r = post("/v1/plans", BODY.formatted(params));
        assertEquals(200, r.statusCode(), r.body());
        return json(r);
    }

    @Test
    void theAnswerIsTheLibrarysPlanWithItsChannelMap() throws Exception {
        JsonNode answer = ok("{}");
        assertEquals("hunyuan-vl", answer.get("format").asString());
        assertEquals(List.of("text", "w", "h", "t"), answer.get("axes").valueStream().map(JsonNode::asString).toList());
        PositionPlan plan = SchemeRegistry.create("hunyuan-vl").plan(HunyuanFormat.HUNYUAN_VL.expand(List.of(
                new PromptPart.Text(2), new PromptPart.Image(new Grid(1, 2, 3)), new PromptPart.Text(1))));
        assertEquals(plan.length(), answer.get("length").asInt());
        for (int a = 0; a < 4; a++) {
            for (int i = 0; i < plan.length(); i++) {
                assertEquals(plan.get(a, i), answer.get("position_ids").get(a).get(0).get(i).asDouble(), a + " " + i);
            }
            assertEquals(plan.length(), answer.get("decode_position_ids").get(a).get(0).get(0).asInt());
        }
        JsonNode f = answer.get("frequencies");
        assertEquals("xdrope-element-wise", f.get("rule").asString());
        assertFalse(f.has("pair_axis"));
        ChannelAllocation channels = (ChannelAllocation) SchemeRegistry.create("hunyuan-vl").frequencies();
        assertEquals(128, f.get("channel_axis").size());
        for (int c = 0; c < 128; c++) {
            assertEquals(channels.axisOfChannel(c), f.get("channel_axis").get(c).asInt());
        }
        assertEquals(channels.theta(), f.get("rope_theta").asDouble());
    }

    @Test
    void vllmAnswersWithPairsAndTheImageIndexOnT() throws Exception {
        JsonNode answer = ok("{\"compat\": \"vllm\"}");
        JsonNode f = answer.get("frequencies");
        assertEquals("xdrope-list-repetition", f.get("rule").asString());
        assertFalse(f.has("channel_axis"));
        assertEquals(64, f.get("pair_axis").size());
        // the first grid token (after 2 text, <image_start>, begin) has t = image 0
        assertEquals(0, answer.get("position_ids").get(3).get(0).get(4).asInt());
        PositionPlan plan = SchemeRegistry.create("hunyuan-vl", SchemeParams.of("compat", "vllm"))
                .plan(HunyuanFormat.HUNYUAN_VL.expand(List.of(new PromptPart.Text(2),
                        new PromptPart.Image(new Grid(1, 2, 3)), new PromptPart.Text(1))));
        assertEquals(plan.get(3, 4), answer.get("position_ids").get(3).get(0).get(4).asDouble());
    }

    @Test
    void inputIdsOfTheModelPresetPlanAsItsParts() throws Exception {
        // 2 text, <image_start>, begin embedding, the 2 x (3 + 1) grid with its newline column, end embedding,
        // <image_end>, 1 text: the same stream as BODY's parts, located as the reference reads the ids
        String ids = "[7, 8, 120118, 9, 120120, 120120, 120120, 120121, 120120, 120120, 120120, 120121, 9, 120119, 10]";
        for (String compat : List.of("transformers", "vllm")) {
            JsonNode parts = ok("{\"compat\": \"" + compat + "\"}");
            HttpResponse<String> r = post("/v1/plans", """
                    {"model": "hunyuan-vl", "params": {"compat": "%s"}, "decode_steps": 1, "image_grid_thw": [[1, 4, 6]],
                     "sequences": [{"input_ids": %s}]}""".formatted(compat, ids));
            assertEquals(200, r.statusCode(), r.body());
            JsonNode answer = json(r);
            assertEquals(parts.get("position_ids"), answer.get("position_ids"), compat);
            assertEquals(parts.get("decode_position_ids"), answer.get("decode_position_ids"), compat);
        }
    }

    @Test
    void theModelPresetIsListed() throws Exception {
        JsonNode models = json(get("/v1/models"));
        JsonNode preset = models.valueStream().filter(m -> m.get("name").asString().equals("hunyuan-vl"))
                .findFirst().orElseThrow();
        assertEquals("hunyuan-vl", preset.get("scheme").asString());
        assertEquals(120118, preset.get("token_ids").get("image_start").asInt());
    }

    @Test
    void aVideoIsAProblemNamingThePart() throws Exception {
        HttpResponse<String> r = post("/v1/plans", """
                {"scheme": "hunyuan-vl", "sequences": [{"parts": [{"type": "video", "grid": [2, 2, 2]}]}]}""");
        assertEquals(422, r.statusCode(), r.body());
        assertTrue(json(r).get("detail").asString().contains("no video"), r.body());
    }
}
