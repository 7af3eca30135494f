package dev.posplan.multimodal.table;

import java.util.HashMap;
import java.util.Map;

/**
 * The word-level stub tokenizer of the 2D-TPE golden files (golden/README-table-camera.md): one token per
 * whitespace-separated word and one per newline; BOS 1, EOS 2; each new word gets the next id from
 * {@value #FIRST_WORD_ID} on, in the order words are first seen. Ids therefore depend on the order of
 * {@link #encode} calls, which is why one instance must see the texts in the reference's order.
 *
 * <p>Not a real vocabulary: it exists to reproduce the goldens and for tests. Thread-safe.
 */
public final class WordLevelTokenizer implements Tokenizer {

    /** Id of the first word seen. */
    public static final int FIRST_WORD_ID = 100_000;

    private final Map<String, Integer> vocabulary = new HashMap<>();

    @Override
    public synchronized int[] encode(String text) {
        int[] ids = new int[text.length()];
        int n = 0;
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            boolean newline = c == '\n';
            if (newline || PyStrings.isSpace(c)) {
                if (start >= 0) {
                    ids[n++] = id(text.substring(start, i));
                    start = -1;
                }
                if (newline && i < text.length()) {
                    ids[n++] = id("\n");
                }
            } else if (start < 0) {
                start = i;
            }
        }
        return java.util.Arrays.copyOf(ids, n);
    }

    private int id(String word) {
        return vocabulary.computeIfAbsent(word, w -> FIRST_WORD_ID + vocabulary.size());
    }

    @Override
    public int bosTokenId() {
        return 1;
    }

    @Override
    public int eosTokenId() {
        return 2;
    }
}
