package dev.posplan.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code POST /api/plan}: the positions of every token of the prompt, what a decoder needs
 * to continue, and the scheme's frequency allocation.
 *
 * @param scheme          registry name of the scheme
 * @param params          every parameter of the scheme with its effective value, defaults included
 * @param dtype           {@code int32} or {@code float32}, as the reference produces the positions
 * @param axes            axis names, e.g. {@code [t, h, w]}
 * @param length          tokens of the sequence, padding and wrapper tokens included
 * @param positions       {@code [axes][length]} positions
 * @param ropeDelta       the scheme's {@code rope_deltas} ({@code maxPosition + 1 - length} with the length
 *                        the scheme's host counts), an integer for int32 plans
 * @param maxPosition     the scheme's maximum position M
 * @param decodePositions {@code [decodeSteps][axes]} positions of the next generated tokens
 * @param frequencies     the frequency allocation
 * @param tensors         the scheme's outputs other than positions, by name (empty for a plain RoPE)
 */
public record PlanResponse(
        @JsonPropertyDescription("Registry name of the scheme.") String scheme,
        @JsonPropertyDescription("Every scheme parameter with its effective value, defaults included.")
        Map<String, Object> params,
        @JsonPropertyDescription("int32 or float32, as the reference produces the positions.") String dtype,
        @JsonPropertyDescription("Axis names, e.g. [t, h, w].") List<String> axes,
        @JsonPropertyDescription("Tokens in the sequence, padding and wrapper tokens included.") int length,
        @JsonPropertyDescription("[axes][length] positions: integers for int32, float32 values for float32.")
        PositionValues positions,
        @JsonPropertyDescription("rope_deltas: maxPosition + 1 - length (the length the scheme's host counts); "
                + "null for an encoding without positions.")
        Number ropeDelta,
        @JsonPropertyDescription("The scheme's maximum position M; null for an encoding without positions.")
        Number maxPosition,
        @JsonPropertyDescription("[decodeSteps][axes] positions of the next generated tokens.")
        PositionValues decodePositions,
        @JsonPropertyDescription("The scheme's frequency allocation.") FrequencyInfo frequencies,
        @JsonPropertyDescription("Scheme outputs other than positions (camera rays, projections, GTA "
                + "representations), by name; empty for a plain RoPE.")
        Map<String, TensorValues> tensors) {
}
