package dev.posplan.planners.camera;

import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.multimodal.camera.CameraView;
import dev.posplan.multimodal.camera.Intrinsics;
import dev.posplan.multimodal.camera.LinAlg;
import java.util.List;
import java.util.Objects;

/**
 * Casts one ray per visual token through a camera view (spec table-camera.md §6, §7, §5.1): the token
 * at grid row r, column c is sampled at pixel-plane point {@code (u, v)} given by the {@link Sampling}
 * rule, unprojected by the view's lens with its pixel intrinsics, then rotated into the world by the
 * camera-to-world pose (OpenCV axes); the origin is the camera centre.
 */
public final class RayCaster {

    /** Where in its {@code stride × stride} pixel square a token's ray is sampled. */
    public enum Sampling {
        /**
         * {@code u = (c + 0.5)·s, v = (r + 0.5)·s}: the patch centre. At stride 1 this is the pixel-centre
         * rule {@code (i + 0.5, j + 0.5)} of CameraCtrl and LVSM; for a ViT grid it equals LVSM
         * {@code compute_rays} on the token grid with K divided by s (spec §7).
         */
        PATCH_CENTRE,
        /**
         * {@code u = c·s, v = r·s}: the patch's top-left corner; UCPE's integer grid (equilib
         * {@code create_grid}, no +0.5), half a patch off the principal point.
         */
        PATCH_ORIGIN
    }

    private RayCaster() {
    }

    /**
     * Unit ray directions in the camera frame for every token of a view, row-major:
     * {@code double[tokensY · tokensX · 3]}, NaN where the lens has no ray.
     *
     * @param pixelIntrinsics intrinsics in {@link Intrinsics.Units#PIXELS} of the view's image (e.g.
     *                        {@link CameraView#pixelIntrinsics}); normalised ones are rejected, not guessed
     */
    public static double[] cameraDirections(CameraView view, Intrinsics pixelIntrinsics, Sampling sampling) {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(pixelIntrinsics, "pixelIntrinsics");
        Objects.requireNonNull(sampling, "sampling");
        if (pixelIntrinsics.units() != Intrinsics.Units.PIXELS) {
            throw InvalidInputException.of("pixelIntrinsics.units must be PIXELS, got " + pixelIntrinsics.units()
                    + " (convert with Intrinsics.inPixels or CameraView.pixelIntrinsics)");
        }
        int cols = view.tokensX();
        int rows = view.tokensY();
        int s = view.stride();
        double offset = sampling == Sampling.PATCH_CENTRE ? 0.5 : 0.0;
        double[] out = new double[ArraySize.of("camera ray directions", rows, cols, 3)];
        for (int r = 0; r < rows; r++) {
            double y = ((r + offset) * s - pixelIntrinsics.cy()) / pixelIntrinsics.fy();
            for (int c = 0; c < cols; c++) {
                double x = ((c + offset) * s - pixelIntrinsics.cx()) / pixelIntrinsics.fx();
                view.lens().unproject(x, y, out, 3 * (r * cols + c));
            }
        }
        return out;
    }

    /**
     * World rays of all views (views outer). The views must share one token grid.
     *
     * @param intrinsics         per view pixel intrinsics (the caller decides how they were obtained)
     * @param transposedRotation rotate by {@code Rᵀ} instead of {@code R}: UCPE {@code ray_condition_ucm}
     *                           does this although its pose is camera-to-world (spec §5.6)
     */
    static RayGrid trace(List<CameraView> views, List<Intrinsics> intrinsics, Sampling sampling,
            boolean transposedRotation) {
        if (views.isEmpty()) {
            throw InvalidInputException.of("camera views: at least one view is required");
        }
        if (intrinsics.size() != views.size()) {
            throw InvalidInputException.of("camera views: " + views.size() + " views but " + intrinsics.size()
                    + " intrinsics");
        }
        int rows = views.get(0).tokensY();
        int cols = views.get(0).tokensX();
        int length = ArraySize.of("camera rays (views x rows x cols x 3)", views.size(), rows, cols, 3);
        int perView = rows * cols;
        double[] origins = new double[length];
        double[] directions = new double[origins.length];
        for (int v = 0; v < views.size(); v++) {
            CameraView view = views.get(v);
            if (view.tokensY() != rows || view.tokensX() != cols) {
                throw InvalidInputException.of("camera views: view " + v + " has a " + view.tokensY() + "x"
                        + view.tokensX() + " token grid, view 0 has " + rows + "x" + cols);
            }
            double[] c2w = view.pose().cameraToWorld();
            double[] rot = LinAlg.rotation(c2w);
            double[] t = LinAlg.translation(c2w);
            double[] cam = cameraDirections(view, intrinsics.get(v), sampling);
            for (int i = 0; i < perView; i++) {
                int src = 3 * i;
                int dst = 3 * (v * perView + i);
                LinAlg.apply3(rot, transposedRotation, cam[src], cam[src + 1], cam[src + 2], directions, dst);
                System.arraycopy(t, 0, origins, dst, 3);
            }
        }
        return RayGrid.wrap(views.size(), rows, cols, origins, directions);
    }
}
