package dev.posplan.planners;

import dev.posplan.multimodal.TokenStream;

/** The position half of a scheme: the position of every token on each axis. */
@FunctionalInterface
public interface PositionDesign {

    PositionPlan plan(TokenStream stream);
}
