package dev.posplan.conformance;

import dev.posplan.multimodal.camera.Pose;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Shared reading and tolerances of the camera golden folders ({@code plucker}, {@code prope}, {@code gta},
 * {@code ucpe}; golden/README-table-camera.md).
 *
 * <p>Tolerance: the references compute in float32 and the files round every float to 7 decimals, so a
 * value is compared within {@link #ATOL} + {@link #RTOL}·|expected| (a few float32 ulps plus the 5e-8
 * rounding); NaN must match NaN. posplan computes geometry in double and rounds to float32 at the end,
 * so the remaining difference is the reference's own float32 rounding.
 */
final class CameraGolden {

    static final double ATOL = 1e-6;
    static final double RTOL = 1e-6;

    private CameraGolden() {
    }

    static void near(String what, JsonNode expected, float[] actual) {
        Expect.near(what, expected, actual, ATOL, RTOL);
    }

    static void near(String what, JsonNode expected, double[] actual) {
        Expect.near(what, expected, actual, ATOL, RTOL);
    }

    /** A 4x4 (or 3x4, completed with 0 0 0 1) nested matrix as 16 row-major values. */
    static double[] matrix4(JsonNode m) {
        double[] v = Golden.flatten(m);
        if (v.length == 16) {
            return v;
        }
        if (v.length == 12) {
            double[] out = new double[16];
            System.arraycopy(v, 0, out, 0, 12);
            out[15] = 1;
            return out;
        }
        throw new IllegalArgumentException("not a 4x4 or 3x4 matrix: " + v.length + " values");
    }

    /** A list of 4x4 (or 3x4) matrices as poses with the given meaning, OpenCV axes. */
    static List<Pose> poses(JsonNode list, Pose.Direction direction) {
        List<Pose> out = new ArrayList<>();
        for (JsonNode m : list.values()) {
            out.add(new Pose(matrix4(m), direction, Pose.Axes.OPENCV));
        }
        return out;
    }

    static double[][] matrix3(JsonNode k) {
        double[][] out = new double[3][3];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                out[r][c] = k.get(r).get(c).asDouble();
            }
        }
        return out;
    }

    /** Token-major {@code [views, pixels, channels]} to the channel-major {@code [views, channels, pixels]} layout. */
    static float[] channelMajor(float[] tokenMajor, int views, int pixels, int channels) {
        float[] out = new float[tokenMajor.length];
        for (int v = 0; v < views; v++) {
            for (int p = 0; p < pixels; p++) {
                for (int c = 0; c < channels; c++) {
                    out[(v * channels + c) * pixels + p] = tokenMajor[(v * pixels + p) * channels + c];
                }
            }
        }
        return out;
    }

    static float[] floats(JsonNode nested) {
        double[] d = Golden.flatten(nested);
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (float) d[i];
        }
        return out;
    }

    /** Columns {@code [from, from + count)} of every row of a {@code [n, width]} array. */
    static double[] columns(double[] rows, int width, int from, int count) {
        int n = rows.length / width;
        double[] out = new double[n * count];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows, i * width + from, out, i * count, count);
        }
        return out;
    }

    static double[] columns(float[] rows, int width, int from, int count) {
        double[] d = new double[rows.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = rows[i];
        }
        return columns(d, width, from, count);
    }

    static double[] concat(List<double[]> parts) {
        int n = parts.stream().mapToInt(a -> a.length).sum();
        double[] out = new double[n];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
