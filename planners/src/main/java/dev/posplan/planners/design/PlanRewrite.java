package dev.posplan.planners.design;

import dev.posplan.planners.PositionBuffer;
import dev.posplan.planners.PositionPlan;
import java.util.function.DoubleUnaryOperator;

/**
 * A plan rebuilt with every position mapped and another M, for the few reference quirks that show after the
 * walk (a host's cache lookup, a max taken over pad values). The result has the plan's dtype, rope-delta base
 * and output tensors; decode continues where the plan said, shifted by the change of M.
 */
public final class PlanRewrite {

    private PlanRewrite() {
    }

    public static PositionPlan map(PositionPlan plan, DoubleUnaryOperator value, double max) {
        PositionBuffer out = PositionBuffer.allocate(plan.dtype(), plan.axes(), plan.length());
        double[] start = new double[plan.axes()];
        for (int a = 0; a < plan.axes(); a++) {
            for (int i = 0; i < plan.length(); i++) {
                out.set(a, i, value.applyAsDouble(plan.get(a, i)));
            }
            start[a] = plan.decodePosition(a, 0) + (max - plan.maxPosition());
        }
        return PositionPlan.of(plan.axisNames(), out, plan.unpaddedLength(), max, start, plan.decodeStep())
                .withDeltaBase(plan.deltaBase()).withTensors(plan.tensors());
    }
}
