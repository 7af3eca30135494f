package dev.posplan.multimodal.text;

import dev.posplan.multimodal.processor.Qwen3Timestamps;

/**
 * How many tokens the Qwen tokenizer makes of a Qwen3-VL timestamp {@code "<x.x seconds>"}, without the
 * tokenizer: its pre-tokenizer isolates every digit ({@code \p{N}}), and {@code <}, {@code .}, {@code " seconds"}
 * and {@code >} are one token each, so the count is the number of digits plus 4 (qwen-mrope.md §2.3). Lets a
 * video given by frames be planned for Qwen3-VL when no tokenizer is configured; {@code QwenTimestampTokensTest}
 * checks the rule against the real tokenizer.
 */
public final class QwenTimestampTokens {

    private QwenTimestampTokens() {
    }

    /** Tokens of {@code Qwen3Timestamps.text(seconds)}. */
    public static int count(double seconds) {
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("timestamp must be >= 0, got " + seconds);
        }
        String text = Qwen3Timestamps.text(seconds);
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                digits++;
            }
        }
        return digits + 4;
    }

    /** {@link #count(double)} for each timestamp: the {@code timestampTokens} of a Qwen3-VL video part. */
    public static int[] counts(double[] seconds) {
        int[] out = new int[seconds.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = count(seconds[i]);
        }
        return out;
    }
}
