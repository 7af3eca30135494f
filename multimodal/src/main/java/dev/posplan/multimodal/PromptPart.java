package dev.posplan.multimodal;

import dev.posplan.multimodal.camera.CameraView;
import dev.posplan.multimodal.table.TableGrid;
import java.util.Objects;

/**
 * What a pipeline knows about one piece of a prompt before a host format turns it into tokens: a number
 * of text tokens, an image grid (optionally with its camera), a video grid with its timing, a table's
 * token grid, an audio clip (its placeholder count), or a video with its audio track. Grids are merged LLM
 * grids.
 */
public sealed interface PromptPart {

    /** {@code tokens} text tokens with a role ({@link TextRole#TEXT} unless said otherwise). */
    record Text(int tokens, TextRole role) implements PromptPart {
        public Text {
            if (tokens < 0) {
                throw InvalidInputException.of("text tokens must be >= 0, got " + tokens);
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

    /**
     * One image with its merged grid and, for a posed image, the camera that took it ({@code null} for
     * none). Every host format writes the camera into the image's {@link VisualBlock}.
     *
     * <p>What {@code t} means is the host format's business ({@link HostFormat#imageTilesOnT()},
     * {@link HostFormat#multiSliceImages()}): temporal slices for a Qwen-VL image, 1 for a bare image, the tile
     * count for InternVL; the format checks it when it expands the prompt.
     *
     * @param grid   merged grid; with a camera, the view's token grid ({@link CameraView#tokenGrid()})
     * @param camera camera view, or {@code null}
     */
    record Image(Grid grid, CameraView camera) implements PromptPart {
        public Image {
            Objects.requireNonNull(grid, "grid");
            if (camera != null) {
                VisualBlock.requireCameraGrid(grid, camera);
            }
        }

        /** An image without a camera. */
        public Image(Grid grid) {
            this(grid, null);
        }

        /** A posed image: the grid derives from the view ({@code 1 × H/(p·m) × W/(p·m)}). */
        public static Image posed(CameraView camera) {
            return new Image(camera.tokenGrid(), camera);
        }

        /** The image's block, {@code source} being its index among the prompt's images. */
        VisualBlock block(int source) {
            return new VisualBlock(Modality.IMAGE, grid, Float.NaN, source, 0, camera);
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
            Objects.requireNonNull(timestampTokens, "timestampTokens");
            // Checked here, not only when a block is built: per-frame formats never put it in a block.
            VisualBlock.secondsPerGrid(secondsPerGrid, "second_per_grid_t");
            timestampTokens = timestampTokens.clone();
            if (timestampTokens.length != grid.t()) {
                throw InvalidInputException.of("timestampTokens: expected " + grid.t()
                        + " counts (one per temporal patch, grid.t), got " + timestampTokens.length);
            }
            for (int k = 0; k < timestampTokens.length; k++) {
                if (timestampTokens[k] < 0) {
                    throw InvalidInputException.of("timestampTokens[" + k + "] must be >= 0, got "
                            + timestampTokens[k]);
                }
            }
        }

        /**
         * A video whose {@code second_per_grid_t} is the processor's Python float (null when absent), held as the
         * reference's float32 tensor holds it.
         */
        public static Video of(Grid grid, Double secondPerGridT, int[] timestampTokens) {
            return new Video(grid, secondPerGridT == null ? Float.NaN
                    : VisualBlock.secondsPerGrid(secondPerGridT, "second_per_grid_t"), timestampTokens);
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

        /** The whole video as one block ({@code source} = its index among the prompt's videos). */
        VisualBlock block(int source) {
            return new VisualBlock(Modality.VIDEO, grid, secondsPerGrid, source, 0);
        }

        /** Frame {@code k} as its own one-slice block (per-frame host formats). */
        VisualBlock frameBlock(int source, int k) {
            return new VisualBlock(Modality.VIDEO, new Grid(1, grid.h(), grid.w()), Float.NaN, source, k);
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

    /** One table, serialised as its token grid (2D-TPE); written as a {@link TableBlock}. */
    record Table(TableGrid grid) implements PromptPart {
        public Table {
            Objects.requireNonNull(grid, "grid");
        }
    }

    /**
     * One audio clip as its number of placeholder tokens (a model's length formula turns mel frames into
     * tokens, e.g. {@link dev.posplan.multimodal.processor.OmniModel}).
     */
    record Audio(int tokens) implements PromptPart {
        public Audio {
            if (tokens < 0) {
                throw InvalidInputException.of("audio tokens must be >= 0, got " + tokens);
            }
        }
    }

    /**
     * A video whose audio track is interleaved into it ({@code use_audio_in_video}); how the two are
     * interleaved is the host format's rule.
     *
     * @param video       the video
     * @param audioTokens placeholder tokens of its audio track
     */
    record VideoWithAudio(Video video, int audioTokens) implements PromptPart {
        public VideoWithAudio {
            Objects.requireNonNull(video, "video");
            if (audioTokens < 0) {
                throw InvalidInputException.of("audio tokens must be >= 0, got " + audioTokens);
            }
        }
    }
}
