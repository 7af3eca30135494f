package dev.posplan.planners.camera;

import dev.posplan.multimodal.Segment;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.multimodal.VisualBlock;
import dev.posplan.multimodal.camera.CameraView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The posed visual blocks of a {@link TokenStream} (blocks with a {@link VisualBlock#camera()}), in stream
 * order, with where their tokens sit in the stream. Stream indices count every token, padding and wrapper
 * text included, so they index arrays of {@code stream.length()} rows. Camera {@code i}'s tokens are the
 * contiguous range {@code [offset(i), offset(i) + tokens(i))}, row-major over the view's token grid, which is
 * the token order of the list-based camera APIs ({@code views outer, then rows, then columns}).
 */
public final class CameraTokens {

    private final int streamLength;
    private final List<CameraView> views;
    private final int[] offsets;
    private final int cameraTokens;

    private CameraTokens(int streamLength, List<CameraView> views, int[] offsets, int cameraTokens) {
        this.streamLength = streamLength;
        this.views = List.copyOf(views);
        this.offsets = offsets;
        this.cameraTokens = cameraTokens;
    }

    /** The camera blocks of {@code stream}; blocks without a camera are skipped. */
    public static CameraTokens of(TokenStream stream) {
        List<CameraView> views = new ArrayList<>();
        int[] offsets = new int[stream.visualBlockCount()];
        int at = 0;
        int tokens = 0;
        for (Segment s : stream.segments()) {
            if (s instanceof VisualBlock b && b.hasCamera()) {
                offsets[views.size()] = at;
                views.add(b.camera());
                tokens += b.tokens();
            }
            at += s.tokens();
        }
        return new CameraTokens(stream.length(), views, Arrays.copyOf(offsets, views.size()), tokens);
    }

    /** Tokens of the whole stream (padding included). */
    public int streamLength() {
        return streamLength;
    }

    /** Number of camera blocks. */
    public int count() {
        return views.size();
    }

    public boolean isEmpty() {
        return views.isEmpty();
    }

    /** The camera views in stream order. */
    public List<CameraView> views() {
        return views;
    }

    public CameraView view(int i) {
        return views.get(i);
    }

    /** Stream index of the first token of camera block {@code i}. */
    public int offset(int i) {
        return offsets[i];
    }

    /** Stream indices of the first token of every camera block. */
    public int[] offsets() {
        return offsets.clone();
    }

    /** Tokens of camera block {@code i} ({@code tokensY · tokensX} of its view). */
    public int tokens(int i) {
        return views.get(i).tokens();
    }

    /** Tokens of all camera blocks together. */
    public int cameraTokens() {
        return cameraTokens;
    }

    /** {@code true} at the stream index of every token of a camera block. */
    public boolean[] mask() {
        boolean[] out = new boolean[streamLength];
        for (int i = 0; i < offsets.length; i++) {
            Arrays.fill(out, offsets[i], offsets[i] + tokens(i), true);
        }
        return out;
    }

    /** For the k-th camera token (camera blocks in order, row-major inside), its stream index. */
    public int[] streamIndices() {
        int[] out = new int[cameraTokens];
        int k = 0;
        for (int i = 0; i < offsets.length; i++) {
            for (int j = 0; j < tokens(i); j++) {
                out[k++] = offsets[i] + j;
            }
        }
        return out;
    }
}
