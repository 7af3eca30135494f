package dev.posplan.conformance;

import dev.posplan.planners.DType;
import dev.posplan.planners.PositionPlan;
import tools.jackson.databind.JsonNode;

/** Comparisons that throw a {@link Mismatch} describing the first difference. */
public final class Expect {

    private Expect() {
    }

    /**
     * Position IDs {@code values[axis][token]} against a plan. float32 goldens compare bits after rounding
     * the golden decimal to float; integer goldens compare exactly. Every slot is compared, padded ones
     * included; only JSON {@code null} entries (a slot the reference left unfilled, e.g. vLLM's pads) are
     * skipped. A one-axis plan is compared against every golden axis.
     */
    public static void positions(JsonNode values, PositionPlan plan, boolean float32,
            java.util.List<String> axisNames) {
        positions(values, plan, float32, axisNames, 0);
    }

    /**
     * As {@link #positions(JsonNode, PositionPlan, boolean, java.util.List)}, but with {@code tolerance > 0}
     * values only need to agree within that absolute tolerance (for schemes whose reference uses
     * transcendental functions, README-vlm-ropes: CircleRoPE to 1e-4).
     */
    public static void positions(JsonNode values, PositionPlan plan, boolean float32,
            java.util.List<String> axisNames, double tolerance) {
        if (values.get(0).size() != plan.length()) {
            throw new Mismatch("length: expected " + values.get(0).size() + " tokens, actual " + plan.length());
        }
        if (plan.axes() != 1 && plan.axes() != values.size()) {
            throw new Mismatch("axes: expected " + values.size() + ", actual " + plan.axes());
        }
        if (float32 != (plan.dtype() == DType.FLOAT32)) {
            throw new Mismatch("dtype: expected " + (float32 ? "float32" : "integer") + ", actual " + plan.dtype());
        }
        for (int a = 0; a < values.size(); a++) {
            JsonNode row = values.get(a);
            int planAxis = plan.axes() == 1 ? 0 : a;
            for (int i = 0; i < row.size(); i++) {
                if (row.get(i).isNull()) {
                    continue;
                }
                double expected = row.get(i).asDouble();
                double actual = plan.get(planAxis, i);
                boolean same = tolerance > 0 ? Math.abs(expected - actual) <= tolerance
                        : float32 ? Float.floatToIntBits((float) expected) == Float.floatToIntBits((float) actual)
                        : expected == actual;
                if (!same) {
                    String axis = axisNames != null && a < axisNames.size() ? axisNames.get(a) : String.valueOf(a);
                    throw new Mismatch("token " + i + ", axis " + axis + ": expected " + fmt(expected, float32)
                            + ", actual " + fmt(actual, float32));
                }
            }
        }
    }

    private static String fmt(double v, boolean float32) {
        return float32 ? Float.toString((float) v) : (v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v));
    }

    public static void scalar(String what, double expected, double actual) {
        if (Double.compare(expected, actual) != 0 && !(expected == actual)) {
            throw new Mismatch(what + ": expected " + expected + ", actual " + actual);
        }
    }

    /** float32 values bit for bit. */
    public static void floatBits(String what, JsonNode expected, float[] actual) {
        if (expected.size() != actual.length) {
            throw new Mismatch(what + ": expected " + expected.size() + " values, actual " + actual.length);
        }
        for (int i = 0; i < actual.length; i++) {
            float e = (float) expected.get(i).asDouble();
            if (Float.floatToIntBits(e) != Float.floatToIntBits(actual[i])) {
                throw new Mismatch(what + "[" + i + "]: expected " + e + ", actual " + actual[i]);
            }
        }
    }

    public static void ints(String what, JsonNode expected, int[] actual) {
        if (actual == null || expected.size() != actual.length) {
            throw new Mismatch(what + ": expected " + expected.size() + " values, actual "
                    + (actual == null ? "none" : actual.length));
        }
        for (int i = 0; i < actual.length; i++) {
            if (expected.get(i).asInt() != actual[i]) {
                throw new Mismatch(what + "[" + i + "]: expected " + expected.get(i).asInt() + ", actual " + actual[i]);
            }
        }
    }

    /** Within {@code ulps} float32 units in the last place. */
    public static void ulps(String what, double expected, float actual, int ulps) {
        float e = (float) expected;
        if (Float.isNaN(e) && Float.isNaN(actual)) {
            return;
        }
        float tolerance = ulps * Math.max(Math.ulp(e), Math.ulp(actual));
        if (!(Math.abs(e - actual) <= tolerance)) {
            throw new Mismatch(what + ": expected " + e + ", actual " + actual + " (more than " + ulps + " ulp)");
        }
    }

    /** Within an absolute tolerance (NaN equals NaN). */
    public static void close(String what, double expected, double actual, double tolerance) {
        if (Double.isNaN(expected) && Double.isNaN(actual)) {
            return;
        }
        if (!(Math.abs(expected - actual) <= tolerance)) {
            throw new Mismatch(what + ": expected " + expected + ", actual " + actual + " (tolerance " + tolerance + ")");
        }
    }

    /**
     * A nested JSON array (flattened row-major) against values: each within {@code atol + rtol·|expected|};
     * NaN matches only NaN.
     */
    public static void near(String what, JsonNode expected, double[] actual, double atol, double rtol) {
        near(what, Golden.flatten(expected), actual, atol, rtol);
    }

    /** Values against values: each within {@code atol + rtol·|expected|}; NaN matches only NaN. */
    public static void near(String what, double[] e, double[] actual, double atol, double rtol) {
        if (e.length != actual.length) {
            throw new Mismatch(what + ": expected " + e.length + " values, actual " + actual.length);
        }
        for (int i = 0; i < e.length; i++) {
            boolean ok = Double.isNaN(e[i]) ? Double.isNaN(actual[i])
                    : Math.abs(e[i] - actual[i]) <= atol + rtol * Math.abs(e[i]);
            if (!ok) {
                throw new Mismatch(what + "[" + i + "]: expected " + e[i] + ", actual " + actual[i]
                        + " (tolerance " + atol + " + " + rtol + "·|expected|)");
            }
        }
    }

    /**
     * As {@link #near(String, double[], double[], double, double)} with an extra per-element allowance
     * {@code slack[i]} (a bound derived from the inputs, e.g. {@link ProjectiveTolerance}).
     */
    public static void near(String what, JsonNode expected, float[] actual, double atol, double rtol, double[] slack) {
        double[] e = Golden.flatten(expected);
        if (e.length != actual.length || slack.length != actual.length) {
            throw new Mismatch(what + ": expected " + e.length + " values, actual " + actual.length);
        }
        for (int i = 0; i < e.length; i++) {
            double tol = atol + rtol * Math.abs(e[i]) + slack[i];
            boolean ok = Double.isNaN(e[i]) ? Double.isNaN(actual[i]) : Math.abs(e[i] - actual[i]) <= tol;
            if (!ok) {
                throw new Mismatch(what + "[" + i + "]: expected " + e[i] + ", actual " + actual[i] + " (tolerance "
                        + atol + " + " + rtol + "·|expected| + geometry slack " + slack[i] + ")");
            }
        }
    }

    public static void near(String what, JsonNode expected, float[] actual, double atol, double rtol) {
        double[] a = new double[actual.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = actual[i];
        }
        near(what, expected, a, atol, rtol);
    }

    public static void bool(String what, boolean expected, boolean actual) {
        if (expected != actual) {
            throw new Mismatch(what + ": expected " + expected + ", actual " + actual);
        }
    }
}
