package dev.posplan.planners.camera;

import dev.posplan.multimodal.InvalidInputException;
import java.util.Objects;

/**
 * World-frame rays of a set of views sharing one token grid: per token an origin and a direction,
 * views outer, then rows, then columns (the token order of every reference). Directions are unit
 * vectors when traced from cameras, NaN where the lens has no ray; rays given from outside may be
 * unnormalised. Stored as {@code double[tokens · 3]}; {@link #originsFloat32()} gives what a model sees.
 */
public final class RayGrid {

    private final int views;
    private final int rows;
    private final int cols;
    private final double[] origins;
    private final double[] directions;

    private RayGrid(int views, int rows, int cols, double[] origins, double[] directions) {
        if (views <= 0 || rows <= 0 || cols <= 0) {
            throw InvalidInputException.of("ray grid: views, rows and cols must be positive, got "
                    + views + "x" + rows + "x" + cols);
        }
        long n = 3L * views * rows * cols;
        if (origins.length != n || directions.length != n) {
            throw InvalidInputException.of("ray grid: " + views + "x" + rows + "x" + cols
                    + " needs " + n + " origin and direction values");
        }
        this.views = views;
        this.rows = rows;
        this.cols = cols;
        this.origins = origins;
        this.directions = directions;
    }

    /**
     * Rays from arrays of {@code views · rows · cols · 3} values (copied). Origins must be finite; a
     * direction is either three finite values, not all zero, or three NaN (no ray, embedded as zeros).
     */
    public static RayGrid of(int views, int rows, int cols, double[] origins, double[] directions) {
        Objects.requireNonNull(origins, "ray grid: origins");
        Objects.requireNonNull(directions, "ray grid: directions");
        RayGrid g = new RayGrid(views, rows, cols, origins.clone(), directions.clone());
        g.requireValues();
        return g;
    }

    private void requireValues() {
        for (int k = 0; k < origins.length; k += 3) {
            for (int a = 0; a < 3; a++) {
                if (!Double.isFinite(origins[k + a])) {
                    throw InvalidInputException.of("ray grid: origins[" + (k + a) + "] (ray " + k / 3
                            + ") must be finite, got " + origins[k + a]);
                }
            }
            double x = directions[k];
            double y = directions[k + 1];
            double z = directions[k + 2];
            boolean noRay = Double.isNaN(x) && Double.isNaN(y) && Double.isNaN(z);
            boolean finite = Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(z);
            if (!noRay && !(finite && (x != 0 || y != 0 || z != 0))) {
                throw InvalidInputException.of("ray grid: directions[" + k + ".." + (k + 2) + "] (ray " + k / 3
                        + ") = (" + x + ", " + y + ", " + z + ") must be finite and non-zero, or all NaN for no ray");
            }
        }
    }

    /** Takes ownership of the arrays (callers in this package build them fresh). */
    static RayGrid wrap(int views, int rows, int cols, double[] origins, double[] directions) {
        return new RayGrid(views, rows, cols, origins, directions);
    }

    public int views() {
        return views;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public int tokens() {
        return views * rows * cols;
    }

    public double origin(int token, int axis) {
        return origins[3 * token + axis];
    }

    public double direction(int token, int axis) {
        return directions[3 * token + axis];
    }

    public double[] origins() {
        return origins.clone();
    }

    public double[] directions() {
        return directions.clone();
    }

    public float[] originsFloat32() {
        return CameraMath.toFloat(origins);
    }

    public float[] directionsFloat32() {
        return CameraMath.toFloat(directions);
    }

    /** Package access to the backing arrays, read-only by convention. */
    double[] originArray() {
        return origins;
    }

    double[] directionArray() {
        return directions;
    }
}
