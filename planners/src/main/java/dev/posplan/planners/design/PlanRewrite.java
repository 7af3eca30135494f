package dev.posplan.planners.design;

import dev.posplan.multimodal.TokenStream;
import dev.posplan.planners.PositionPlan;
import dev.posplan.planners.PositionBuffer;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * A plan with every position mapped after the walk, for a reference quirk that changes the positions a host
 * rotates by but not its bookkeeping (vLLM's cos/sin cache row for a negative position): the plan's facts (M,
 * rope-delta base, decode rule) and output tensors stay the plan's.
 */
public final class PlanRewrite {

    private PlanRewrite() {
    }

    /**
     * {@code design} with every plan mapped. Its on-demand answers are the default ones (plan the whole row,
     * then copy the window): the inner design's direct slices and blocks would hold the unmapped values.
     */
    public static PositionDesign mapping(PositionDesign design, DoubleUnaryOperator value) {
        return new PositionDesign() {
            @Override
            public PositionPlan plan(TokenStream stream) {
                return map(design.plan(stream), value);
            }

            @Override
            public List<PositionPlan> planBatch(List<TokenStream> rows) {
                return design.planBatch(rows).stream().map(plan -> map(plan, value)).toList();
            }
        };
    }

    private static PositionPlan map(PositionPlan plan, DoubleUnaryOperator value) {
        PositionBuffer out = PositionBuffer.allocate(plan.dtype(), plan.axes(), plan.length());
        for (int a = 0; a < plan.axes(); a++) {
            for (int i = 0; i < plan.length(); i++) {
                out.set(a, i, value.applyAsDouble(plan.get(a, i)));
            }
        }
        return PositionPlan.of(plan.axisNames(), out, plan.facts()).withTensors(plan.tensors());
    }
}
