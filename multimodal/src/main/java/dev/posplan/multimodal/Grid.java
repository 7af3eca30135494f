package dev.posplan.multimodal;

/**
 * A visual block's token grid as the language model sees it: {@code t} temporal slices of
 * {@code h} rows by {@code w} columns (the grid after spatial merging, one cell per placeholder token).
 * Tokens are ordered t-major, then row, then column.
 */
public record Grid(int t, int h, int w) {

    /** Largest grid side accepted anywhere; keeps {@link #tokens()} and every position far from int overflow. */
    public static final int MAX_SIDE = 1 << 20;

    public Grid {
        requireSide("t", t);
        requireSide("h", h);
        requireSide("w", w);
        if ((long) t * h * w > Integer.MAX_VALUE / 4) {
            throw InvalidInputException.of("grid " + t + "x" + h + "x" + w + " has too many tokens");
        }
    }

    private static void requireSide(String name, int v) {
        if (v < 1 || v > MAX_SIDE) {
            throw InvalidInputException.of("grid " + name + " must be in 1.." + MAX_SIDE + ", got " + v);
        }
    }

    /** Number of placeholder tokens of the block. */
    public int tokens() {
        return t * h * w;
    }

    /** Tokens of one temporal slice. */
    public int tokensPerSlice() {
        return h * w;
    }
}
