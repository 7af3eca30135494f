package dev.posplan.spark;

/**
 * Where two compats (say the training code and the serving engine) disagree on a row: one rejects what the
 * other plans, or they give a token that carries attention different positions. Padded slots are not
 * compared (the stacks fill them differently by design, and the model never reads them).
 */
final class CompatComparison {

    private CompatComparison() {
    }

    /** A description of the first disagreement, or null when the two plans agree. */
    static String disagreement(String nameA, RowPlan a, String nameB, RowPlan b, int[] mask) {
        if (a.planned() != b.planned()) {
            String rejecting = a.planned() ? nameB : nameA;
            RowPlan rejected = a.planned() ? b : a;
            return "only " + rejecting + " rejects the row: " + rejected.problem();
        }
        if (!a.planned()) {
            return null;
        }
        PosplanLibrary.Positions pa = a.positions();
        PosplanLibrary.Positions pb = b.positions();
        int length = pa.length();
        for (int axis = 0; axis < pa.axes(); axis++) {
            for (int i = 0; i < length; i++) {
                if (mask != null && i < mask.length && mask[i] == 0) {
                    continue;
                }
                int va = pa.values()[axis * length + i];
                int vb = pb.values()[axis * length + i];
                if (va != vb) {
                    return "token " + i + " axis " + axis + ": " + nameA + " " + va + ", " + nameB + " " + vb
                            + " (max_position " + pa.maxPosition() + " vs " + pb.maxPosition() + ")";
                }
            }
        }
        return null;
    }
}
