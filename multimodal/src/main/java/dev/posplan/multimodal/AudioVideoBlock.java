package dev.posplan.multimodal;

import java.util.Arrays;
import java.util.Objects;

/**
 * A video with its own audio track interleaved into it (Qwen-Omni {@code use_audio_in_video}): the video's
 * placeholder tokens (t-major, row, column, as in a {@link VisualBlock}) and {@code audioTokens} audio
 * placeholders, in the order {@code runs} gives: {@code runs[0]} video tokens, then {@code runs[1]} audio
 * tokens, alternating (a run may be 0). The wrapper tokens around it are text runs of the stream.
 *
 * @param video       the video block (its grid and seconds per grid)
 * @param audioTokens audio placeholders of the video's audio track
 * @param runs        token counts alternating video, audio, video, … summing to each modality's total
 */
public record AudioVideoBlock(VisualBlock video, int audioTokens, int[] runs) implements Segment {

    public AudioVideoBlock {
        Objects.requireNonNull(video, "video");
        if (audioTokens < 0) {
            throw InvalidInputException.of("audio tokens must be >= 0, got " + audioTokens);
        }
        runs = runs.clone();
        long videoSum = 0;
        long audioSum = 0;
        for (int i = 0; i < runs.length; i++) {
            if (runs[i] < 0) {
                throw InvalidInputException.of("audio/video run " + i + " is negative: " + runs[i]);
            }
            if (i % 2 == 0) {
                videoSum += runs[i];
            } else {
                audioSum += runs[i];
            }
        }
        if (videoSum != video.tokens() || audioSum != audioTokens) {
            throw InvalidInputException.of("audio/video runs hold " + videoSum + " video and " + audioSum
                    + " audio tokens, but the video has " + video.tokens() + " and its audio " + audioTokens);
        }
    }

    @Override
    public int tokens() {
        return video.tokens() + audioTokens;
    }

    @Override
    public int[] runs() {
        return runs.clone();
    }

    /** Number of runs (video runs at even, audio runs at odd indices). */
    public int runCount() {
        return runs.length;
    }

    /** Tokens of run {@code i}. */
    public int run(int i) {
        return runs[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AudioVideoBlock a && video.equals(a.video) && audioTokens == a.audioTokens
                && Arrays.equals(runs, a.runs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(video, audioTokens, Arrays.hashCode(runs));
    }

    @Override
    public String toString() {
        return "AudioVideoBlock[video=" + video + ", audioTokens=" + audioTokens + ", runs=" + Arrays.toString(runs)
                + "]";
    }
}
