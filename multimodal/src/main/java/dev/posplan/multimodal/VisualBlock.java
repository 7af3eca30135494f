package dev.posplan.multimodal;

import dev.posplan.multimodal.camera.CameraView;
import java.util.Objects;

/**
 * One contiguous run of visual placeholder tokens: an image, a video (Qwen2/2.5-VL), or one video
 * frame (Qwen3-VL, InternVL), optionally with the camera that took it.
 *
 * @param modality        image or video
 * @param grid            merged LLM grid; {@code grid.tokens()} tokens follow in t, row, column order
 * @param secondsPerGrid  seconds covered by one temporal slice (Qwen2.5-VL {@code second_per_grid_t}),
 *                        as the float32 value the model sees; {@code NaN} when not given
 * @param source          index of the image or video this block belongs to, counted per modality
 * @param frame           index of the frame within its video for per-frame blocks, else 0
 * @param camera          the camera view of the image or frame, or {@code null} for none. A view describes
 *                        one image, so the grid must be its token grid {@code 1 × H/(p·m) × W/(p·m)}
 *                        ({@link CameraView#tokenGrid()}). Position schemes ignore it; camera encodings
 *                        read it (table-camera.md §7)
 */
public record VisualBlock(Modality modality, Grid grid, float secondsPerGrid, int source, int frame,
        CameraView camera) implements Segment {

    public VisualBlock {
        Objects.requireNonNull(modality, "modality");
        Objects.requireNonNull(grid, "grid");
        secondsPerGrid(secondsPerGrid, "second_per_grid_t");
        if (source < 0 || frame < 0) {
            throw InvalidInputException.of("visual block: source and frame must be >= 0, got source=" + source
                    + ", frame=" + frame);
        }
        if (camera != null) {
            requireCameraGrid(grid, camera);
        }
    }

    /** A block without a camera. */
    /**
     * The one rule for Qwen2.5-VL's {@code second_per_grid_t}: NaN (absent) or a finite float32 >= 0, as the
     * reference's float32 tensor holds the processor's Python float.
     *
     * @param field the input field it came from, named by the error
     * @throws InvalidInputException naming {@code field}
     */
    public static float secondsPerGrid(double seconds, String field) {
        float f = (float) seconds;
        if (!Float.isNaN(f) && !(f >= 0 && Float.isFinite(f))) {
            throw new InvalidInputException(field, field + " must be finite and >= 0, got " + seconds);
        }
        return f;
    }

    public VisualBlock(Modality modality, Grid grid, float secondsPerGrid, int source, int frame) {
        this(modality, grid, secondsPerGrid, source, frame, null);
    }

    public static VisualBlock image(Grid grid) {
        return new VisualBlock(Modality.IMAGE, grid, Float.NaN, 0, 0);
    }

    public static VisualBlock video(Grid grid) {
        return new VisualBlock(Modality.VIDEO, grid, Float.NaN, 0, 0);
    }

    /** An image seen by {@code camera}; its grid is the view's token grid. */
    public static VisualBlock posedImage(CameraView camera) {
        return new VisualBlock(Modality.IMAGE, camera.tokenGrid(), Float.NaN, 0, 0, camera);
    }

    @Override
    public int tokens() {
        return grid.tokens();
    }

    /** Whether {@link #secondsPerGrid()} was given. */
    public boolean hasSecondsPerGrid() {
        return !Float.isNaN(secondsPerGrid);
    }

    /** Whether the block carries a {@link #camera()}. */
    public boolean hasCamera() {
        return camera != null;
    }

    /**
     * Checks that {@code grid} is the token grid of {@code camera}; the message names the grid field and the
     * view's fields it derives from.
     */
    static void requireCameraGrid(Grid grid, CameraView camera) {
        if (grid.t() != 1) {
            throw InvalidInputException.of("grid.t is " + grid.t() + ", but a camera view describes one image "
                    + "(grid.t must be 1)");
        }
        requireSide("grid.h", grid.h(), "imageHeight", camera.imageHeight(), camera, camera.tokensY(), "rows");
        requireSide("grid.w", grid.w(), "imageWidth", camera.imageWidth(), camera, camera.tokensX(), "columns");
    }

    private static void requireSide(String field, int got, String imageField, int imageSide, CameraView camera,
            int expected, String what) {
        if (got != expected) {
            throw InvalidInputException.of(field + " is " + got + ", but the camera view has " + expected
                    + " token " + what + " (" + imageField + " " + imageSide + " / (patchSize " + camera.patchSize()
                    + " · spatialMerge " + camera.spatialMerge() + "))");
        }
    }
}
