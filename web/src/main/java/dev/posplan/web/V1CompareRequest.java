package dev.posplan.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /v1/compare}: a {@code /v1/plans} request without {@code scheme} and {@code params},
 * and the candidates to plan it with.
 */
public record V1CompareRequest(
        String model,
        String format,
        List<V1PlanRequest.Sequence> sequences,
        @JsonProperty("image_grid_thw") List<List<Integer>> imageGridThw,
        @JsonProperty("video_grid_thw") List<List<Integer>> videoGridThw,
        @JsonProperty("second_per_grid_ts") List<Double> secondPerGridTs,
        @JsonProperty("padding_side") String paddingSide,
        @JsonProperty("decode_steps") Integer decodeSteps,
        JsonNode range,
        String dtype,
        String layout,
        @JsonProperty("return_input_ids") Boolean returnInputIds,
        List<Candidate> candidates,
        @JsonProperty("use_audio_in_video") Boolean useAudioInVideo,
        @JsonProperty("audio_seqlens") List<Integer> audioSeqlens) {

    /** One way to plan the request: a scheme (default: the model's) and its parameters. */
    public record Candidate(String scheme, Map<String, Object> params) {
    }

    /** The plan request of candidate {@code c}. */
    V1PlanRequest planRequest(Candidate c) {
        return new V1PlanRequest(model, c.scheme(), c.params(), format, sequences, imageGridThw, videoGridThw,
                secondPerGridTs, paddingSide, decodeSteps, range, dtype, layout, returnInputIds, useAudioInVideo,
                audioSeqlens);
    }
}
