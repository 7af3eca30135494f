package dev.posplan.multimodal;

import java.util.ArrayList;
import java.util.List;

/**
 * The blocks of a Qwen-Omni batch in {@code input_ids}, found by scanning token ids as its
 * {@code get_rope_index} does: each run of image (video) pads takes the next {@code image_grid_thw}
 * ({@code video_grid_thw}, with its {@code second_per_grid}) entry, each run of audio pads the next audio;
 * with {@code use_audio_in_video}, {@code <vision_bos><audio_bos>} opens a video with its audio track, whose
 * interleave is read from the pads up to {@code <audio_eos>}. Audios (standalone and video tracks) are consumed
 * in order of appearance over the batch, each {@link QwenOmniFormat#model()}'s token count of its mel frames
 * ({@code audio_seqlens}). Masked tokens become padding and must not fall inside a block.
 */
public final class OmniInputIds {

    /** The ids the position code reads. */
    public record TokenIds(int image, int video, int audio, int visionStart, int audioStart, int audioEnd) {
    }

    /** Everything the processor returns that positions depend on. */
    public record Inputs(int[][] inputIds, int[][] attentionMask, int[][] imageGridThw, int[][] videoGridThw,
            float[] secondPerGrid, int[] audioSeqlens, boolean useAudioInVideo, int merge) {
    }

    private final QwenOmniFormat format;
    private final TokenIds ids;
    private final Inputs in;
    private int image;
    private int video;
    private int audio;

    private OmniInputIds(QwenOmniFormat format, TokenIds ids, Inputs in) {
        this.format = format;
        this.ids = ids;
        this.in = in;
    }

    /** One stream per row. */
    public static List<TokenStream> rows(QwenOmniFormat format, TokenIds ids, Inputs in) {
        OmniInputIds scan = new OmniInputIds(format, ids, in);
        List<TokenStream> out = new ArrayList<>();
        for (int b = 0; b < in.inputIds().length; b++) {
            out.add(scan.row(b));
        }
        int images = in.imageGridThw() == null ? 0 : in.imageGridThw().length;
        int videos = in.videoGridThw() == null ? 0 : in.videoGridThw().length;
        int audios = in.audioSeqlens() == null ? 0 : in.audioSeqlens().length;
        if (scan.image != images || scan.video != videos || scan.audio != audios) {
            throw InvalidInputException.of("input_ids hold " + scan.image + " images, " + scan.video + " videos and "
                    + scan.audio + " audios, but the grids and audio_seqlens give " + images + ", " + videos + " and "
                    + audios);
        }
        return out;
    }

    private TokenStream row(int b) {
        int[] row = in.inputIds()[b];
        int[] mask = in.attentionMask() == null ? null : in.attentionMask()[b];
        TokenStream.Builder out = TokenStream.builder();
        int text = 0;
        boolean afterAudioVideo = false;
        int i = 0;
        while (i < row.length) {
            if (mask != null && mask[i] == 0) {
                int end = i;
                while (end < row.length && mask[end] == 0) {
                    end++;
                }
                out.text(text).padding(end - i);
                text = 0;
                i = end;
                continue;
            }
            int id = row[i];
            if (id == ids.visionStart() && in.useAudioInVideo() && i + 1 < row.length && row[i + 1] == ids.audioStart()) {
                out.text(text).text(1, format.sharedWrappers() ? TextRole.SHARED : TextRole.VISION_START)
                        .text(1, TextRole.AUDIO_START);
                text = 0;
                i = audioVideo(out, b, row, mask, i + 2);
                afterAudioVideo = true;
                continue;
            }
            if (id == ids.audioEnd() && afterAudioVideo && format.sharedWrappers()) {
                out.text(text).text(1, TextRole.SHARED);
                text = 0;
                afterAudioVideo = false;
                i++;
                continue;
            }
            afterAudioVideo = false;
            if (id != ids.image() && id != ids.video() && id != ids.audio()) {
                text++;
                i++;
                continue;
            }
            int end = runEnd(row, mask, i, id, b);
            out.text(text);
            text = 0;
            if (id == ids.audio()) {
                out.text(requireLength("audio", audio, audioTokens(audio++), end - i), TextRole.AUDIO);
            } else if (id == ids.image()) {
                VisualBlock block = imageBlock();
                out.add(block);
                requireLength("image_grid_thw", image - 1, block.tokens(), end - i);
            } else {
                VisualBlock block = videoBlock();
                out.add(block);
                requireLength("video_grid_thw", video - 1, block.tokens(), end - i);
            }
            i = end;
        }
        return out.text(text).build();
    }

    /** Reads the interleaved pads of a video with audio from {@code from}; returns the index after them. */
    private int audioVideo(TokenStream.Builder out, int b, int[] row, int[] mask, int from) {
        List<Integer> runs = new ArrayList<>();
        int i = from;
        boolean videoRun = true;
        int open = 0;
        while (i < row.length && (row[i] == ids.video() || row[i] == ids.audio())) {
            if (mask != null && mask[i] == 0) {
                throw InvalidInputException.of("attention_mask[" + b + "][" + i + "] masks a token inside a video "
                        + "with audio");
            }
            if ((row[i] == ids.video()) != videoRun) {
                runs.add(open);
                open = 0;
                videoRun = !videoRun;
            }
            open++;
            i++;
        }
        runs.add(open);
        VisualBlock block = videoBlock();
        int audioTokens = audioTokens(audio++);
        out.add(new AudioVideoBlock(block, audioTokens, runs.stream().mapToInt(Integer::intValue).toArray()));
        return i;
    }

    private int runEnd(int[] row, int[] mask, int from, int id, int b) {
        int i = from;
        while (i < row.length && row[i] == id) {
            if (mask != null && mask[i] == 0) {
                throw InvalidInputException.of("attention_mask[" + b + "][" + i + "] masks a placeholder token");
            }
            i++;
        }
        return i;
    }

    private VisualBlock imageBlock() {
        int[][] grids = in.imageGridThw();
        if (grids == null || image >= grids.length) {
            throw InvalidInputException.of("input_ids hold more images than image_grid_thw gives");
        }
        Grid g = TokenTypeRuns.merged("image_grid_thw", image, grids[image], 1, in.merge());
        return new VisualBlock(Modality.IMAGE, g, Float.NaN, image++, 0);
    }

    private VisualBlock videoBlock() {
        int[][] grids = in.videoGridThw();
        if (grids == null || video >= grids.length) {
            throw InvalidInputException.of("input_ids hold more videos than video_grid_thw gives");
        }
        Grid g = TokenTypeRuns.merged("video_grid_thw", video, grids[video], 1, in.merge());
        float spg = in.secondPerGrid() == null ? Float.NaN : in.secondPerGrid()[video];
        return new VisualBlock(Modality.VIDEO, g, spg, video++, 0);
    }

    private int audioTokens(int index) {
        int[] seqlens = in.audioSeqlens();
        if (seqlens == null || index >= seqlens.length) {
            throw InvalidInputException.of("input_ids hold more audios than audio_seqlens gives");
        }
        return format.model().audioTokens(seqlens[index]);
    }

    private static int requireLength(String field, int index, int expected, int actual) {
        if (expected != actual) {
            throw InvalidInputException.of(field + "[" + index + "] makes " + expected + " tokens, but input_ids "
                    + "have " + actual + " there");
        }
        return actual;
    }
}
