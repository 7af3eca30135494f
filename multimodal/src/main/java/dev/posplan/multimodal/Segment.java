package dev.posplan.multimodal;

/**
 * One run of a {@link TokenStream}: text tokens, one visual block, or padding. A segment never
 * holds per-token objects; its size is {@link #tokens()}.
 */
public sealed interface Segment permits TextRun, VisualBlock, PaddingRun {

    /** Number of tokens the segment occupies in the sequence. */
    int tokens();
}
