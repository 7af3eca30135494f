package dev.posplan.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/plan}: one prompt to plan with one scheme. The request only carries what a
 * VLM pipeline knows (token counts and merged grids); the service validates it and checks its limits.
 *
 * @param scheme      registry name of the scheme ({@code GET /api/schemes})
 * @param params      scheme parameters by their reference names; absent ones take the scheme's defaults
 * @param format      host format API name: how images and videos become tokens
 * @param parts       the prompt in order
 * @param leftPadding padding tokens before the prompt (a left-padded batch row); 0 when absent
 * @param decodeSteps how many generated tokens to return positions for; 0 when absent
 */
public record PlanRequest(
        @JsonProperty(required = true)
        @JsonPropertyDescription("Registry name of the position scheme (GET /api/schemes), e.g. mrope-interleave.")
        String scheme,
        @JsonPropertyDescription("Scheme parameters by their reference names (head_dim, rope_theta, mrope_section, "
                + "compat, ...); absent ones take the scheme's documented defaults, unknown ones are rejected.")
        Map<String, Object> params,
        @JsonProperty(required = true)
        @JsonPropertyDescription("Host format: qwen2-vl, qwen3-vl, qwen3-vl-outer-wrap, internvl2 or bare.")
        String format,
        @JsonProperty(required = true)
        @JsonPropertyDescription("The prompt in order: text runs, images and videos.")
        List<PlanPart> parts,
        @JsonPropertyDescription("Padding tokens before the prompt, as in a left-padded batch row. Default 0.")
        Integer leftPadding,
        @JsonPropertyDescription("Number of generated tokens whose positions to return. Default 0.")
        Integer decodeSteps) {

    /**
     * Absent optional fields take their defaults (no params, no padding, no decode steps); lists and maps are
     * copied, null entries kept for the service to report.
     */
    public PlanRequest {
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
        leftPadding = leftPadding == null ? 0 : leftPadding;
        decodeSteps = decodeSteps == null ? 0 : decodeSteps;
        parts = parts == null ? null : Collections.unmodifiableList(new ArrayList<>(parts));
    }
}
