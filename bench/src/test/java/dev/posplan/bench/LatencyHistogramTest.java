package dev.posplan.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void nearestRankPercentilesOfOneToAHundredInAnyOrder() {
        LatencyHistogram latencies = new LatencyHistogram();
        int[] order = shuffled(100, new Random(7));
        for (int v : order) {
            latencies.record(v + 1);
        }
        assertEquals(100, latencies.count());
        assertEquals(50, latencies.percentile(50));
        assertEquals(99, latencies.percentile(99));
        assertEquals(1, latencies.percentile(0.5));
        assertEquals(100, latencies.max());
    }

    @Test
    void percentilesAreObservedValuesAndRecordingAfterAQueryKeepsThemRight() {
        LatencyHistogram latencies = new LatencyHistogram();
        latencies.record(30);
        latencies.record(10);
        assertEquals(10, latencies.percentile(50));
        assertEquals(30, latencies.percentile(51));
        latencies.record(20);
        assertEquals(20, latencies.percentile(50));
        assertEquals(30, latencies.max());
    }

    @Test
    void mergingConnectionsEqualsRecordingEverythingInOne() {
        Random random = new Random(11);
        LatencyHistogram whole = new LatencyHistogram();
        LatencyHistogram merged = new LatencyHistogram();
        for (int c = 0; c < 4; c++) {
            LatencyHistogram connection = new LatencyHistogram();
            for (int i = 0; i < 3000; i++) {
                long v = random.nextInt(1_000_000);
                connection.record(v);
                whole.record(v);
            }
            merged.addAll(connection);
        }
        assertEquals(whole.count(), merged.count());
        for (double p : new double[] {1, 25, 50, 90, 99, 99.9, 100}) {
            assertEquals(whole.percentile(p), merged.percentile(p), "p" + p);
        }
    }

    @Test
    void refusesWhatHasNoMeaning() {
        LatencyHistogram latencies = new LatencyHistogram();
        assertThrows(IllegalStateException.class, () -> latencies.percentile(50));
        assertThrows(IllegalArgumentException.class, () -> latencies.record(-1));
        latencies.record(1);
        assertThrows(IllegalArgumentException.class, () -> latencies.percentile(0));
        assertThrows(IllegalArgumentException.class, () -> latencies.percentile(100.1));
    }

    @Test
    void theBudgetStopsAtTheRequestCount() {
        RequestBudget budget = new RequestBudget(5, 1_000, () -> 0);
        int started = 0;
        while (budget.tryStart() && started < 100) {
            started++;
        }
        assertEquals(5, started);
        assertFalse(budget.tryStart());
    }

    @Test
    void theBudgetStartsNothingAtOrAfterTheDeadline() {
        AtomicLong now = new AtomicLong(Long.MAX_VALUE - 10);   // the deadline wraps: compared as a difference
        RequestBudget budget = new RequestBudget(1_000, 20, now::get);
        assertTrue(budget.tryStart());
        now.addAndGet(19);
        assertTrue(budget.tryStart());
        now.addAndGet(1);
        assertFalse(budget.tryStart());
        assertThrows(IllegalArgumentException.class, () -> new RequestBudget(0, 20, now::get));
    }

    private static int[] shuffled(int n, Random random) {
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
        return values;
    }
}
