package dev.posplan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.multimodal.InvalidInputException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The planning pool answers, refuses a plan past its timeout and interrupts it, and refuses work it cannot queue. */
class PlanningPoolTest {

    @Test
    void answersAndPassesTheWorksOwnErrorsThrough() {
        PlanningPool pool = new PlanningPool(1, 1, Duration.ofSeconds(5));
        try {
            assertEquals(42, pool.run(() -> 42));
            assertThrows(InvalidInputException.class, () -> pool.run(() -> {
                throw InvalidInputException.at("/x", "is bad");
            }));
        } finally {
            pool.stop();
        }
    }

    @Test
    void aPlanPastTheTimeoutIsRefusedAndInterrupted() throws Exception {
        PlanningPool pool = new PlanningPool(1, 1, Duration.ofMillis(100));
        CountDownLatch interrupted = new CountDownLatch(1);
        try {
            PlanningRefusedException e = assertThrows(PlanningRefusedException.class, () -> pool.run(() -> {
                try {
                    Thread.sleep(30_000);
                } catch (InterruptedException stop) {
                    interrupted.countDown();
                }
                return null;
            }));
            assertEquals("posplan.planning.timeout", e.limit());
            assertEquals(100, e.max());
            assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the abandoned plan was not interrupted");
        } finally {
            pool.stop();
        }
    }

    @Test
    void workBeyondThreadsAndQueueIsRefusedAtOnce() throws Exception {
        PlanningPool pool = new PlanningPool(1, 1, Duration.ofSeconds(30));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            callers.submit(() -> pool.run(() -> {
                running.countDown();
                release.await();
                return 1;
            }));
            assertTrue(running.await(5, TimeUnit.SECONDS));
            callers.submit(() -> pool.run(() -> 2)); // waits in the one queue slot
            Thread.sleep(200);
            PlanningRefusedException e = assertThrows(PlanningRefusedException.class, () -> pool.run(() -> 3));
            assertEquals("posplan.planning.queue", e.limit());
        } finally {
            release.countDown();
            callers.shutdownNow();
            pool.stop();
        }
    }
}
