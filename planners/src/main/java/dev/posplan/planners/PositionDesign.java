package dev.posplan.planners;

import dev.posplan.multimodal.TokenStream;
import java.util.function.UnaryOperator;

/** The position half of a scheme: the position of every token on each axis. */
@FunctionalInterface
public interface PositionDesign {

    PositionPlan plan(TokenStream stream);

    /** This design with {@code after} applied to each plan (a decode rule, a delta base, …). */
    default PositionDesign andThen(UnaryOperator<PositionPlan> after) {
        return stream -> after.apply(plan(stream));
    }
}
