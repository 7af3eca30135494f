package dev.posplan.multimodal.processor;

/**
 * Output of {@link SmartResize}: the frame size in pixels, both sides multiples of the setting's factor.
 *
 * @param height pixels
 * @param width  pixels
 */
public record Resized(int height, int width) {

    public Resized {
        Args.positive("height", height);
        Args.positive("width", width);
    }

    /** Vision-encoder patches per column ({@code grid_h}). */
    public int patchRows(int patchSize) {
        return height / Args.positive("patchSize", patchSize);
    }

    /** Vision-encoder patches per row ({@code grid_w}). */
    public int patchColumns(int patchSize) {
        return width / Args.positive("patchSize", patchSize);
    }
}
