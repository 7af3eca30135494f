package dev.posplan.multimodal;

/**
 * One run of a {@link TokenStream}: text tokens, one visual block, one video with its audio, one table, or
 * padding. A segment never
 * holds per-token objects; its size is {@link #tokens()}.
 *
 * <p>Code that dispatches over segment types handles every permitted type explicitly and ends its
 * {@code if}/{@code else} chain with an {@link IllegalStateException}, so a new type cannot be skipped
 * silently; a planner that cannot place a type (e.g. a table for a Qwen-style scheme) rejects the
 * stream with an {@link IllegalArgumentException} naming the scheme that can.
 */
public sealed interface Segment permits TextRun, VisualBlock, AudioVideoBlock, TableBlock, PaddingRun {

    /** Number of tokens the segment occupies in the sequence. */
    int tokens();
}
