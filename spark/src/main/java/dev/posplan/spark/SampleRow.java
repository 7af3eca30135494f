package dev.posplan.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One synthetic processor row being written token by token, the way a Qwen-VL chat template and processor
 * lay it out: text as random vocabulary ids, each image or video as {@code <|vision_start|>} pads
 * {@code <|vision_end|>} (a Qwen3-VL video as one timestamped block per temporal patch), grids in patch units.
 */
final class SampleRow {

    /** First id above the ordinary vocabulary (Qwen's {@code <|endoftext|>}); text ids are drawn below it. */
    private static final int VOCABULARY = 151_643;
    private static final int IM_START = 151_644;
    private static final int IM_END = 151_645;

    private final PosplanLibrary library;
    private final SplittableRandom random;
    private int[] ids = new int[256];
    private int length;
    final List<int[]> images = new ArrayList<>();
    final List<int[]> videos = new ArrayList<>();
    final List<Double> seconds = new ArrayList<>();

    SampleRow(PosplanLibrary library, SplittableRandom random) {
        this.library = library;
        this.random = random;
    }

    SampleRow text(int tokens) {
        for (int i = 0; i < tokens; i++) {
            add(random.nextInt(VOCABULARY));
        }
        return this;
    }

    /** {@code <|im_start|>role\n}: a chat turn opens (its content follows). */
    SampleRow turnStart() {
        add(IM_START);
        return text(2);
    }

    /** {@code <|im_end|>\n}. */
    SampleRow turnEnd() {
        add(IM_END);
        return text(1);
    }

    SampleRow image(int[] gridThw) {
        images.add(gridThw);
        return block(library.imagePad(), cells(gridThw));
    }

    SampleRow video(PosplanLibrary.Video v) {
        int[] g = v.gridThw();
        videos.add(g);
        if (library.absoluteTime()) {
            seconds.add(v.secondPerGridT());
        }
        if (!library.videoFramesAsBlocks()) {
            return block(library.videoPad(), cells(g));
        }
        int perFrame = cells(new int[] {1, g[1], g[2]});
        for (int k = 0; k < g[0]; k++) {
            text(timestampTokens(v.timestamps()[k]));
            block(library.videoPad(), perFrame);
        }
        return this;
    }

    /** {@code "<12.5 seconds>"}: Qwen's tokenizer splits digits, so one token per digit plus four. */
    private static int timestampTokens(double seconds) {
        String text = PosplanLibrary.timestampText(seconds);
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                digits++;
            }
        }
        return digits + 4;
    }

    SampleRow block(int pad, int tokens) {
        add(library.visionStart());
        for (int i = 0; i < tokens; i++) {
            add(pad);
        }
        add(library.visionEnd());
        return this;
    }

    int cells(int[] gridThw) {
        int m = library.spatialMergeSize();
        return gridThw[0] * gridThw[1] * gridThw[2] / (m * m);
    }

    private void add(int id) {
        if (length == ids.length) {
            ids = java.util.Arrays.copyOf(ids, ids.length * 2);
        }
        ids[length++] = id;
    }

    int length() {
        return length;
    }

    int[] inputIds() {
        return java.util.Arrays.copyOf(ids, length);
    }

    /** Removes the first token equal to {@code id} after index {@code from}; true if one was found. */
    boolean removeFirst(int id, int from) {
        for (int i = from; i < length; i++) {
            if (ids[i] == id) {
                System.arraycopy(ids, i + 1, ids, i, length - i - 1);
                length--;
                return true;
            }
        }
        return false;
    }

    int indexOf(int id) {
        for (int i = 0; i < length; i++) {
            if (ids[i] == id) {
                return i;
            }
        }
        return -1;
    }

    static int[][] grids(List<int[]> grids) {
        return grids.isEmpty() ? null : grids.toArray(new int[0][]);
    }
}
