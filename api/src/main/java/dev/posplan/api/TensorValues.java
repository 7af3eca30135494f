package dev.posplan.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * A scheme output other than positions (camera rays, projections, GTA representations): element type, shape
 * and the values flattened in row-major order.
 *
 * @param dtype {@code float32} or {@code int32}
 * @param shape dimensions, outermost first
 * @param data  the {@code prod(shape)} values, row-major ({@code float[]} or {@code int[]})
 */
public record TensorValues(
        @JsonPropertyDescription("float32 or int32.") String dtype,
        @JsonPropertyDescription("Dimensions, outermost first.") List<Integer> shape,
        @JsonPropertyDescription("The values flattened in row-major order.") Object data) {
}
