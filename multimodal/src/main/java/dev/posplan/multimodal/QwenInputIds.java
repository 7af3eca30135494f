package dev.posplan.multimodal;

import java.util.ArrayList;
import java.util.Comparator;
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
                throw new IllegalArgumentException("placeholders are only used by block detection "
                        + BlockDetection.PLACEHOLDER_OFFSETS.apiName() + ", not " + detection.apiName());
            }
            if (placeholders.size() != inputIds.length) {
                throw new IllegalArgumentException("placeholders: expected one list per input_ids row ("
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
            throw new IllegalArgumentException("input_ids must have at least one row");
        }
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null) {
                throw new IllegalArgumentException("input_ids[" + r + "] is missing");
            }
            if (rows[r].length != rows[0].length) {
                throw new IllegalArgumentException("input_ids rows must have the same length: row 0 has "
                        + rows[0].length + " tokens, row " + r + " has " + rows[r].length);
            }
        }
        if (rows[0].length > TokenStream.MAX_TOKENS) {
            throw new IllegalArgumentException("input_ids rows have " + rows[0].length + " tokens, more than "
                    + TokenStream.MAX_TOKENS);
        }
        return rows;
    }

    private static int[][] requireMask(int[][] mask, int[][] rows) {
        if (mask.length != rows.length) {
            throw new IllegalArgumentException("attention_mask has " + mask.length + " rows, input_ids has "
                    + rows.length);
        }
        for (int r = 0; r < mask.length; r++) {
            if (mask[r] == null || mask[r].length != rows[r].length) {
                throw new IllegalArgumentException("attention_mask[" + r + "] must have " + rows[r].length + " entries");
            }
            for (int i = 0; i < mask[r].length; i++) {
                if (mask[r][i] != 0 && mask[r][i] != 1) {
                    throw new IllegalArgumentException("attention_mask[" + r + "][" + i + "] must be 0 or 1, got "
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
            throw new IllegalArgumentException("input_ids hold " + pads + " unmasked " + what + " pad tokens (id "
                    + padId + ") but " + field + " gives " + gridTokens + " (sum of t*h*w / "
                    + preset.spatialMergeSize() + "^2)");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // streams

    private List<TokenStream> streams() {
        List<TokenStream> out = new ArrayList<>(inputIds.length);
        for (int r = 0; r < inputIds.length; r++) {
            int[] c = compact(r);
            List<Found> blocks = switch (detection) {
                case TOKEN_SCAN -> tokenScan(r, c);
                case TOKEN_TYPE_RUNS -> tokenTypeRuns(r, c);
                case PLACEHOLDER_OFFSETS -> placeholders == null ? splitRuns(r, c) : offsets(r, c, placeholders.get(r));
            };
            out.add(emit(r, blocks));
        }
        if (detection != BlockDetection.TOKEN_SCAN) {
            // Token scan legitimately leaves the grids of bare pads unused; the other rules place every grid.
            images.requireConsumed();
            videos.requireConsumed();
        }
        return out;
    }

    /** A block found at {@code start} (index into the unpadded row). */
    private record Found(int start, VisualBlock block) {
    }

    /** The unmasked tokens of row r. */
    private int[] compact(int r) {
        int[] row = inputIds[r];
        if (mask == null) {
            return row;
        }
        int n = 0;
        for (int m : mask[r]) {
            n += m;
        }
        int[] c = new int[n];
        int k = 0;
        for (int i = 0; i < row.length; i++) {
            if (mask[r][i] == 1) {
                c[k++] = row[i];
            }
        }
        return c;
    }

    /** HF 4.x: count vision_start + pad pairs, then take the earliest remaining pad at or after the cursor. */
    private List<Found> tokenScan(int r, int[] c) {
        int remainingImages = 0;
        int remainingVideos = 0;
        for (int i = 0; i + 1 < c.length; i++) {
            if (c[i] == ids.visionStart()) {
                if (c[i + 1] == ids.imagePad()) {
                    remainingImages++;
                } else if (c[i + 1] == ids.videoPad()) {
                    remainingVideos++;
                }
            }
        }
        List<Found> found = new ArrayList<>();
        int st = 0;
        while (remainingImages + remainingVideos > 0) {
            int edImage = remainingImages > 0 ? indexOf(c, ids.imagePad(), st, c.length) : Integer.MAX_VALUE;
            int edVideo = remainingVideos > 0 ? indexOf(c, ids.videoPad(), st, c.length) : Integer.MAX_VALUE;
            if (edImage < 0 || edVideo < 0) {
                throw new IllegalArgumentException("input_ids[" + r + "]: a <|vision_start|> + pad pair has no pad "
                        + "token left after index " + original(r, st) + " (blocks overlap their grids)");
            }
            Modality m = edImage < edVideo ? Modality.IMAGE : Modality.VIDEO;
            int at = Math.min(edImage, edVideo);
            VisualBlock b = items(m).next(r);
            requirePads(r, c, at, b);
            found.add(new Found(at, b));
            st = at + b.tokens();
            if (m == Modality.IMAGE) {
                remainingImages--;
            } else {
                remainingVideos--;
            }
        }
        return found;
    }

    /** HF main: every maximal run of one pad id is one block. */
    private List<Found> tokenTypeRuns(int r, int[] c) {
        List<Found> found = new ArrayList<>();
        for (int i = 0; i < c.length;) {
            Modality m = modalityOf(c[i]);
            if (m == null) {
                i++;
                continue;
            }
            int end = runEnd(c, i);
            VisualBlock b = items(m).next(r);
            if (b.tokens() != end - i) {
                throw new IllegalArgumentException("input_ids[" + r + "]: the run of " + (end - i) + " "
                        + m.name().toLowerCase() + " pad tokens at index " + original(r, i) + " is one block under "
                        + detection.apiName() + " detection (HF main), but " + gridField(b) + " gives " + b.tokens()
                        + " tokens (adjacent images need a token between them)");
            }
            found.add(new Found(i, b));
            i = end;
        }
        return found;
    }

    /** vLLM without recorded offsets: each run of pads holds consecutive items, in grid order. */
    private List<Found> splitRuns(int r, int[] c) {
        List<Found> found = new ArrayList<>();
        for (int i = 0; i < c.length;) {
            Modality m = modalityOf(c[i]);
            if (m == null) {
                i++;
                continue;
            }
            int end = runEnd(c, i);
            while (i < end) {
                VisualBlock b = items(m).next(r);
                if (b.tokens() > end - i) {
                    throw new IllegalArgumentException("input_ids[" + r + "]: " + gridField(b) + " needs "
                            + b.tokens() + " tokens but only " + (end - i) + " " + m.name().toLowerCase()
                            + " pad tokens remain in the run at index " + original(r, i));
                }
                found.add(new Found(i, b));
                i += b.tokens();
            }
        }
        return found;
    }

    /** vLLM with the processor's offsets (§3.6; Qwen3-VL frames per {@code _iter_mm_grid_hw}). */
    private List<Found> offsets(int r, int[] c, List<Placeholder> row) {
        List<Placeholder> sorted = new ArrayList<>(row);
        sorted.sort(Comparator.comparingInt(Placeholder::offset));
        List<Found> found = new ArrayList<>();
        int end = 0;
        for (Placeholder p : sorted) {
            if (p.offset() < end || p.offset() >= c.length) {
                throw new IllegalArgumentException("placeholders[" + r + "]: offset " + p.offset()
                        + " overlaps the previous item or lies outside the " + c.length + " unmasked tokens");
            }
            GridQueue items = items(p.modality());
            VisualBlock first = items.next(r);
            if (p.modality() == Modality.IMAGE || !preset.videoFramesAsBlocks()) {
                requirePads(r, c, p.offset(), first);
                found.add(new Found(p.offset(), first));
                end = p.offset() + first.tokens();
                continue;
            }
            if (first.frame() != 0) {
                throw new IllegalArgumentException("placeholders[" + r + "]: the video at offset " + p.offset()
                        + " starts inside " + gridField(first) + " (frame " + first.frame() + ")");
            }
            int frames = videos.framesOf(first.source());
            int from = p.offset();
            for (int k = 0; k < frames; k++) {
                VisualBlock frame = k == 0 ? first : items.next(r);
                int vs = indexOf(c, ids.visionStart(), from, c.length);
                int ve = vs < 0 ? -1 : indexOf(c, ids.visionEnd(), vs, c.length);
                int pad = ve < 0 ? -1 : indexOf(c, ids.videoPad(), vs, ve);
                if (pad < 0 || ve - pad != frame.tokens()) {
                    throw new IllegalArgumentException("placeholders[" + r + "]: frame " + k + " of "
                            + gridField(frame) + " needs " + frame.tokens() + " video pad tokens between the next "
                            + "<|vision_start|> and <|vision_end|> after index " + original(r, from));
                }
                requirePads(r, c, pad, frame);
                found.add(new Found(pad, frame));
                from = ve + 1;
            }
            end = from;
        }
        return found;
    }

    private GridQueue items(Modality m) {
        return m == Modality.IMAGE ? images : videos;
    }

    private Modality modalityOf(int id) {
        return id == ids.imagePad() ? Modality.IMAGE : id == ids.videoPad() ? Modality.VIDEO : null;
    }

    private static int runEnd(int[] c, int from) {
        int end = from;
        while (end < c.length && c[end] == c[from]) {
            end++;
        }
        return end;
    }

    private static int indexOf(int[] c, int id, int from, int to) {
        for (int i = Math.max(from, 0); i < to; i++) {
            if (c[i] == id) {
                return i;
            }
        }
        return -1;
    }

    private void requirePads(int r, int[] c, int at, VisualBlock b) {
        int pad = ids.pad(b.modality());
        for (int i = at; i < at + b.tokens(); i++) {
            if (i >= c.length || c[i] != pad) {
                throw new IllegalArgumentException("input_ids[" + r + "]: " + gridField(b) + " needs " + b.tokens()
                        + " " + b.modality().name().toLowerCase() + " pad tokens from index " + original(r, at)
                        + ", but " + (i >= c.length ? "the row ends" : "index " + original(r, i) + " holds id " + c[i]));
            }
        }
    }

    private String gridField(VisualBlock b) {
        return (b.modality() == Modality.IMAGE ? "image_grid_thw[" : "video_grid_thw[") + b.source() + "]";
    }

    /** Index in the padded row of unpadded index {@code k} (for messages only). */
    private int original(int r, int k) {
        if (mask == null) {
            return k;
        }
        int seen = -1;
        for (int i = 0; i < mask[r].length; i++) {
            seen += mask[r][i];
            if (seen == k) {
                return i;
            }
        }
        return mask[r].length;
    }

    /** Writes row r as runs: padding for masked tokens, the found blocks, text runs split by role. */
    private TokenStream emit(int r, List<Found> blocks) {
        int[] row = inputIds[r];
        int[] m = mask == null ? null : mask[r];
        TokenStream.Builder out = TokenStream.builder();
        int next = 0;
        int nextStart = blocks.isEmpty() ? -1 : blocks.get(0).start();
        int k = 0;
        for (int i = 0; i < row.length;) {
            if (m != null && m[i] == 0) {
                int j = i;
                while (j < row.length && m[j] == 0) {
                    j++;
                }
                out.padding(j - i);
                i = j;
            } else if (k == nextStart) {
                VisualBlock b = blocks.get(next).block();
                for (int j = i; j < i + b.tokens(); j++) {
                    if (m != null && m[j] == 0) {
                        throw new IllegalArgumentException("attention_mask[" + r + "][" + j + "] masks a token inside "
                                + "the block of " + gridField(b));
                    }
                }
                out.add(b);
                i += b.tokens();
                k += b.tokens();
                next++;
                nextStart = next < blocks.size() ? blocks.get(next).start() : -1;
            } else {
                TextRole role = role(row[i]);
                int j = i;
                while (j < row.length && (m == null || m[j] == 1) && k != nextStart && role(row[j]) == role) {
                    j++;
                    k++;
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
