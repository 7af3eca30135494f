package dev.posplan.multimodal;

import java.util.Objects;

/** {@code tokens} consecutive text tokens with one role. */
public record TextRun(int tokens, TextRole role) implements Segment {

    public TextRun {
        if (tokens < 0) {
            throw InvalidInputException.of("text run length must be >= 0, got " + tokens);
        }
        Objects.requireNonNull(role, "role");
    }

    public static TextRun text(int tokens) {
        return new TextRun(tokens, TextRole.TEXT);
    }
}
