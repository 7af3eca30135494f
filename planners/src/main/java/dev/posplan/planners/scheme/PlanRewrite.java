package dev.posplan.planners.scheme;

import dev.posplan.planners.PositionBuffer;
import dev.posplan.planners.PositionPlan;
import java.util.function.DoubleUnaryOperator;

/**
 * A plan rebuilt with every position mapped and another M, for the few reference quirks that show after the
 * walk (a host's cache lookup, a max taken over pad values); decode continues where the plan said, or at the
 * new M + 1 when M changes.
 */
final class PlanRewrite {

    private PlanRewrite() {
    }

    static PositionPlan map(PositionPlan plan, DoubleUnaryOperator value, double max) {
        PositionBuffer out = PositionBuffer.allocate(plan.dtype(), plan.axes(), plan.length());
        double[] start = new double[plan.axes()];
        for (int a = 0; a < plan.axes(); a++) {
            for (int i = 0; i < plan.length(); i++) {
                out.set(a, i, value.applyAsDouble(plan.get(a, i)));
            }
            start[a] = plan.decodePosition(a, 0) + (max - plan.maxPosition());
        }
        return PositionPlan.of(plan.axisNames(), out, plan.unpaddedLength(), max, start, plan.decodeStep())
                .withDeltaBase(plan.deltaBase());
    }
}
