package dev.posplan.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * One typed scheme parameter: the catalogue's view of a scheme's declaration.
 *
 * @param name        parameter name in {@code params}
 * @param type        {@code integer}, {@code number}, {@code boolean}, {@code string}, {@code integer[]},
 *                    {@code number[]} or {@code number|boolean}
 * @param defaultValue the value used when the request gives none; null when there is none (or another
 *                    parameter decides it, as the description says)
 * @param allowed     the allowed range or values
 * @param description what it does
 */
public record ParameterInfo(
        @JsonPropertyDescription("Parameter name in params.") String name,
        @JsonPropertyDescription("integer, number, boolean, string, integer[], number[] or number|boolean.")
        String type,
        @JsonProperty("default")
        @JsonPropertyDescription("Value used when the request gives none; null: none, or decided by another "
                + "parameter (see description).")
        Object defaultValue,
        @JsonPropertyDescription("Allowed range (for lists: of each element) or values.") Allowed allowed,
        @JsonPropertyDescription("What the parameter does.") String description) {

    /**
     * Allowed values: a range ({@code min}, {@code max}, {@code min_exclusive}) or a list of names; absent
     * bounds are unbounded.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Allowed(
            @JsonPropertyDescription("Lower bound.") Double min,
            @JsonProperty("min_exclusive")
            @JsonPropertyDescription("Whether the lower bound itself is excluded.") Boolean minExclusive,
            @JsonPropertyDescription("Upper bound (inclusive).") Double max,
            @JsonPropertyDescription("The allowed names.") List<String> values) {
    }
}
