package dev.posplan.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One piece of a prompt on the wire, told apart by its {@code "type"}: {@code text}, {@code image} (optionally
 * with the {@code camera} that took it), {@code video} or {@code table}. Grids are merged LLM grids
 * {@code [t, h, w]} (one cell per placeholder token).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = PlanPart.Text.class, name = "text"),
        @JsonSubTypes.Type(value = PlanPart.Image.class, name = "image"),
        @JsonSubTypes.Type(value = PlanPart.Video.class, name = "video"),
        @JsonSubTypes.Type(value = PlanPart.Table.class, name = "table")})
public sealed interface PlanPart {

    /** {@code tokens} text tokens. */
    record Text(
            @JsonProperty(required = true)
            @JsonPropertyDescription("Number of text tokens (>= 0).")
            int tokens) implements PlanPart {
    }

    /**
     * One image with its merged grid {@code [t, h, w]} ({@code t} temporal slices in the Qwen formats, planned
     * as the reference does or answered with an input error where the reference fails; tiles in InternVL; 1 in
     * the bare format), or a posed image whose grid its camera decides.
     */
    record Image(
            @JsonPropertyDescription("Merged LLM grid [t, h, w]; t = temporal slices in the qwen formats (t > 1 "
                    + "planned as the reference does, or refused where it fails: compat vllm, circlerope with "
                    + "no_circle or dff_rate), tiles in internvl2, 1 in bare. Optional with a camera (its token "
                    + "grid); required otherwise.")
            List<Integer> grid,
            @JsonPropertyDescription("The camera that took the image, for camera encodings (plucker, prope, gta, "
                    + "ucpe). Optional.")
            CameraPart camera) implements PlanPart {

        public Image {
            grid = copy(grid);
        }
    }

    /**
     * One video.
     *
     * @param grid            merged LLM grid {@code [t, h, w]}, {@code t} temporal patches
     * @param secondPerGridT  Qwen2.5-VL {@code second_per_grid_t} as the processor computes it (a Python
     *                        float; the service rounds it to float32 as the reference's tensor does), or null
     * @param timestampTokens text tokens before each temporal patch (Qwen3-VL {@code "<x.x seconds>"},
     *                        InternVL {@code "FrameN:"}); null means none
     */
    record Video(
            @JsonProperty(required = true)
            @JsonPropertyDescription("Merged LLM grid [t, h, w]; t = temporal patches.")
            List<Integer> grid,
            @JsonProperty("second_per_grid_t")
            @JsonPropertyDescription("Seconds per temporal patch (Qwen2.5-VL second_per_grid_t), rounded to "
                    + "float32 like the reference tensor. Optional.")
            Double secondPerGridT,
            @JsonProperty("timestamp_tokens")
            @JsonPropertyDescription("Text tokens before each temporal patch (Qwen3-VL timestamps, InternVL "
                    + "FrameN:): a list with one count per patch, or one integer for every patch. Default 0.")
            TimestampTokens timestampTokens) implements PlanPart {

        public Video {
            grid = copy(grid);
        }
    }

    /**
     * One table (2D-TPE), given as the token count of every cell, {@code cells[row][column]} (header row first,
     * every row the same length); the service serialises it as the reference's 2R x (2C+1) token grid.
     */
    record Table(
            @JsonProperty(required = true)
            @JsonPropertyDescription("Token count of every cell, [row][column], header row first; rows of equal "
                    + "length.")
            List<List<Integer>> cells) implements PlanPart {

        public Table {
            cells = cells == null ? null : Collections.unmodifiableList(new ArrayList<>(cells));
        }
    }

    private static List<Integer> copy(List<Integer> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
