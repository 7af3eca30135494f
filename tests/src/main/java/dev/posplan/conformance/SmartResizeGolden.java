package dev.posplan.conformance;

import dev.posplan.multimodal.processor.QwenVlUtils;
import dev.posplan.multimodal.processor.ResizeSetting;
import dev.posplan.multimodal.processor.ResizeVariant;
import dev.posplan.multimodal.processor.Resized;
import dev.posplan.multimodal.processor.SmartResize;
import dev.posplan.multimodal.processor.VideoPixelBudget;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** The {@code smart_resize} part of {@code processor_smart_resize.json}. */
final class SmartResizeGolden {

    private static final Pattern FACTOR = Pattern.compile("factor=(\\d+)");
    private static final Pattern MIN = Pattern.compile("min=([0-9*]+)");
    private static final Pattern MAX = Pattern.compile("max=([0-9*]+)");

    /** qwen-vl-utils constants by golden name, per repository. */
    private static final Map<String, Map<String, Number>> CONSTANTS = Map.of(
            "qwen2vl_repo", Map.ofEntries(
                    Map.entry("IMAGE_FACTOR", ResizeSetting.QVU2_IMAGE.factor()),
                    Map.entry("MIN_PIXELS", ResizeSetting.QVU2_IMAGE.minPixels()),
                    Map.entry("MAX_PIXELS", ResizeSetting.QVU2_IMAGE.maxPixels()),
                    Map.entry("MAX_RATIO", SmartResize.MAX_ASPECT_RATIO),
                    Map.entry("VIDEO_MIN_PIXELS", VideoPixelBudget.QVU2_VIDEO_MIN_PIXELS),
                    Map.entry("VIDEO_MAX_PIXELS", VideoPixelBudget.QVU2_VIDEO_MAX_PIXELS),
                    Map.entry("VIDEO_TOTAL_PIXELS", VideoPixelBudget.QVU2_VIDEO_TOTAL_PIXELS),
                    Map.entry("FRAME_FACTOR", QwenVlUtils.FRAME_FACTOR),
                    Map.entry("FPS", QwenVlUtils.DEFAULT_FPS),
                    Map.entry("FPS_MIN_FRAMES", QwenVlUtils.FPS_MIN_FRAMES),
                    Map.entry("FPS_MAX_FRAMES", QwenVlUtils.FPS_MAX_FRAMES)),
            "qwen3vl_repo", Map.ofEntries(
                    Map.entry("MAX_RATIO", SmartResize.MAX_ASPECT_RATIO),
                    Map.entry("SPATIAL_MERGE_SIZE", VideoPixelBudget.QVU3_SPATIAL_MERGE_SIZE),
                    Map.entry("IMAGE_MIN_TOKEN_NUM", ResizeSetting.QVU3_IMAGE_MIN_TOKENS),
                    Map.entry("IMAGE_MAX_TOKEN_NUM", ResizeSetting.QVU3_IMAGE_MAX_TOKENS),
                    Map.entry("VIDEO_MIN_TOKEN_NUM", VideoPixelBudget.QVU3_VIDEO_MIN_TOKENS),
                    Map.entry("VIDEO_MAX_TOKEN_NUM", VideoPixelBudget.QVU3_VIDEO_MAX_TOKENS),
                    Map.entry("FPS", QwenVlUtils.DEFAULT_FPS),
                    Map.entry("FRAME_FACTOR", QwenVlUtils.FRAME_FACTOR),
                    Map.entry("FPS_MIN_FRAMES", QwenVlUtils.FPS_MIN_FRAMES),
                    Map.entry("FPS_MAX_FRAMES", QwenVlUtils.FPS_MAX_FRAMES),
                    Map.entry("MODEL_SEQ_LEN", VideoPixelBudget.QVU3_DEFAULT_MODEL_SEQ_LEN)));

    private SmartResizeGolden() {
    }

    static void check(JsonNode node) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            switch (e.getKey()) {
                case "inputs_hw", "qwen3_video_inputs_thw" -> { } // read with their results
                case "results" -> images(node.get("inputs_hw"), e.getValue());
                case "qwen3_video_results" -> videos(node.get("qwen3_video_inputs_thw"), e.getValue());
                case "qwen_vl_utils_constants" -> constants(e.getValue());
                default -> throw new Mismatch("smart_resize: unknown entry '" + e.getKey() + "'");
            }
        }
    }

    private static void images(JsonNode inputs, JsonNode results) {
        for (Map.Entry<String, JsonNode> e : results.properties()) {
            ResizeSetting setting = setting(e.getKey());
            for (int i = 0; i < inputs.size(); i++) {
                int h = inputs.get(i).get(0).asInt();
                int w = inputs.get(i).get(1).asInt();
                compare(e.getKey() + " " + h + "x" + w, e.getValue().get(i), () -> SmartResize.image(h, w, setting));
            }
        }
    }

    private static void videos(JsonNode inputs, JsonNode results) {
        for (Map.Entry<String, JsonNode> e : results.properties()) {
            ResizeSetting setting = setting(e.getKey());
            for (int i = 0; i < inputs.size(); i++) {
                int t = inputs.get(i).get(0).asInt();
                int h = inputs.get(i).get(1).asInt();
                int w = inputs.get(i).get(2).asInt();
                compare("qwen3 video " + e.getKey() + " " + t + "x" + h + "x" + w, e.getValue().get(i),
                        () -> SmartResize.qwen3Video(t, h, w, setting));
            }
        }
    }

    /** {@code [h, w]} or {@code {"error": ...}} (which must be an IllegalArgumentException). */
    private static void compare(String what, JsonNode expected, Supplier<Resized> actual) {
        Resized r;
        try {
            r = actual.get();
        } catch (IllegalArgumentException ex) {
            if (expected.has("error")) {
                return;
            }
            throw new Mismatch(what + ": expected " + expected + ", actual error " + ex.getMessage());
        }
        if (expected.has("error")) {
            throw new Mismatch(what + ": expected error " + expected.get("error").asString() + ", actual ["
                    + r.height() + ", " + r.width() + "]");
        }
        if (expected.get(0).asInt() != r.height() || expected.get(1).asInt() != r.width()) {
            throw new Mismatch(what + ": expected " + expected + ", actual [" + r.height() + ", " + r.width() + "]");
        }
    }

    /**
     * A setting from its golden key, e.g. {@code "transformers_image_qwen2_checkpoint (factor=28,min=3136,
     * max=12845056)"} or {@code "qwen_vl_utils_qwen3vl_repo_image (factor=32, defaults min=4*32*32, ...)"}.
     */
    static ResizeSetting setting(String key) {
        ResizeVariant variant = key.startsWith("qwen_vl_utils") ? ResizeVariant.QWEN_VL_UTILS : ResizeVariant.TRANSFORMERS;
        return new ResizeSetting(variant, (int) number(key, FACTOR), number(key, MIN), number(key, MAX));
    }

    private static long number(String key, Pattern p) {
        Matcher m = p.matcher(key);
        if (!m.find()) {
            throw new Mismatch("cannot read the setting '" + key + "' (no " + p.pattern() + ")");
        }
        long product = 1;
        for (String factor : m.group(1).split("\\*")) {
            product = Math.multiplyExact(product, Long.parseLong(factor));
        }
        return product;
    }

    private static void constants(JsonNode repos) {
        for (Map.Entry<String, JsonNode> repo : repos.properties()) {
            Map<String, Number> ours = CONSTANTS.get(repo.getKey());
            if (ours == null) {
                throw new Mismatch("qwen_vl_utils_constants: unknown repository '" + repo.getKey() + "'");
            }
            for (Map.Entry<String, JsonNode> c : repo.getValue().properties()) {
                Number value = ours.get(c.getKey());
                if (value == null) {
                    throw new Mismatch("qwen_vl_utils_constants." + repo.getKey() + ": unknown constant " + c.getKey());
                }
                Expect.scalar("qwen_vl_utils_constants." + repo.getKey() + "." + c.getKey(), c.getValue().asDouble(),
                        value.doubleValue());
            }
        }
    }
}
