package dev.posplan.planners;

/**
 * What planning a row into a caller's buffer reports besides the positions it wrote: the row's dtype, its
 * padded and unpadded length and the scheme's M over the whole row (also when only a window was written).
 */
public record RowFacts(DType dtype, int length, int unpaddedLength, double maxPosition) {

    static RowFacts of(PositionPlan plan) {
        return new RowFacts(plan.dtype(), plan.length(), plan.unpaddedLength(), plan.maxPosition());
    }
}
