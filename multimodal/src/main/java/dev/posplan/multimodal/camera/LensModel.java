package dev.posplan.multimodal.camera;

import dev.posplan.multimodal.InvalidInputException;

/**
 * How a camera maps normalised image coordinates {@code (x, y) = ((u − cx)/fx, (v − cy)/fy)} to ray
 * directions in the camera frame (OpenCV axes) and back.
 */
public sealed interface LensModel permits LensModel.Pinhole, LensModel.UnifiedCamera {

    /**
     * The unit ray through normalised image point {@code (x, y)} written to {@code out[off..off+2]};
     * NaN in all three components where the lens has no ray.
     */
    void unproject(double x, double y, double[] out, int off);

    /** Normalised image coordinates {@code (x, y)} of a camera-frame direction, written to {@code out[0..1]}. */
    void project(double dx, double dy, double dz, double[] out);

    /** The plain pinhole: {@code d = normalize(x, y, 1)} (CameraCtrl, LVSM, PRoPE). */
    static LensModel pinhole() {
        return Pinhole.INSTANCE;
    }

    /** Unified camera model with mirror parameter ξ (UCPE; ξ = 0 is a pinhole). */
    static LensModel unified(double xi) {
        return new UnifiedCamera(xi);
    }

    /** Pinhole projection. */
    record Pinhole() implements LensModel {
        static final Pinhole INSTANCE = new Pinhole();

        @Override
        public void unproject(double x, double y, double[] out, int off) {
            double n = Math.sqrt(x * x + y * y + 1);
            out[off] = x / n;
            out[off + 1] = y / n;
            out[off + 2] = 1 / n;
        }

        @Override
        public void project(double dx, double dy, double dz, double[] out) {
            out[0] = dx / dz;
            out[1] = dy / dz;
        }
    }

    /**
     * Unified camera model (UCM) as equilib's {@code ucm_unproject_grid} and UCPE's
     * {@code project_ucm_points} implement it (spec table-camera.md §5.1): with {@code r² = x² + y²},
     * {@code α = ξ + sqrt(1 + (1 − ξ²) r²)}, {@code γ = α / (1 + r²)}, the ray is {@code (γx, γy, γ − ξ)}
     * (unit length); it does not exist (NaN) where {@code 1 + (1 − ξ²) r² < 0}, which happens for ξ > 1.
     * Projection: {@code x = X / (Z + ξ |P|)}.
     *
     * @param xi mirror parameter ξ ≥ 0 (0 pinhole, 0 &lt; ξ &lt; 1 moderate fisheye, ξ ≥ 1 very wide)
     */
    record UnifiedCamera(double xi) implements LensModel {

        public UnifiedCamera {
            if (!(xi >= 0) || Double.isInfinite(xi)) {
                throw InvalidInputException.of("lens.xi must be finite and >= 0, got " + xi);
            }
        }

        @Override
        public void unproject(double x, double y, double[] out, int off) {
            double r2 = x * x + y * y;
            double disc = 1 + (1 - xi * xi) * r2;
            if (disc < 0) {
                out[off] = Double.NaN;
                out[off + 1] = Double.NaN;
                out[off + 2] = Double.NaN;
                return;
            }
            double gamma = (xi + Math.sqrt(disc)) / (1 + r2);
            out[off] = gamma * x;
            out[off + 1] = gamma * y;
            out[off + 2] = gamma - xi;
        }

        @Override
        public void project(double dx, double dy, double dz, double[] out) {
            double alpha = dz + xi * Math.sqrt(dx * dx + dy * dy + dz * dz);
            out[0] = dx / alpha;
            out[1] = dy / alpha;
        }

        /**
         * Focal length from the horizontal field of view (UCPE {@code compute_fx_from_fov_xi}):
         * {@code fx = (width/2)(cos θ + ξ)/sin θ} with {@code θ = fov/2}.
         *
         * @param fovDegrees horizontal field of view in degrees: in (0, 360) and below the widest view the lens
         *                   has, {@link #maxFovDegrees()} (at or beyond it the formula gives fx &le; 0)
         * @param width      image width in the units fx is wanted in (pixels or patches), finite and &gt; 0
         */
        public double focalFromFov(double fovDegrees, double width) {
            requirePositive("width", width);
            double max = maxFovDegrees();
            if (!(fovDegrees > 0 && fovDegrees < max)) {
                throw InvalidInputException.of("x_fov_deg must be in (0, " + max + ") degrees for lens.xi = "
                        + xi + ", got " + fovDegrees
                        + (fovDegrees >= max && max < 360 ? " (cos(fov/2) + xi <= 0 gives no positive focal length)"
                                : ""));
            }
            double theta = Math.toRadians(0.5 * fovDegrees);
            double f = (width * 0.5) * (Math.cos(theta) + xi) / Math.sin(theta);
            if (!(f > 0) || Double.isInfinite(f)) {
                // Only reachable within rounding of maxFovDegrees().
                throw InvalidInputException.of("x_fov_deg = " + fovDegrees + " with lens.xi = " + xi
                        + " gives no finite positive focal length (got " + f + ")");
            }
            return f;
        }

        /**
         * The widest horizontal field of view {@link #focalFromFov} accepts (exclusive): where
         * {@code cos θ + ξ} reaches 0, i.e. {@code 2 acos(−ξ)} degrees for ξ &lt; 1 (180° for the pinhole),
         * 360° for ξ &ge; 1.
         */
        public double maxFovDegrees() {
            return xi >= 1 ? 360.0 : 2.0 * Math.toDegrees(Math.acos(-xi));
        }

        /**
         * Horizontal field of view in degrees for a focal length (UCPE {@code compute_fov_from_fx_xi}, the
         * inverse of {@link #focalFromFov}): {@code A = 2fx/W}, {@code θ = asin(ξ/√(A²+1)) + atan(1/A)}.
         *
         * @param fx    focal length, finite and &gt; 0, in the units of {@code width}
         * @param width image width, finite and &gt; 0
         */
        public double fovFromFocal(double fx, double width) {
            requirePositive("fx", fx);
            requirePositive("width", width);
            double a = 2.0 * fx / width;
            double ratio = Math.max(-1.0, Math.min(1.0, xi / Math.sqrt(a * a + 1.0)));
            return Math.toDegrees(2.0 * (Math.asin(ratio) + Math.atan(1.0 / a)));
        }

        /**
         * Pixel intrinsics UCPE derives from a horizontal field of view: {@code fx = fy} from
         * {@link #focalFromFov}, principal point at the image centre {@code (W/2, H/2)}.
         */
        public Intrinsics intrinsicsFromFov(double fovDegrees, int width, int height) {
            requirePositive("height", height);
            double f = focalFromFov(fovDegrees, width);
            return Intrinsics.pixels(f, f, width / 2.0, height / 2.0);
        }

        private static void requirePositive(String field, double v) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw InvalidInputException.of(field + " must be finite and > 0, got " + v);
            }
        }
    }
}
