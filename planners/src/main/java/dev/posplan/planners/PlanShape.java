package dev.posplan.planners;

import java.util.List;
import java.util.Objects;

/**
 * The axes and element type of a batch's plans, known before planning: what a caller allocates
 * {@link Scheme#planBatchInto} targets for.
 */
public record PlanShape(List<String> axisNames, DType dtype) {

    public PlanShape {
        axisNames = List.copyOf(axisNames);
        Objects.requireNonNull(dtype, "dtype");
    }

    public int axes() {
        return axisNames.size();
    }
}
