package dev.posplan.multimodal;

/**
 * Tokens with attention mask 0. Planners skip them (they take no position of their own) and fill
 * them with the scheme's pad value.
 */
public record PaddingRun(int tokens) implements Segment {

    public PaddingRun {
        if (tokens < 1) {
            throw InvalidInputException.of("padding run length must be >= 1, got " + tokens);
        }
    }
}
