package dev.posplan.multimodal.processor;

import dev.posplan.multimodal.Grid;
import java.util.Arrays;

/**
 * An image or video part after the processor math: the processor's grid, the merged grid the language model
 * sees, and the video timing.
 *
 * @param gridThw        the processor's {@code image_grid_thw} / {@code video_grid_thw} row (unmerged patches)
 * @param grid           the merged grid, one cell per placeholder token
 * @param resized        the frame size in pixels after {@code smart_resize}
 * @param sampledFrames  frames sampled from a video (1 for an image)
 * @param secondPerGridT seconds per temporal patch ({@code temporal_patch_size / sampled fps}) for the
 *                       per-frame pipelines; NaN for images and Qwen3-VL, which time frames by text
 * @param timestamps     Qwen3-VL seconds of each temporal patch (length {@code grid.t}); empty otherwise
 */
public record SizedVisual(int[] gridThw, Grid grid, Resized resized, int sampledFrames, double secondPerGridT,
        double[] timestamps) {

    public SizedVisual {
        gridThw = gridThw.clone();
        timestamps = timestamps.clone();
    }

    @Override
    public int[] gridThw() {
        return gridThw.clone();
    }

    @Override
    public double[] timestamps() {
        return timestamps.clone();
    }

    /** Placeholder tokens of the part. */
    public int tokens() {
        return grid.tokens();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SizedVisual s && Arrays.equals(gridThw, s.gridThw) && grid.equals(s.grid)
                && resized.equals(s.resized) && sampledFrames == s.sampledFrames
                && Double.compare(secondPerGridT, s.secondPerGridT) == 0 && Arrays.equals(timestamps, s.timestamps);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(gridThw) + grid.hashCode();
    }

    @Override
    public String toString() {
        return "SizedVisual[grid_thw=" + Arrays.toString(gridThw) + ", grid=" + grid + ", " + resized
                + ", frames=" + sampledFrames + ", second_per_grid_t=" + secondPerGridT + ", timestamps="
                + Arrays.toString(timestamps) + "]";
    }
}
