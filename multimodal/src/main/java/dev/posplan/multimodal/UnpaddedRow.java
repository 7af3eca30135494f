package dev.posplan.multimodal;

/**
 * Row {@code index} of {@code input_ids} with its masked tokens removed, the sequence every reference runs
 * its block search on (qwen-mrope.md §5). {@link #original} maps an index back to the padded row.
 */
record UnpaddedRow(int index, int[] tokens, int[] mask) {

    /** Compacts {@code ids} by {@code mask} (null: every token counts; the ids are then shared). */
    static UnpaddedRow of(int index, int[] ids, int[] mask) {
        if (mask == null) {
            return new UnpaddedRow(index, ids, null);
        }
        int n = 0;
        for (int m : mask) {
            n += m;
        }
        int[] tokens = new int[n];
        int k = 0;
        for (int i = 0; i < ids.length; i++) {
            if (mask[i] == 1) {
                tokens[k++] = ids[i];
            }
        }
        return new UnpaddedRow(index, tokens, mask);
    }

    int length() {
        return tokens.length;
    }

    int token(int k) {
        return tokens[k];
    }

    /** First index in {@code [from, to)} holding {@code id}, or -1. */
    int indexOf(int id, int from, int to) {
        for (int i = Math.max(from, 0); i < to; i++) {
            if (tokens[i] == id) {
                return i;
            }
        }
        return -1;
    }

    /** End of the run of equal tokens starting at {@code from}. */
    int runEnd(int from) {
        int end = from;
        while (end < tokens.length && tokens[end] == tokens[from]) {
            end++;
        }
        return end;
    }

    /** Index in the padded row of unpadded index {@code k} (for messages, so a slow scan is fine). */
    int original(int k) {
        if (mask == null) {
            return k;
        }
        int seen = -1;
        for (int i = 0; i < mask.length; i++) {
            seen += mask[i];
            if (seen == k) {
                return i;
            }
        }
        return mask.length;
    }

    /** {@code input_ids[index]} for messages. */
    String name() {
        return "input_ids[" + index + "]";
    }
}
