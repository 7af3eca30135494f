package dev.posplan.web;

/**
 * A request over one of the configured {@link PlanLimits} (answered 413). {@link #limit()} is the property
 * that sets the bound ({@code posplan.limits.max-tokens}), {@link #field()} the request field that exceeds it.
 */
final class LimitExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String limit;
    private final String field;
    private final long max;

    LimitExceededException(String limit, String field, long max, String message) {
        super(message);
        this.limit = "posplan.limits." + limit;
        this.field = field;
        this.max = max;
    }

    String limit() {
        return limit;
    }

    String field() {
        return field;
    }

    long max() {
        return max;
    }
}
