package dev.posplan.planners;

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

    private static void requireSum(int[] sections, int pairs) {
        int sum = 0;
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
