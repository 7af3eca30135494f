package dev.posplan.multimodal.processor;

import dev.posplan.multimodal.InvalidInputException;

/**
 * The Qwen-Omni thinkers' audio and time arithmetic (golden-incoming/qwen_omni/README.md, "Rules"): how many
 * placeholder tokens an audio of F mel frames gets, and where slice k of a video sits on the time axis.
 */
public enum OmniModel {

    /** Qwen2.5-Omni: 25 positions per second, integer positions (the time product is truncated). */
    QWEN2_5_OMNI(25) {
        @Override
        public int audioTokens(int melFrames) {
            requireFrames(melFrames);
            int afterConv = Math.floorDiv(melFrames - 1, 2) + 1;
            return Math.floorDiv(afterConv - 2, 2) + 1;   // floor division, as Python's //: 1 frame gives 0
        }

        @Override
        public double sliceTime(int k, float secondsPerGrid) {
            return (long) timeProduct(k, secondsPerGrid);
        }
    },

    /** Qwen3-Omni: 13 positions per second, float32 positions (no truncation). */
    QWEN3_OMNI(13) {
        @Override
        public int audioTokens(int melFrames) {
            requireFrames(melFrames);
            int rest = melFrames % 100;
            int f = Math.floorDiv(rest - 1, 2) + 1;   // 0 when rest is 0
            return Math.floorDiv(Math.floorDiv(f - 1, 2) + 1 - 1, 2) + 1 + (melFrames / 100) * 13;
        }

        @Override
        public double sliceTime(int k, float secondsPerGrid) {
            return timeProduct(k, secondsPerGrid);
        }
    };

    private final int positionsPerSecond;

    OmniModel(int positionsPerSecond) {
        this.positionsPerSecond = positionsPerSecond;
    }

    /** {@code position_id_per_seconds}: positions per second of video time and per audio token second. */
    public int positionsPerSecond() {
        return positionsPerSecond;
    }

    /** Placeholder tokens of an audio with {@code melFrames} mel frames (100 per second). */
    public abstract int audioTokens(int melFrames);

    /** Time position of slice {@code k} of a video with {@code second_per_grid} {@code secondsPerGrid} (float32). */
    public abstract double sliceTime(int k, float secondsPerGrid);

    /** {@code k · spg · pps} with both multiplies in float32, as the references compute it. */
    float timeProduct(int k, float secondsPerGrid) {
        float ks = (float) k * secondsPerGrid;
        return ks * (float) positionsPerSecond;
    }

    private static void requireFrames(int melFrames) {
        if (melFrames < 1) {
            throw InvalidInputException.of("mel frames must be >= 1, got " + melFrames);
        }
    }
}
