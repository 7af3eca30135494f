package dev.posplan.multimodal.table;

import dev.posplan.multimodal.InvalidInputException;
import java.util.Objects;

/**
 * One cell of a {@link Table}: its text (tokenised when the table is serialised) or, when the caller has
 * tokenised already, just its number of tokens.
 */
public sealed interface TableCell {

    /** A cell whose text a {@link Tokenizer} turns into ids; empty text gives a cell of no tokens. */
    record Text(String text) implements TableCell {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A cell known only by its token count (ids unknown, e.g. tokenised by the caller). */
    record Tokens(int count) implements TableCell {
        public Tokens {
            if (count < 0) {
                throw InvalidInputException.of("cell token count must be >= 0, got " + count);
            }
        }
    }

    static TableCell text(String text) {
        return new Text(text);
    }

    static TableCell tokens(int count) {
        return new Tokens(count);
    }
}
