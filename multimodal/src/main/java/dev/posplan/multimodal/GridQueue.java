package dev.posplan.multimodal;

import java.util.ArrayList;
import java.util.List;

/**
 * The visual blocks one modality's grid list makes (one per image or video, one per frame for families that
 * split videos, qwen-mrope.md §3.5), handed out in order across the whole batch (§5).
 */
final class GridQueue {
    private final String field;
    private final List<VisualBlock> blocks;
    private final int[] framesPerSource;
    private int cursor;

    private GridQueue(String field, List<VisualBlock> blocks, int[] framesPerSource) {
        this.field = field;
        this.blocks = blocks;
        this.framesPerSource = framesPerSource;
    }

    static GridQueue images(int[][] thw, ModelPreset preset) {
        List<VisualBlock> blocks = new ArrayList<>();
        int n = thw == null ? 0 : thw.length;
        for (int i = 0; i < n; i++) {
            // t > 1 is planned like the reference does (QwenFormats#multiSliceImages); the scheme may refuse it
            Grid g = merged("image_grid_thw", i, thw[i], preset);
            blocks.add(new VisualBlock(Modality.IMAGE, g, Float.NaN, i, 0));
        }
        return new GridQueue("image_grid_thw", blocks, null);
    }

    static GridQueue videos(int[][] thw, double[] secondPerGridTs, ModelPreset preset) {
        int n = thw == null ? 0 : thw.length;
        if (secondPerGridTs != null) {
            if (!preset.absoluteTime()) {
                throw InvalidInputException.of("second_per_grid_ts is only used by models with absolute time "
                        + "(qwen2.5-vl), not " + preset.apiName());
            }
            if (secondPerGridTs.length != n) {
                throw InvalidInputException.of("second_per_grid_ts has " + secondPerGridTs.length
                        + " entries but video_grid_thw has " + n + " videos");
            }
        }
        List<VisualBlock> blocks = new ArrayList<>();
        int[] frames = new int[n];
        for (int v = 0; v < n; v++) {
            Grid g = merged("video_grid_thw", v, thw[v], preset);
            float s = secondPerGridTs == null ? Float.NaN : seconds(secondPerGridTs[v], v);
            frames[v] = preset.videoFramesAsBlocks() ? g.t() : 1;
            if (preset.videoFramesAsBlocks()) {
                Grid frame = new Grid(1, g.h(), g.w());
                for (int k = 0; k < g.t(); k++) {
                    blocks.add(new VisualBlock(Modality.VIDEO, frame, Float.NaN, v, k));
                }
            } else {
                blocks.add(new VisualBlock(Modality.VIDEO, g, s, v, 0));
            }
        }
        return new GridQueue("video_grid_thw", blocks, frames);
    }

    private static float seconds(double s, int v) {
        if (Double.isNaN(s)) {
            throw new InvalidInputException("second_per_grid_ts[" + v + "]", "second_per_grid_ts[" + v
                    + "] must be finite and >= 0, got NaN");
        }
        return VisualBlock.secondsPerGrid(s, "second_per_grid_ts[" + v + "]");
    }

    /** The LLM grid of a patch grid: {@code (t, h/m, w/m)}. */
    private static Grid merged(String field, int i, int[] thw, ModelPreset preset) {
        if (thw == null || thw.length != 3) {
            throw InvalidInputException.of(field + "[" + i + "] must have 3 entries (t, h, w)");
        }
        int m = preset.spatialMergeSize();
        if (thw[1] % m != 0 || thw[2] % m != 0) {
            throw InvalidInputException.of(field + "[" + i + "] = [" + thw[0] + ", " + thw[1] + ", " + thw[2]
                    + "]: h and w must be multiples of spatial_merge_size " + m);
        }
        try {
            return new Grid(thw[0], thw[1] / m, thw[2] / m);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of(field + "[" + i + "]: " + e.getMessage(), e);
        }
    }

    long totalTokens() {
        long sum = 0;
        for (VisualBlock b : blocks) {
            sum += b.tokens();
        }
        return sum;
    }

    int framesOf(int source) {
        return framesPerSource[source];
    }

    VisualBlock next(int row) {
        if (cursor == blocks.size()) {
            throw InvalidInputException.of("input_ids[" + row + "] has more " + unit() + " than " + field
                    + " provides (" + blocks.size() + ")");
        }
        return blocks.get(cursor++);
    }

    void requireConsumed() {
        if (cursor != blocks.size()) {
            throw InvalidInputException.of(field + " provides " + blocks.size() + " " + unit()
                    + " but the prompt's blocks use only " + cursor);
        }
    }

    private String unit() {
        return framesPerSource != null && blocks.size() != framesPerSource.length ? "video frames" : "blocks";
    }
}
