package dev.posplan.planners;

import dev.posplan.multimodal.TokenStream;
import java.util.ArrayList;
import java.util.List;

/** Checks a caller's buffer against a row, and the plan-and-slice fallback that copies a window out of a plan. */
public final class WindowCopy {

    private WindowCopy() {
    }

    /** Checks that {@code out} fits a row of {@code axes} axes and {@code length} slots of type {@code type}. */
    public static void check(PositionBuffer out, int axes, int length, DType type) {
        if (out.axes() != axes) {
            throw new IllegalArgumentException("the target has " + out.axes() + " axes, the plan " + axes);
        }
        if (out.from() + (long) out.length() > length) {
            throw new IllegalArgumentException("slots [" + out.from() + ", " + (out.from() + (long) out.length())
                    + ") lie outside the row of " + length + " tokens");
        }
        if (out.dtype() != type) {
            throw new IllegalArgumentException("the plan's positions are " + type.name().toLowerCase()
                    + "; the target holds " + out.dtype().name().toLowerCase()
                    + (type == DType.FLOAT32 ? " (give a float[] target)" : " (give an int[], long[], IntBuffer or LongBuffer target)"));
        }
    }

    public static void checkRows(List<TokenStream> rows, List<PositionBuffer> outs) {
        if (rows.size() != outs.size()) {
            throw new IllegalArgumentException(rows.size() + " rows but " + outs.size() + " targets");
        }
    }

    /** The windows of {@code outs} copied from the plans of a batch, row by row. */
    public static List<RowFacts> copy(List<PositionPlan> plans, List<PositionBuffer> outs) {
        List<RowFacts> facts = new ArrayList<>(plans.size());
        for (int b = 0; b < plans.size(); b++) {
            facts.add(copy(plans.get(b), outs.get(b)));
        }
        return facts;
    }

    /** The window of {@code out} copied from {@code plan}. */
    public static RowFacts copy(PositionPlan plan, PositionBuffer out) {
        check(out, plan.axes(), plan.length(), plan.dtype());
        for (int a = 0; a < plan.axes(); a++) {
            for (int i = out.from(); i < out.from() + out.length(); i++) {
                out.set(a, i, plan.get(a, i));
            }
        }
        return plan.facts();
    }
}
