package dev.posplan.web;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where plans are computed: a fixed number of threads ({@code posplan.planning.threads}, default the number of
 * processors: planning is CPU work, more threads would only share the cores) behind a bounded queue
 * ({@code posplan.planning.queue}). A plan not done within {@code posplan.planning.timeout} is answered 503 and
 * its thread interrupted; the work itself is bounded by the request limits, so an abandoned plan ends soon after.
 * A full queue is answered 503 at once instead of piling up requests in memory.
 */
@Component
class PlanningPool {

    private final ThreadPoolExecutor executor;
    private final Duration timeout;
    private final int queue;

    PlanningPool(@Value("${posplan.planning.threads:0}") int threads, @Value("${posplan.planning.queue:64}") int queue,
            @Value("${posplan.planning.timeout:10s}") Duration timeout) {
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        if (queue < 1 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("posplan.planning.queue must be >= 1 and posplan.planning.timeout > 0");
        }
        AtomicInteger count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(n, n, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue), r -> {
            Thread t = new Thread(r, "posplan-plan-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.timeout = timeout;
        this.queue = queue;
    }

    /** Runs {@code work} on a planning thread and answers its result, or refuses it for time or capacity. */
    <T> T run(Callable<T> work) {
        Future<T> future;
        try {
            future = executor.submit(work);
        } catch (RejectedExecutionException e) {
            throw new PlanningRefusedException("queue", queue, "every planning thread is busy and " + queue
                    + " plans are waiting; retry shortly");
        }
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new PlanningRefusedException("timeout", timeout.toMillis(), "the plan took longer than "
                    + timeout.toMillis() + " ms and was abandoned; ask for less (fewer rows, a range) or retry");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new PlanningRefusedException("timeout", timeout.toMillis(), "the server is stopping");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("planning failed", cause);
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
