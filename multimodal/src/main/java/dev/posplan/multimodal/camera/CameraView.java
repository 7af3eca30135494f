package dev.posplan.multimodal.camera;

import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.InvalidInputException;
import java.util.Objects;

/**
 * One image (or video frame) seen by a camera, as a camera-ray encoding needs it: the image size, how
 * it is cut into visual tokens, the intrinsics, the pose and the lens.
 *
 * <p>Tokens: the image is cut into {@code patchSize × patchSize} patches and {@code spatialMerge²}
 * patches are merged into one token, so one token covers a {@code stride × stride} pixel square with
 * {@code stride = patchSize · spatialMerge}; the token grid is {@code tokensY() × tokensX()}, row-major.
 * A per-pixel ray map is {@code patchSize = spatialMerge = 1}. The token grid must be a valid {@link Grid}
 * (at most {@link Grid#MAX_SIDE} per side, and a bounded token count), so token counts and ray buffers stay
 * within int range.
 *
 * @param imageWidth   image width in pixels (&gt; 0)
 * @param imageHeight  image height in pixels (&gt; 0)
 * @param patchSize    ViT patch side in pixels (or the encoder's downsampling factor), &gt; 0
 * @param spatialMerge patches merged per token side (Qwen-VL 2; 1 for none), &gt; 0
 * @param intrinsics   pinhole intrinsics, or {@code null} when the encoding ignores them (GTA, PRoPE
 *                     without K)
 * @param pose         the camera pose
 * @param lens         lens model
 */
public record CameraView(int imageWidth, int imageHeight, int patchSize, int spatialMerge, Intrinsics intrinsics,
        Pose pose, LensModel lens) {

    public CameraView {
        Objects.requireNonNull(pose, "camera view: pose is required");
        Objects.requireNonNull(lens, "camera view: lens is required");
        if (imageWidth <= 0 || imageHeight <= 0) {
            throw InvalidInputException.of("camera view: image size must be positive, got imageWidth="
                    + imageWidth + ", imageHeight=" + imageHeight);
        }
        if (patchSize <= 0) {
            throw InvalidInputException.of("camera view: patchSize must be positive, got " + patchSize);
        }
        if (spatialMerge <= 0) {
            throw InvalidInputException.of("camera view: spatialMerge must be positive, got " + spatialMerge);
        }
        long stride = (long) patchSize * spatialMerge;
        if (imageWidth % stride != 0 || imageHeight % stride != 0) {
            throw InvalidInputException.of("camera view: patchSize " + patchSize + " x spatialMerge "
                    + spatialMerge + " = " + stride + " does not divide the image " + imageWidth + "x"
                    + imageHeight);
        }
        // The token grid must be a valid Grid (sides and token count bounded), so tokens() cannot overflow.
        try {
            new Grid(1, (int) (imageHeight / stride), (int) (imageWidth / stride));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("camera view: the image " + imageWidth + "x" + imageHeight
                    + " at stride " + stride + " (patchSize x spatialMerge) has too many tokens: " + e.getMessage(), e);
        }
    }

    /** A pinhole view. */
    public static CameraView pinhole(int imageWidth, int imageHeight, int patchSize, int spatialMerge,
            Intrinsics intrinsics, Pose pose) {
        return new CameraView(imageWidth, imageHeight, patchSize, spatialMerge, intrinsics, pose,
                LensModel.pinhole());
    }

    /** Pixels per token side: {@code patchSize · spatialMerge}. */
    public int stride() {
        return patchSize * spatialMerge;
    }

    /** Token columns. */
    public int tokensX() {
        return imageWidth / stride();
    }

    /** Token rows. */
    public int tokensY() {
        return imageHeight / stride();
    }

    public int tokens() {
        return tokensX() * tokensY();
    }

    /** The merged grid of the visual block showing this view: one slice of {@code tokensY() × tokensX()}. */
    public Grid tokenGrid() {
        return new Grid(1, tokensY(), tokensX());
    }

    public boolean hasIntrinsics() {
        return intrinsics != null;
    }

    /** The intrinsics in pixels of this image; fails, naming the encoding, when none were given. */
    public Intrinsics pixelIntrinsics(String neededBy) {
        if (intrinsics == null) {
            throw InvalidInputException.of("camera view: intrinsics are required by " + neededBy);
        }
        return intrinsics.inPixels(imageWidth, imageHeight);
    }

    /** The same view with another pose (e.g. after normalising a trajectory). */
    public CameraView withPose(Pose p) {
        return new CameraView(imageWidth, imageHeight, patchSize, spatialMerge, intrinsics, p, lens);
    }
}
