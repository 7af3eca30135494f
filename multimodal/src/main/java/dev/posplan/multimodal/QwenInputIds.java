package dev.posplan.multimodal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns what a Qwen-VL processor returns ({@code input_ids}, {@code image_grid_thw}, {@code video_grid_thw},
 * optional {@code second_per_grid_ts} and {@code attention_mask}) into one {@link TokenStream} per batch row,
 * locating the vision blocks with a chosen {@link BlockDetection} rule (qwen-mrope.md §3.6).
 *
 * <ul>
 *   <li>Grids are patch grids; a block's LLM grid is {@code (t, h/m, w/m)}. For families with
 *       {@link ModelPreset#videoFramesAsBlocks()} every video becomes {@code t} frame blocks {@code (1, h/m, w/m)}
 *       (§3.5).</li>
 *   <li>Grids, and {@code second_per_grid_ts}, are consumed across the batch in row order, per modality (§5).</li>
 *   <li>Detection runs on each row with its masked tokens removed, as HF does; masked tokens become
 *       {@link PaddingRun}s wherever they are. A masked token inside a block is an error.</li>
 *   <li>Text runs carry the role {@link TextRole#VISION_START} / {@link TextRole#VISION_END} for those ids,
 *       {@link TextRole#TEXT} otherwise (bare pads that a rule treats as text included).</li>
 * </ul>
 * Input errors are {@link IllegalArgumentException}s naming the offending field. Each row is scanned as an
 * {@code int[]}; only blocks and runs become objects.
 */
public final class QwenInputIds {

    private final ModelPreset preset;
    private final QwenTokenIds ids;
    private final int[][] inputIds;
    private final int[][] mask;
    private final BlockDetection detection;
    private final List<List<Placeholder>> placeholders;
    private final GridQueue images;
    private final GridQueue videos;

    private QwenInputIds(Builder b) {
        this.preset = b.preset;
        this.ids = b.preset.tokenIds();
        this.detection = b.detection;
        this.inputIds = requireRows(b.inputIds);
        this.mask = b.attentionMask == null ? null : requireMask(b.attentionMask, inputIds);
        this.images = GridQueue.images(b.imageGridThw, preset);
        this.videos = GridQueue.videos(b.videoGridThw, b.secondPerGridTs, preset);
        this.placeholders = b.placeholders;
        if (placeholders != null) {
            if (detection != BlockDetection.PLACEHOLDER_OFFSETS) {
                throw InvalidInputException.of("placeholders are only used by block detection "
                        + BlockDetection.PLACEHOLDER_OFFSETS.apiName() + ", not " + detection.apiName());
            }
            if (placeholders.size() != inputIds.length) {
                throw InvalidInputException.of("placeholders: expected one list per input_ids row ("
                        + inputIds.length + "), got " + placeholders.size());
            }
        }
        requirePadCounts();
    }

    public static Builder builder(ModelPreset preset) {
        return new Builder(preset);
    }

    /** Collects the processor outputs; only {@code input_ids} is required. */
    public static final class Builder {
        private final ModelPreset preset;
        private int[][] inputIds;
        private int[][] attentionMask;
        private int[][] imageGridThw;
        private int[][] videoGridThw;
        private double[] secondPerGridTs;
        private List<List<Placeholder>> placeholders;
        private BlockDetection detection = BlockDetection.TOKEN_SCAN;

        private Builder(ModelPreset preset) {
            this.preset = Objects.requireNonNull(preset, "preset");
        }

        /** {@code [B][L]} token ids (kept by reference, not modified). */
        public Builder inputIds(int[][] inputIds) {
            this.inputIds = inputIds;
            return this;
        }

        /** {@code [B][L]} 0/1; absent means every token counts. */
        public Builder attentionMask(int[][] attentionMask) {
            this.attentionMask = attentionMask;
            return this;
        }

        /** {@code [n][3]} patch grids of every image of the batch, row 0 first. */
        public Builder imageGridThw(int[][] imageGridThw) {
            this.imageGridThw = imageGridThw;
            return this;
        }

        /** {@code [n][3]} patch grids of every video of the batch (unsplit for Qwen3-VL). */
        public Builder videoGridThw(int[][] videoGridThw) {
            this.videoGridThw = videoGridThw;
            return this;
        }

        /** One value per video (Qwen2.5-VL); stored as the float32 the model sees. Absent means 1.0 s. */
        public Builder secondPerGridTs(double[] secondPerGridTs) {
            this.secondPerGridTs = secondPerGridTs;
            return this;
        }

        /** vLLM placeholder offsets, one list per row, indexing the unpadded row. */
        public Builder placeholders(List<List<Placeholder>> placeholders) {
            this.placeholders = placeholders == null ? null : List.copyOf(placeholders.stream().map(List::copyOf).toList());
            return this;
        }

        public Builder detection(BlockDetection detection) {
            this.detection = Objects.requireNonNull(detection, "detection");
            return this;
        }

        /** Validates the input and returns one stream per row. */
        public List<TokenStream> build() {
            return new QwenInputIds(this).streams();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // validation

    private static int[][] requireRows(int[][] rows) {
        if (rows == null || rows.length == 0) {
            throw InvalidInputException.of("input_ids must have at least one row");
        }
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null) {
                throw InvalidInputException.of("input_ids[" + r + "] is missing");
            }
            if (rows[r].length != rows[0].length) {
                throw InvalidInputException.of("input_ids rows must have the same length: row 0 has "
                        + rows[0].length + " tokens, row " + r + " has " + rows[r].length);
            }
        }
        if (rows[0].length > TokenStream.MAX_TOKENS) {
            throw InvalidInputException.of("input_ids rows have " + rows[0].length + " tokens, more than "
                    + TokenStream.MAX_TOKENS);
        }
        return rows;
    }

    private static int[][] requireMask(int[][] mask, int[][] rows) {
        if (mask.length != rows.length) {
            throw InvalidInputException.of("attention_mask has " + mask.length + " rows, input_ids has "
                    + rows.length);
        }
        for (int r = 0; r < mask.length; r++) {
            if (mask[r] == null || mask[r].length != rows[r].length) {
                throw InvalidInputException.of("attention_mask[" + r + "] must have " + rows[r].length + " entries");
            }
            for (int i = 0; i < mask[r].length; i++) {
                if (mask[r][i] != 0 && mask[r][i] != 1) {
                    throw InvalidInputException.of("attention_mask[" + r + "][" + i + "] must be 0 or 1, got "
                            + mask[r][i]);
                }
            }
        }
        return mask;
    }

    /** Every pad token needs a grid cell and vice versa, as the model's feature scatter requires. */
    private void requirePadCounts() {
        long imagePads = 0;
        long videoPads = 0;
        for (int r = 0; r < inputIds.length; r++) {
            int[] row = inputIds[r];
            for (int i = 0; i < row.length; i++) {
                if (mask == null || mask[r][i] == 1) {
                    if (row[i] == ids.imagePad()) {
                        imagePads++;
                    } else if (row[i] == ids.videoPad()) {
                        videoPads++;
                    }
                }
            }
        }
        requireCount("image", "image_grid_thw", ids.imagePad(), imagePads, images.totalTokens());
        requireCount("video", "video_grid_thw", ids.videoPad(), videoPads, videos.totalTokens());
    }

    private void requireCount(String what, String field, int padId, long pads, long gridTokens) {
        if (pads != gridTokens) {
            throw InvalidInputException.of("input_ids hold " + pads + " unmasked " + what + " pad tokens (id "
                    + padId + ") but " + field + " gives " + gridTokens + " (sum of t*h*w / "
                    + preset.spatialMergeSize() + "^2)");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // streams

    private List<TokenStream> streams() {
        BlockFinder finder = new BlockFinder(preset, images, videos);
        List<TokenStream> out = new ArrayList<>(inputIds.length);
        for (int r = 0; r < inputIds.length; r++) {
            UnpaddedRow row = UnpaddedRow.of(r, inputIds[r], mask == null ? null : mask[r]);
            out.add(emit(r, finder.find(detection, row, placeholders == null ? null : placeholders.get(r))));
        }
        if (detection != BlockDetection.TOKEN_SCAN) {
            // Token scan legitimately leaves the grids of bare pads unused; the other rules place every grid.
            images.requireConsumed();
            videos.requireConsumed();
        }
        return out;
    }

    /** Writes row r as runs: padding for masked tokens, the found blocks, text runs split by role. */
    private TokenStream emit(int r, List<BlockFinder.Found> blocks) {
        int[] row = inputIds[r];
        int[] m = mask == null ? null : mask[r];
        TokenStream.Builder out = TokenStream.builder();
        int next = 0;
        int nextStart = blocks.isEmpty() ? -1 : blocks.get(0).start();
        int unpadded = 0; // index of token i in the unpadded row, which the blocks' starts refer to
        for (int i = 0; i < row.length;) {
            if (m != null && m[i] == 0) {
                int j = i;
                while (j < row.length && m[j] == 0) {
                    j++;
                }
                out.padding(j - i);
                i = j;
            } else if (unpadded == nextStart) {
                VisualBlock b = blocks.get(next).block();
                for (int j = i; j < i + b.tokens(); j++) {
                    if (m != null && m[j] == 0) {
                        throw InvalidInputException.of("attention_mask[" + r + "][" + j + "] masks a token inside "
                                + "the block of " + BlockFinder.gridField(b));
                    }
                }
                out.add(b);
                i += b.tokens();
                unpadded += b.tokens();
                next++;
                nextStart = next < blocks.size() ? blocks.get(next).start() : -1;
            } else {
                TextRole role = role(row[i]);
                int j = i;
                while (j < row.length && (m == null || m[j] == 1) && unpadded != nextStart && role(row[j]) == role) {
                    j++;
                    unpadded++;
                }
                out.text(j - i, role);
                i = j;
            }
        }
        return out.build();
    }

    private TextRole role(int id) {
        return id == ids.visionStart() ? TextRole.VISION_START
                : id == ids.visionEnd() ? TextRole.VISION_END : TextRole.TEXT;
    }
}
