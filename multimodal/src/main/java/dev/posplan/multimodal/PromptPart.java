package dev.posplan.multimodal;

import java.util.Objects;

/**
 * What a pipeline knows about one piece of a prompt before a host format turns it into tokens: a number
 * of text tokens, an image grid, or a video grid with its timing. Grids are merged LLM grids.
 */
public sealed interface PromptPart {

    /** {@code tokens} text tokens with a role ({@link TextRole#TEXT} unless said otherwise). */
    record Text(int tokens, TextRole role) implements PromptPart {
        public Text {
            if (tokens < 0) {
                throw new IllegalArgumentException("text tokens must be >= 0, got " + tokens);
            }
            Objects.requireNonNull(role, "role");
        }

        public Text(int tokens) {
            this(tokens, TextRole.TEXT);
        }

        /** Text that starts at the current position without advancing it ({@link TextRole#SHARED}). */
        public static Text shared(int tokens) {
            return new Text(tokens, TextRole.SHARED);
        }
    }

    /** One image with its merged grid ({@code t} is 1 for still images). */
    record Image(Grid grid) implements PromptPart {
        public Image {
            Objects.requireNonNull(grid, "grid");
        }
    }

    /**
     * One video.
     *
     * @param grid              merged grid, {@code t} = number of temporal patches
     * @param secondsPerGrid    Qwen2.5-VL {@code second_per_grid_t} as float32, NaN when absent
     * @param timestampTokens   Qwen3-VL text tokens before each frame ({@code "<x.x seconds>"}), one entry
     *                          per temporal patch; ignored by formats without timestamps
     */
    record Video(Grid grid, float secondsPerGrid, int[] timestampTokens) implements PromptPart {
        public Video {
            Objects.requireNonNull(grid, "grid");
            timestampTokens = timestampTokens.clone();
            if (timestampTokens.length != grid.t()) {
                throw new IllegalArgumentException("timestamp token counts: expected " + grid.t()
                        + " (one per temporal patch), got " + timestampTokens.length);
            }
            for (int n : timestampTokens) {
                if (n < 0) {
                    throw new IllegalArgumentException("timestamp token count must be >= 0, got " + n);
                }
            }
        }

        /** A video with the same number of timestamp tokens before every frame and no timing. */
        public static Video uniform(Grid grid, int timestampTokensPerFrame) {
            int[] counts = new int[grid.t()];
            java.util.Arrays.fill(counts, timestampTokensPerFrame);
            return new Video(grid, Float.NaN, counts);
        }

        @Override
        public int[] timestampTokens() {
            return timestampTokens.clone();
        }

        /** Timestamp tokens before frame {@code k}. */
        public int timestampTokensBefore(int k) {
            return timestampTokens[k];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Video v && grid.equals(v.grid)
                    && Float.compare(secondsPerGrid, v.secondsPerGrid) == 0
                    && java.util.Arrays.equals(timestampTokens, v.timestampTokens);
        }

        @Override
        public int hashCode() {
            return Objects.hash(grid, secondsPerGrid, java.util.Arrays.hashCode(timestampTokens));
        }

        @Override
        public String toString() {
            return "Video[grid=" + grid + ", secondsPerGrid=" + secondsPerGrid + ", timestampTokens="
                    + java.util.Arrays.toString(timestampTokens) + "]";
        }
    }
}
