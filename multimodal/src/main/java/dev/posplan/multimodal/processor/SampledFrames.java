package dev.posplan.multimodal.processor;

import dev.posplan.multimodal.InvalidInputException;
import java.util.Arrays;

/**
 * The frames a sampler picked from a decoded video.
 *
 * @param indices     frame indices into the source video, in order (may repeat)
 * @param totalFrames frames of the source video
 * @param videoFps    frame rate of the source video
 */
public record SampledFrames(int[] indices, int totalFrames, double videoFps) {

    public SampledFrames {
        Args.positive("totalFrames", totalFrames);
        Args.positive("videoFps", videoFps);
        indices = indices.clone();
        for (int i : indices) {
            if (i < 0 || i >= totalFrames) {
                throw InvalidInputException.of("indices: frame index " + i + " outside 0.." + (totalFrames - 1));
            }
        }
    }

    @Override
    public int[] indices() {
        return indices.clone();
    }

    /** Number of sampled frames. */
    public int count() {
        return indices.length;
    }

    /** These frames with the last one repeated when their count is odd: a temporal patch takes two frames. */
    public SampledFrames evenCount() {
        if (indices.length % 2 == 0) {
            return this;
        }
        int[] even = Arrays.copyOf(indices, indices.length + 1);
        even[indices.length] = indices[indices.length - 1];
        return new SampledFrames(even, totalFrames, videoFps);
    }

    /** The effective rate of the sampled frames, see {@link VideoTiming#sampledFps}. */
    public double sampledFps() {
        return VideoTiming.sampledFps(indices.length, totalFrames, videoFps);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SampledFrames s && totalFrames == s.totalFrames
                && Double.compare(videoFps, s.videoFps) == 0 && Arrays.equals(indices, s.indices);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(indices) + totalFrames) + Double.hashCode(videoFps);
    }

    @Override
    public String toString() {
        return "SampledFrames[indices=" + Arrays.toString(indices) + ", totalFrames=" + totalFrames + ", videoFps="
                + videoFps + "]";
    }
}
