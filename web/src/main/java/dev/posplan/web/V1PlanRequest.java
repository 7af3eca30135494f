package dev.posplan.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /v1/plans} (specs/api-v1.md): a batch of sequences, each given as parts, as
 * {@code input_ids} or as chat {@code messages}. Every field is optional on the wire; missing and null mean the
 * same, and {@link PlanMapper} says which are required.
 */
public record V1PlanRequest(
        String model,
        String scheme,
        Map<String, Object> params,
        String format,
        List<Sequence> sequences,
        @JsonProperty("image_grid_thw") List<List<Integer>> imageGridThw,
        @JsonProperty("video_grid_thw") List<List<Integer>> videoGridThw,
        @JsonProperty("second_per_grid_ts") List<Double> secondPerGridTs,
        @JsonProperty("padding_side") String paddingSide,
        @JsonProperty("decode_steps") Integer decodeSteps,
        JsonNode range,
        String dtype,
        String layout,
        @JsonProperty("return_input_ids") Boolean returnInputIds,
        @JsonProperty("use_audio_in_video") Boolean useAudioInVideo,
        @JsonProperty("audio_seqlens") List<Integer> audioSeqlens) {

    /** One batch row: exactly one of {@code parts}, {@code input_ids} or {@code messages}. */
    public record Sequence(
            List<Part> parts,
            @JsonProperty("input_ids") List<Integer> inputIds,
            @JsonProperty("attention_mask") List<Integer> attentionMask,
            List<Message> messages) {
    }

    /**
     * A prompt part, by {@code type}: {@code text} ({@code tokens} or {@code text}), {@code image} ({@code grid},
     * {@code grid_thw} or {@code width}+{@code height}; {@code camera}), {@code video} ({@code grid} or
     * {@code grid_thw} with {@code second_per_grid_t} / {@code timestamps} / {@code timestamp_tokens}, or
     * {@code frames}+{@code fps}+{@code width}+{@code height}; {@code audio}: its audio track interleaved),
     * {@code table} ({@code cells}), {@code audio} ({@code tokens} or {@code mel_frames}).
     */
    public record Part(
            String type,
            Integer tokens,
            String text,
            List<Integer> grid,
            @JsonProperty("grid_thw") List<Integer> gridThw,
            Integer width,
            Integer height,
            Integer frames,
            Double fps,
            @JsonProperty("second_per_grid_t") Double secondPerGridT,
            List<Double> timestamps,
            @JsonProperty("timestamp_tokens") List<Integer> timestampTokens,
            dev.posplan.api.CameraPart camera,
            List<List<Integer>> cells,
            @JsonProperty("mel_frames") Integer melFrames,
            AudioTrack audio) {
    }

    /**
     * The audio track of a video part, interleaved into it as the model's processor does with
     * {@code use_audio_in_video}: by placeholder {@code tokens} or by {@code mel_frames} (the model's length
     * formula).
     */
    public record AudioTrack(Integer tokens, @JsonProperty("mel_frames") Integer melFrames) {
    }

    /** An OpenAI-style chat message; {@code content} is a string or a list of typed parts. */
    public record Message(String role, JsonNode content) {
    }
}
