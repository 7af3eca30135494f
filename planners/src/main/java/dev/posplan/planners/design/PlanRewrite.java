package dev.posplan.planners.design;

import dev.posplan.planners.PositionPlan;
import dev.posplan.planners.PositionBuffer;
import java.util.function.DoubleUnaryOperator;

/**
 * A plan with every position mapped after the walk, for a reference quirk that changes the positions a host
 * rotates by but not its bookkeeping (vLLM's cos/sin cache row for a negative position): M, rope-delta base,
 * output tensors and the host decode rule stay the plan's.
 */
public final class PlanRewrite {

    private PlanRewrite() {
    }

    public static PositionPlan map(PositionPlan plan, DoubleUnaryOperator value) {
        PositionBuffer out = PositionBuffer.allocate(plan.dtype(), plan.axes(), plan.length());
        for (int a = 0; a < plan.axes(); a++) {
            for (int i = 0; i < plan.length(); i++) {
                out.set(a, i, value.applyAsDouble(plan.get(a, i)));
            }
        }
        return PositionPlan.of(plan.axisNames(), out, plan.unpaddedLength(), plan.maxPosition())
                .withDeltaBase(plan.deltaBase()).withTensors(plan.tensors());
    }
}
