package dev.posplan.planners;

import dev.posplan.multimodal.TokenStream;
import java.util.Map;
import java.util.Objects;

/** A scheme made of a position design and a frequency allocation, with the parameters that built it. */
public record ComposedScheme(String name, PositionDesign design, FrequencyAllocation frequencies,
        Map<String, Object> parameters) implements Scheme {

    public ComposedScheme {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(design, "design");
        Objects.requireNonNull(frequencies, "frequencies");
        parameters = Map.copyOf(parameters);
    }

    @Override
    public PositionPlan plan(TokenStream stream) {
        return design.plan(stream);
    }
}
