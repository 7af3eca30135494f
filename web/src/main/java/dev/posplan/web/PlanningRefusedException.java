package dev.posplan.web;

/**
 * Planning refused for time or capacity, not for the request's content (answered 503 with {@code Retry-After}):
 * the plan ran past {@code posplan.planning.timeout}, or every planning thread and queue slot was taken.
 */
final class PlanningRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String limit;
    private final long max;

    PlanningRefusedException(String limit, long max, String message) {
        super(message);
        this.limit = "posplan.planning." + limit;
        this.max = max;
    }

    String limit() {
        return limit;
    }

    long max() {
        return max;
    }

    long retryAfterSeconds() {
        return 1;
    }
}
