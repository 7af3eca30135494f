package dev.posplan.multimodal.processor;

import dev.posplan.multimodal.InvalidInputException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Qwen3-VL per-frame timestamps (qwen-mrope.md §7.5, §2.3): {@code _calculate_timestamps} of transformers and
 * vLLM, and the {@code "<x.x seconds>"} text placed before each frame block.
 */
public final class Qwen3Timestamps {

    private Qwen3Timestamps() {
    }

    /** {@link #of(int[], double, int)} for sampled frames. */
    public static double[] of(SampledFrames frames, int temporalPatchSize) {
        return of(frames.indices(), frames.videoFps(), temporalPatchSize);
    }

    /**
     * One timestamp per temporal patch: the indices are padded to a multiple of {@code temporalPatchSize} by
     * repeating the last one, {@code ts_j = idx_j / video_fps}, and patch {@code k} gets the mean of its first and
     * last frame's {@code ts}.
     */
    public static double[] of(int[] indices, double videoFps, int temporalPatchSize) {
        Args.positive("videoFps", videoFps);
        Args.positive("temporalPatchSize", temporalPatchSize);
        if (indices.length == 0) {
            throw InvalidInputException.of("indices must not be empty");
        }
        int patches = (indices.length + temporalPatchSize - 1) / temporalPatchSize;
        double[] out = new double[patches];
        for (int k = 0; k < patches; k++) {
            double first = index(indices, k * temporalPatchSize) / videoFps;
            double last = index(indices, k * temporalPatchSize + temporalPatchSize - 1) / videoFps;
            out[k] = (first + last) / 2;
        }
        return out;
    }

    /** The index at padded position {@code i} (past the end: the last index). */
    private static int index(int[] indices, int i) {
        int idx = indices[Math.min(i, indices.length - 1)];
        if (idx < 0) {
            throw InvalidInputException.of("indices: frame index must be >= 0, got " + idx);
        }
        return idx;
    }

    /** {@code f"<{seconds:.1f} seconds>"}. */
    public static String text(double seconds) {
        return "<" + oneDecimal(seconds) + " seconds>";
    }

    /** {@link #text} for each timestamp. */
    public static String[] texts(double[] seconds) {
        String[] out = new String[seconds.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = text(seconds[i]);
        }
        return out;
    }

    /**
     * Python's {@code format(value, ".1f")}: the exact binary value rounded half to even (0.25 → "0.2",
     * 9.95 → "9.9" because 9.95 is stored below the tie). {@link String#format} would round half up.
     */
    public static String oneDecimal(double value) {
        if (!Double.isFinite(value)) {
            throw InvalidInputException.of("seconds must be finite, got " + value);
        }
        String digits = new BigDecimal(Math.abs(value)).setScale(1, RoundingMode.HALF_EVEN).toPlainString();
        // Python keeps the sign of negative values that round to zero ("-0.0").
        return Double.doubleToRawLongBits(value) < 0 ? "-" + digits : digits;
    }
}
