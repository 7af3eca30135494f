package dev.posplan.conformance;

import dev.posplan.multimodal.processor.Qwen2VlVideoSampler;
import dev.posplan.multimodal.processor.Qwen3Timestamps;
import dev.posplan.multimodal.processor.Qwen3VlVideoSampler;
import dev.posplan.multimodal.processor.QwenVlUtils;
import dev.posplan.multimodal.processor.SampledFrames;
import dev.posplan.multimodal.processor.VideoTiming;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The {@code frame_sampling} part of {@code processor_frame_sampling.json}. */
final class FrameSamplingGolden {

    /** {@code temporal_patch_size} of every Qwen-VL model. */
    private static final int TEMPORAL_PATCH = 2;

    private FrameSamplingGolden() {
    }

    static void check(JsonNode node) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            switch (e.getKey()) {
                case "videos" -> {
                    for (JsonNode video : e.getValue().values()) {
                        video(video);
                    }
                }
                case "timestamp_format_cases" -> {
                    for (Map.Entry<String, JsonNode> c : e.getValue().properties()) {
                        // Python's float("9.95") and Java's parseDouble give the same nearest double.
                        text("timestamp_format_cases[" + c.getKey() + "]", c.getValue().asString(),
                                Qwen3Timestamps.text(Double.parseDouble(c.getKey())));
                    }
                }
                default -> throw new Mismatch("frame_sampling: unknown entry '" + e.getKey() + "'");
            }
        }
    }

    private static void video(JsonNode video) {
        int total = video.get("total_frames").asInt();
        double videoFps = video.get("video_fps").asDouble();
        for (Map.Entry<String, JsonNode> e : video.properties()) {
            String key = e.getKey();
            if (key.equals("total_frames") || key.equals("video_fps")) {
                continue;
            }
            if (!key.startsWith("fps=")) {
                throw new Mismatch("video " + total + "@" + videoFps + ": unknown entry '" + key + "'");
            }
            double fps = Double.parseDouble(key.substring("fps=".length()));
            for (Map.Entry<String, JsonNode> m : e.getValue().properties()) {
                method("video " + total + "@" + videoFps + " " + key + " " + m.getKey(), m.getKey(), m.getValue(),
                        total, videoFps, fps);
            }
        }
    }

    private static void method(String what, String method, JsonNode expected, int total, double videoFps,
            double fps) {
        switch (method) {
            case "qwen_vl_utils_qwen2vl_repo" -> qwenVlUtils(what, expected, QwenVlUtils.V2.sample(total, videoFps, fps));
            case "qwen_vl_utils_qwen3vl_repo" -> qwenVlUtils(what, expected, QwenVlUtils.V3.sample(total, videoFps, fps));
            case "transformers_Qwen2VLVideoProcessor.sample_frames" ->
                    qwen2Vl(what, expected, Qwen2VlVideoSampler.sample(total, videoFps, fps));
            case "transformers_Qwen3VLVideoProcessor.sample_frames" ->
                    qwen3Vl(what, expected, Qwen3VlVideoSampler.sample(total, videoFps, fps));
            default -> throw new Mismatch(what + ": unknown sampling method");
        }
    }

    /** qwen-vl-utils, with {@code second_per_grid_t} from the returned {@code sample_fps} (the official recipe). */
    private static void qwenVlUtils(String what, JsonNode expected, SampledFrames frames) {
        for (Map.Entry<String, JsonNode> f : expected.properties()) {
            String field = what + " " + f.getKey();
            switch (f.getKey()) {
                case "nframes" -> Expect.scalar(field, f.getValue().asInt(), frames.count());
                case "indices" -> Expect.ints(field, f.getValue(), frames.indices());
                case "sample_fps" -> Expect.scalar(field, f.getValue().asDouble(), frames.sampledFps());
                case "second_per_grid_t" -> Expect.scalar(field, f.getValue().asDouble(),
                        VideoTiming.secondPerGridT(TEMPORAL_PATCH, frames.sampledFps()));
                default -> throw new Mismatch(field + ": unknown field");
            }
        }
    }

    /** transformers Qwen2-VL sampling, {@code second_per_grid_t} as transformers main computes it. */
    private static void qwen2Vl(String what, JsonNode expected, SampledFrames frames) {
        for (Map.Entry<String, JsonNode> f : expected.properties()) {
            String field = what + " " + f.getKey();
            switch (f.getKey()) {
                case "indices" -> Expect.ints(field, f.getValue(), frames.indices());
                case "sampled_fps" -> Expect.scalar(field, f.getValue().asDouble(), frames.sampledFps());
                case "second_per_grid_t" -> Expect.scalar(field, f.getValue().asDouble(),
                        VideoTiming.secondPerGridT(TEMPORAL_PATCH, frames));
                default -> throw new Mismatch(field + ": unknown field");
            }
        }
    }

    /** transformers Qwen3-VL sampling and the timestamps of transformers and vLLM (same rule). */
    private static void qwen3Vl(String what, JsonNode expected, SampledFrames frames) {
        double[] timestamps = Qwen3Timestamps.of(frames, TEMPORAL_PATCH);
        for (Map.Entry<String, JsonNode> f : expected.properties()) {
            String field = what + " " + f.getKey();
            switch (f.getKey()) {
                case "indices" -> Expect.ints(field, f.getValue(), frames.indices());
                case "timestamps", "timestamps_vllm" -> doubles(field, f.getValue(), timestamps);
                case "timestamp_strings" -> {
                    String[] texts = Qwen3Timestamps.texts(timestamps);
                    Expect.scalar(field + " count", f.getValue().size(), texts.length);
                    for (int i = 0; i < texts.length; i++) {
                        text(field + "[" + i + "]", f.getValue().get(i).asString(), texts[i]);
                    }
                }
                default -> throw new Mismatch(field + ": unknown field");
            }
        }
    }

    private static void doubles(String what, JsonNode expected, double[] actual) {
        Expect.scalar(what + " count", expected.size(), actual.length);
        for (int i = 0; i < actual.length; i++) {
            Expect.scalar(what + "[" + i + "]", expected.get(i).asDouble(), actual[i]);
        }
    }

    private static void text(String what, String expected, String actual) {
        if (!expected.equals(actual)) {
            throw new Mismatch(what + ": expected \"" + expected + "\", actual \"" + actual + "\"");
        }
    }
}
