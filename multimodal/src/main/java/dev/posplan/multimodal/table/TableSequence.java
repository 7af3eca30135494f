package dev.posplan.multimodal.table;

import java.util.ArrayList;
import java.util.List;

/**
 * One sequence for a table scheme: runs of text tokens and serialised tables, in order. The reference
 * has exactly one table, text before it (BOS, instruction, question) and text after it (response header,
 * target); several tables are accepted as the extrapolation of table-camera.md §1.4.
 */
public final class TableSequence {

    /** Upper bound on a sequence's length, so that positions stay far from int overflow. */
    public static final int MAX_TOKENS = 1 << 28;

    /** A run of text tokens or a table. */
    public sealed interface Part permits Text, TableGrid {

        /** Tokens the part occupies. */
        int tokens();
    }

    /** {@code tokens} text tokens. */
    public record Text(int tokens) implements Part {
        public Text {
            if (tokens < 0) {
                throw new IllegalArgumentException("text run length must be >= 0, got " + tokens);
            }
        }
    }

    private final List<Part> parts;
    private final int length;

    private TableSequence(List<Part> parts) {
        this.parts = List.copyOf(parts);
        long total = 0;
        for (Part p : this.parts) {
            total += p.tokens();
        }
        if (total > MAX_TOKENS) {
            throw new IllegalArgumentException("sequence has " + total + " tokens, more than " + MAX_TOKENS);
        }
        this.length = (int) total;
    }

    /** The reference's shape: {@code prefixTokens} (BOS included), one table, {@code suffixTokens}. */
    public static TableSequence of(int prefixTokens, TableGrid table, int suffixTokens) {
        return builder().text(prefixTokens).table(table).text(suffixTokens).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Part> parts() {
        return parts;
    }

    /** Total tokens N. */
    public int length() {
        return length;
    }

    /** Appends parts in order; empty text runs are dropped. */
    public static final class Builder {
        private final List<Part> parts = new ArrayList<>();

        public Builder text(int tokens) {
            Text run = new Text(tokens);
            if (tokens > 0) {
                parts.add(run);
            }
            return this;
        }

        public Builder table(TableGrid table) {
            parts.add(java.util.Objects.requireNonNull(table, "table"));
            return this;
        }

        public TableSequence build() {
            return new TableSequence(parts);
        }
    }
}
