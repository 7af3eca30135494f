package dev.posplan.spark;

/**
 * What planning one processor row under one compat gave: the token counts per modality (unmasked tokens;
 * text includes the vision wrappers and Qwen3-VL timestamps), and either the positions or the problem that
 * kept the row from being planned.
 *
 * @param positions   null when {@code problem} is set
 * @param problemKind null, {@link #GRID_MISMATCH}, {@link #INVALID} or {@link #INTERNAL_ERROR}
 */
record RowPlan(int textTokens, int imageTokens, int videoTokens, PosplanLibrary.Positions positions,
        String problemKind, String problem) {

    /** Placeholder tokens of a modality disagree with the sum of its grids (a training-time crash). */
    static final String GRID_MISMATCH = "grid_mismatch";
    /** Input the reference would reject for another reason (the message names the field). */
    static final String INVALID = "invalid";
    /** An unexpected exception inside posplan: a bug of ours, reported per row so the job goes on. */
    static final String INTERNAL_ERROR = "internal_error";

    boolean planned() {
        return positions != null;
    }
}
