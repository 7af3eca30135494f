package dev.posplan.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The bounds of one load run, shared by its connections: at most {@code maxRequests} requests, none started
 * after the deadline. The clock is injected so the bounds can be tested without waiting.
 */
final class RequestBudget {

    private final AtomicLong started = new AtomicLong();
    private final long maxRequests;
    private final long deadlineNanos;
    private final LongSupplier clock;

    RequestBudget(long maxRequests, long durationNanos, LongSupplier clock) {
        if (maxRequests < 1 || durationNanos < 1) {
            throw new IllegalArgumentException("a load run needs at least one request and a positive duration");
        }
        this.maxRequests = maxRequests;
        this.clock = clock;
        this.deadlineNanos = clock.getAsLong() + durationNanos;
    }

    /** Claims one request; false once the count or the time is used up. */
    boolean tryStart() {
        if (clock.getAsLong() - deadlineNanos >= 0) {
            return false;
        }
        return started.getAndIncrement() < maxRequests;
    }
}
