package dev.posplan.planners.allocation;

/** Allocation rules shared by several schemes: which axis each rotary pair reads. */
public final class PairAxes {

    private PairAxes() {
    }

    /**
     * Consecutive chunks (Qwen2-VL M-RoPE): the first {@code sections[0]} pairs read axis 0, the next
     * {@code sections[1]} axis 1, and so on; chunk i reads axis {@code i % axes}.
     */
    public static int[] chunked(int[] sections, int pairs, int axes) {
        requireSum(sections, pairs);
        int[] out = new int[pairs];
        int j = 0;
        for (int i = 0; i < sections.length; i++) {
            for (int k = 0; k < sections[i]; k++) {
                out[j++] = i % axes;
            }
        }
        return out;
    }

    /**
     * Qwen3-VL interleaving of {@code [s_t, s_h, s_w]}: pair j reads h if {@code j % 3 == 1 && j < 3 s_h},
     * w if {@code j % 3 == 2 && j < 3 s_w}, t otherwise.
     */
    public static int[] interleaved(int[] sections, int pairs) {
        requireSum(sections, pairs);
        if (sections.length != 3) {
            throw new IllegalArgumentException("mrope_section must have 3 entries (t, h, w)");
        }
        int[] out = new int[pairs];
        for (int j = 0; j < pairs; j++) {
            if (j % 3 == 1 && j < 3 * sections[1]) {
                out[j] = 1;
            } else if (j % 3 == 2 && j < 3 * sections[2]) {
                out[j] = 2;
            } else {
                out[j] = 0;
            }
        }
        return out;
    }

    /**
     * h and w alternating, then t (ERNIE-4.5-VL, Bailing): pair j reads h for even and w for odd
     * {@code j < spatialPairs}, t (axis 0) for every pair after them.
     */
    public static int[] spatialAlternatingThenTime(int spatialPairs, int pairs) {
        if (spatialPairs < 0 || spatialPairs > pairs || spatialPairs % 2 != 0) {
            throw new IllegalArgumentException("the h and w sections must be equal and cover at most " + pairs
                    + " rotary pairs together, got " + spatialPairs);
        }
        int[] out = new int[pairs];
        for (int j = 0; j < spatialPairs; j++) {
            out[j] = j % 2 == 0 ? 1 : 2;
        }
        return out;
    }

    /**
     * A repeating pattern: pair j reads axis {@code pattern[j % pattern.length]} (GRAPE interleaved
     * {@code (t,h,w)}, MM-RoPE's {@code T,T,H,W,H,W,H,W}; vlm-ropes.md §5.8, §5.9).
     */
    public static int[] periodic(int[] pattern, int pairs) {
        if (pattern.length == 0) {
            throw new IllegalArgumentException("axis pattern must not be empty");
        }
        int[] out = new int[pairs];
        for (int j = 0; j < pairs; j++) {
            out[j] = pattern[j % pattern.length];
        }
        return out;
    }

    /** Every pair reads axis 0 (1D RoPE). */
    public static int[] single(int pairs) {
        return new int[pairs];
    }

    /**
     * VideoRoPE's low-frequency temporal allocation (LTA, vlm-ropes.md §6.2) of {@code [s_t, s_h, s_w]}:
     * the first {@code s_h + s_w} pairs alternate h (even j) and w (odd j), the last {@code s_t} (lowest
     * frequencies) read t. Only {@code s_h + s_w} matters, as in the official code.
     */
    public static int[] lowFrequencyTemporal(int[] sections, int pairs) {
        requireThw(sections, pairs);
        int spatial = sections[1] + sections[2];
        int[] out = new int[pairs];
        for (int j = 0; j < pairs; j++) {
            out[j] = j >= spatial ? 0 : j % 2 == 0 ? 1 : 2;
        }
        return out;
    }

    /**
     * Multimodal-RoPEs' version of the LTA (§5.3, §12 #1), one pair off the official one: every pair reads
     * t except h on odd {@code j < 2 s_h} and w on even {@code j} in {@code [2, 2 s_w)} (Python slices
     * {@code (1, 2 s_h, 2)} and {@code (2, 2 s_w, 2)}, clipped to the pairs like a slice is).
     */
    public static int[] lowFrequencyTemporalShifted(int[] sections, int pairs) {
        requireThw(sections, pairs);
        int[] out = new int[pairs];
        for (int j = 1; j < Math.min(2 * sections[1], pairs); j += 2) {
            out[j] = 1;
        }
        for (int j = 2; j < Math.min(2 * sections[2], pairs); j += 2) {
            out[j] = 2;
        }
        return out;
    }

    /** A copy of {@code pairAxis} where the pairs of {@code axis} do not rotate (HoPE's NoPE temporal pairs, §7.2). */
    public static int[] withoutRotation(int[] pairAxis, int axis) {
        int[] out = pairAxis.clone();
        for (int j = 0; j < out.length; j++) {
            if (out[j] == axis) {
                out[j] = FrequencyAllocation.NO_ROTATION;
            }
        }
        return out;
    }

    private static void requireThw(int[] sections, int pairs) {
        if (sections.length != 3) {
            throw new IllegalArgumentException("mrope_section must have 3 entries (t, h, w)");
        }
        requireSum(sections, pairs);
    }

    private static void requireSum(int[] sections, int pairs) {
        long sum = 0; // long: entries near Integer.MAX_VALUE must not wrap around to the expected sum
        for (int s : sections) {
            if (s < 0) {
                throw new IllegalArgumentException("mrope_section entries must be >= 0");
            }
            sum += s;
        }
        if (sum != pairs) {
            throw new IllegalArgumentException("mrope_section must sum to rotary_dim/2 = " + pairs + ", got " + sum);
        }
    }
}
