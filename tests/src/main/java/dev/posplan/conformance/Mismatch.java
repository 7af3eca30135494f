package dev.posplan.conformance;

/** The first difference between a golden file and posplan's answer. */
public final class Mismatch extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Mismatch(String message) {
        super(message, null, false, false);
    }
}
