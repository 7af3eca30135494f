package dev.posplan.multimodal.camera;

import dev.posplan.multimodal.InvalidInputException;
import java.util.Objects;

/**
 * Pinhole intrinsics {@code fx, fy, cx, cy} (no skew) in explicitly stated units.
 *
 * <p>{@link Units#PIXELS}: pixels of the image the camera view describes (PRoPE {@code Ks}, LVSM
 * {@code fxfycxcy}, CameraCtrl after scaling). {@link Units#NORMALIZED}: divided by the image width
 * ({@code fx, cx}) and height ({@code fy, cy}), as in RealEstate10K camera files. PRoPE's further
 * normalisation ({@code fx/W, cx/W − 0.5}) is the encoding's business, not an input unit.
 *
 * @param fx    focal length along x, must be positive (zero makes the intrinsics singular)
 * @param fy    focal length along y, must be positive
 * @param cx    principal point x
 * @param cy    principal point y
 * @param units pixels or normalised
 */
public record Intrinsics(double fx, double fy, double cx, double cy, Units units) {

    /** How the four numbers are expressed. */
    public enum Units {
        /** Pixels of the camera view's image. */
        PIXELS,
        /** Divided by image width (fx, cx) and height (fy, cy): RealEstate10K files. */
        NORMALIZED
    }

    public Intrinsics {
        Objects.requireNonNull(units, "intrinsics.units");
        requireFinite("fx", fx);
        requireFinite("fy", fy);
        requireFinite("cx", cx);
        requireFinite("cy", cy);
        requireFocal("fx", fx);
        requireFocal("fy", fy);
    }

    public static Intrinsics pixels(double fx, double fy, double cx, double cy) {
        return new Intrinsics(fx, fy, cx, cy, Units.PIXELS);
    }

    public static Intrinsics normalized(double fx, double fy, double cx, double cy) {
        return new Intrinsics(fx, fy, cx, cy, Units.NORMALIZED);
    }

    /**
     * From a 3x3 camera matrix {@code [[fx, s, cx], [0, fy, cy], [0, 0, k22]]}. Only fx, fy, cx, cy are read:
     * PRoPE forces {@code K[2][2] = 1} when it normalises (LVSM builds K with {@code K[2][2] = 0}), and skew
     * must be 0 because no reference models it.
     */
    public static Intrinsics fromMatrix(double[][] k, Units units) {
        Objects.requireNonNull(k, "intrinsics: K");
        if (k.length != 3) {
            throw InvalidInputException.of("intrinsics: K must be 3x3, got " + k.length + " rows");
        }
        for (int r = 0; r < 3; r++) {
            if (k[r] == null || k[r].length != 3) {
                throw InvalidInputException.of("intrinsics: K must be 3x3, row " + r + " has "
                        + (k[r] == null ? "no" : String.valueOf(k[r].length)) + " values");
            }
        }
        if (k[0][1] != 0 || k[1][0] != 0 || k[2][0] != 0 || k[2][1] != 0) {
            throw InvalidInputException.of("intrinsics: K must have zero skew and an upper-triangular "
                    + "[[fx,0,cx],[0,fy,cy],[0,0,1]] form");
        }
        return new Intrinsics(k[0][0], k[1][1], k[0][2], k[1][2], units);
    }

    /** The same intrinsics in pixels of a {@code width} × {@code height} image. */
    public Intrinsics inPixels(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw InvalidInputException.of("intrinsics: image size must be positive, got width=" + width
                    + ", height=" + height);
        }
        if (units == Units.PIXELS) {
            return this;
        }
        return pixels(fx * width, fy * height, cx * width, cy * height);
    }

    /** Rows of {@code K = [[fx, 0, cx], [0, fy, cy], [0, 0, 1]]} (row-major 3x3). */
    public double[] matrix() {
        return new double[] {fx, 0, cx, 0, fy, cy, 0, 0, 1};
    }

    private static void requireFinite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw InvalidInputException.of("intrinsics." + name + " must be finite, got " + v);
        }
    }

    private static void requireFocal(String name, double v) {
        if (!(v > 0)) {
            throw InvalidInputException.of("intrinsics." + name + " must be positive, got " + v
                    + (v == 0 ? " (singular intrinsics)" : ""));
        }
    }
}
