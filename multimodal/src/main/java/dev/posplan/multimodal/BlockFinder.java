package dev.posplan.multimodal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Locates the vision blocks of one {@link UnpaddedRow} under a {@link BlockDetection} rule (qwen-mrope.md §3.6),
 * taking each block's grid from its modality's {@link GridQueue}. Every found block is checked to cover exactly
 * its grid's number of pad tokens of its modality.
 */
final class BlockFinder {

    /** A block whose first token is at {@code start}, an index into the unpadded row. */
    record Found(int start, VisualBlock block) {
    }

    private final QwenTokenIds ids;
    private final boolean framesAsBlocks;
    private final GridQueue images;
    private final GridQueue videos;

    BlockFinder(ModelPreset preset, GridQueue images, GridQueue videos) {
        this.ids = preset.tokenIds();
        this.framesAsBlocks = preset.videoFramesAsBlocks();
        this.images = images;
        this.videos = videos;
    }

    /** The row's blocks in order; {@code placeholders} (vLLM offsets) may be null. */
    List<Found> find(BlockDetection detection, UnpaddedRow row, List<Placeholder> placeholders) {
        return switch (detection) {
            case TOKEN_SCAN -> tokenScan(row);
            case TOKEN_TYPE_RUNS -> tokenTypeRuns(row);
            case PLACEHOLDER_OFFSETS -> placeholders == null ? splitRuns(row) : offsets(row, placeholders);
        };
    }

    /** HF 4.x: count vision_start + pad pairs, then take the earliest remaining pad at or after the cursor. */
    private List<Found> tokenScan(UnpaddedRow row) {
        int remainingImages = 0;
        int remainingVideos = 0;
        for (int i = 0; i + 1 < row.length(); i++) {
            if (row.token(i) == ids.visionStart()) {
                if (row.token(i + 1) == ids.imagePad()) {
                    remainingImages++;
                } else if (row.token(i + 1) == ids.videoPad()) {
                    remainingVideos++;
                }
            }
        }
        List<Found> found = new ArrayList<>();
        int st = 0;
        while (remainingImages + remainingVideos > 0) {
            int edImage = remainingImages > 0 ? row.indexOf(ids.imagePad(), st, row.length()) : Integer.MAX_VALUE;
            int edVideo = remainingVideos > 0 ? row.indexOf(ids.videoPad(), st, row.length()) : Integer.MAX_VALUE;
            if (edImage < 0 || edVideo < 0) {
                // HF's list.index raises here too.
                throw InvalidInputException.of(row.name() + ": a <|vision_start|> + pad pair has no pad token "
                        + "left after index " + row.original(st) + " (earlier blocks took them)");
            }
            Modality m = edImage < edVideo ? Modality.IMAGE : Modality.VIDEO;
            int at = Math.min(edImage, edVideo);
            VisualBlock b = queue(m).next(row.index());
            requirePads(row, at, b);
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
    private List<Found> tokenTypeRuns(UnpaddedRow row) {
        List<Found> found = new ArrayList<>();
        forEachPadRun(row, (m, start, end) -> {
            VisualBlock b = queue(m).next(row.index());
            if (b.tokens() != end - start) {
                throw InvalidInputException.of(row.name() + ": the run of " + (end - start) + " " + name(m)
                        + " pad tokens at index " + row.original(start) + " is one block under "
                        + BlockDetection.TOKEN_TYPE_RUNS.apiName() + " detection (HF main), but " + gridField(b)
                        + " gives " + b.tokens() + " tokens (adjacent images need a token between them)");
            }
            found.add(new Found(start, b));
        });
        return found;
    }

    /** vLLM without recorded offsets: each run of pads holds consecutive items, in grid order. */
    private List<Found> splitRuns(UnpaddedRow row) {
        List<Found> found = new ArrayList<>();
        forEachPadRun(row, (m, start, end) -> {
            for (int i = start; i < end;) {
                VisualBlock b = queue(m).next(row.index());
                if (b.tokens() > end - i) {
                    throw InvalidInputException.of(row.name() + ": " + gridField(b) + " needs " + b.tokens()
                            + " tokens but only " + (end - i) + " " + name(m)
                            + " pad tokens remain in the run at index " + row.original(i));
                }
                found.add(new Found(i, b));
                i += b.tokens();
            }
        });
        return found;
    }

    /** A maximal run {@code [start, end)} of one modality's pad id. */
    @FunctionalInterface
    private interface PadRun {
        void accept(Modality modality, int start, int end);
    }

    /** Calls {@code visit} for every maximal run of image or video pads of the row, in order. */
    private void forEachPadRun(UnpaddedRow row, PadRun visit) {
        for (int i = 0; i < row.length();) {
            Modality m = modalityOf(row.token(i));
            if (m == null) {
                i++;
                continue;
            }
            int end = row.runEnd(i);
            visit.accept(m, i, end);
            i = end;
        }
    }

    /** vLLM with the processor's offsets (Qwen3-VL frames as {@code _iter_mm_grid_hw} finds them, §3.5). */
    private List<Found> offsets(UnpaddedRow row, List<Placeholder> placeholders) {
        List<Placeholder> sorted = new ArrayList<>(placeholders);
        sorted.sort(Comparator.comparingInt(Placeholder::offset));
        String where = "placeholders[" + row.index() + "]";
        List<Found> found = new ArrayList<>();
        int end = 0;
        for (Placeholder p : sorted) {
            if (p.offset() < end || p.offset() >= row.length()) {
                throw InvalidInputException.of(where + ": offset " + p.offset() + " overlaps the previous item or "
                        + "lies outside the " + row.length() + " unmasked tokens");
            }
            VisualBlock first = queue(p.modality()).next(row.index());
            if (p.modality() == Modality.IMAGE || !framesAsBlocks) {
                requirePads(row, p.offset(), first);
                found.add(new Found(p.offset(), first));
                end = p.offset() + first.tokens();
                continue;
            }
            if (first.frame() != 0) {
                throw InvalidInputException.of(where + ": the video at offset " + p.offset() + " starts inside "
                        + gridField(first) + " (frame " + first.frame() + ")");
            }
            // Each frame: the first video pad between the next vision_start and the vision_end after it.
            int from = p.offset();
            for (int k = 0; k < videos.framesOf(first.source()); k++) {
                VisualBlock frame = k == 0 ? first : videos.next(row.index());
                int vs = row.indexOf(ids.visionStart(), from, row.length());
                int ve = vs < 0 ? -1 : row.indexOf(ids.visionEnd(), vs, row.length());
                int pad = ve < 0 ? -1 : row.indexOf(ids.videoPad(), vs, ve);
                if (pad < 0 || ve - pad != frame.tokens()) {
                    throw InvalidInputException.of(where + ": frame " + k + " of " + gridField(frame) + " needs "
                            + frame.tokens() + " video pad tokens between the next <|vision_start|> and "
                            + "<|vision_end|> after index " + row.original(from));
                }
                requirePads(row, pad, frame);
                found.add(new Found(pad, frame));
                from = ve + 1;
            }
            end = from;
        }
        return found;
    }

    private GridQueue queue(Modality m) {
        return m == Modality.IMAGE ? images : videos;
    }

    private Modality modalityOf(int id) {
        return id == ids.imagePad() ? Modality.IMAGE : id == ids.videoPad() ? Modality.VIDEO : null;
    }

    private void requirePads(UnpaddedRow row, int at, VisualBlock b) {
        int pad = ids.pad(b.modality());
        for (int i = at; i < at + b.tokens(); i++) {
            if (i >= row.length() || row.token(i) != pad) {
                throw InvalidInputException.of(row.name() + ": " + gridField(b) + " needs " + b.tokens() + " "
                        + name(b.modality()) + " pad tokens from index " + row.original(at) + ", but "
                        + (i >= row.length() ? "the row ends" : "index " + row.original(i) + " holds id " + row.token(i)));
            }
        }
    }

    private static String name(Modality m) {
        return m == Modality.IMAGE ? "image" : "video";
    }

    /** The grid field and index a block came from, for messages. */
    static String gridField(VisualBlock b) {
        return (b.modality() == Modality.IMAGE ? "image_grid_thw[" : "video_grid_thw[") + b.source() + "]";
    }
}
