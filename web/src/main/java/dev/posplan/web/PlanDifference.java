package dev.posplan.web;

import dev.posplan.planners.BatchPlan;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where two plans of one request differ: the number of token slots (row, token) whose position differs on any
 * axis, and the first such slot in row, token, axis order with both values.
 */
final class PlanDifference {

    private PlanDifference() {
    }

    static Map<String, Object> of(int ia, int ib, BatchPlan a, BatchPlan b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", ia);
        m.put("b", ib);
        if (a.axes() != b.axes() || a.length() != b.length() || a.batchSize() != b.batchSize()) {
            // different layouts: no slot corresponds, every one differs
            m.put("equal", false);
            m.put("differing_tokens", (long) Math.max(a.batchSize(), b.batchSize()) * Math.max(a.length(), b.length()));
            m.put("first_difference", null);
            m.put("reason", "different shapes: [" + a.axes() + ", " + a.batchSize() + ", " + a.length() + "] vs ["
                    + b.axes() + ", " + b.batchSize() + ", " + b.length() + "]");
            return m;
        }
        long differing = 0;
        Map<String, Object> first = null;
        for (int row = 0; row < a.batchSize(); row++) {
            for (int t = 0; t < a.length(); t++) {
                for (int axis = 0; axis < a.axes(); axis++) {
                    double va = a.get(axis, row, t);
                    double vb = b.get(axis, row, t);
                    if (Double.compare(va, vb) != 0) {
                        differing++;
                        if (first == null) {
                            first = new LinkedHashMap<>();
                            first.put("row", row);
                            first.put("token", t);
                            first.put("axis", axis);
                            first.put("a", number(va, a));
                            first.put("b", number(vb, b));
                        }
                        break;
                    }
                }
            }
        }
        m.put("equal", differing == 0);
        m.put("differing_tokens", differing);
        m.put("first_difference", first);
        return m;
    }

    /** Values in the plan's type: integers for int32 plans, float32 otherwise. */
    static java.util.List<Number> numbers(double[] values, BatchPlan plan) {
        java.util.List<Number> out = new java.util.ArrayList<>(values.length);
        for (double v : values) {
            out.add(number(v, plan));
        }
        return out;
    }

    private static Number number(double v, BatchPlan plan) {
        return plan.dtype() == dev.posplan.planners.DType.INT32 ? (Number) (long) v : (Number) (float) v;
    }
}
