package dev.posplan.multimodal;

import java.util.Objects;

/**
 * One contiguous run of visual placeholder tokens: an image, a video (Qwen2/2.5-VL), or one video
 * frame (Qwen3-VL, InternVL).
 *
 * @param modality        image or video
 * @param grid            merged LLM grid; {@code grid.tokens()} tokens follow in t, row, column order
 * @param secondsPerGrid  seconds covered by one temporal slice (Qwen2.5-VL {@code second_per_grid_t}),
 *                        as the float32 value the model sees; {@code NaN} when not given
 * @param source          index of the image or video this block belongs to, counted per modality
 * @param frame           index of the frame within its video for per-frame blocks, else 0
 */
public record VisualBlock(Modality modality, Grid grid, float secondsPerGrid, int source, int frame)
        implements Segment {

    public VisualBlock {
        Objects.requireNonNull(modality, "modality");
        Objects.requireNonNull(grid, "grid");
        if (!Float.isNaN(secondsPerGrid) && !(secondsPerGrid >= 0 && Float.isFinite(secondsPerGrid))) {
            throw new IllegalArgumentException("second_per_grid_t must be finite and >= 0, got " + secondsPerGrid);
        }
    }

    public static VisualBlock image(Grid grid) {
        return new VisualBlock(Modality.IMAGE, grid, Float.NaN, 0, 0);
    }

    public static VisualBlock video(Grid grid) {
        return new VisualBlock(Modality.VIDEO, grid, Float.NaN, 0, 0);
    }

    @Override
    public int tokens() {
        return grid.tokens();
    }

    /** Whether {@link #secondsPerGrid()} was given. */
    public boolean hasSecondsPerGrid() {
        return !Float.isNaN(secondsPerGrid);
    }
}
