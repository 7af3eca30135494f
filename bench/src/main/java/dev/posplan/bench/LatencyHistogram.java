package dev.posplan.bench;

import java.util.Arrays;

/**
 * Request latencies in nanoseconds, kept exactly in a growable primitive array (one per load-generator
 * connection, merged at the end). Percentiles use the nearest-rank rule, so every reported value is a
 * latency that was actually observed.
 */
final class LatencyHistogram {

    private long[] nanos = new long[1024];
    private int count;
    private boolean sorted = true;

    void record(long latencyNanos) {
        if (latencyNanos < 0) {
            throw new IllegalArgumentException("negative latency " + latencyNanos);
        }
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, nanos.length * 2);
        }
        nanos[count++] = latencyNanos;
        sorted = false;
    }

    void addAll(LatencyHistogram other) {
        for (int i = 0; i < other.count; i++) {
            record(other.nanos[i]);
        }
    }

    int count() {
        return count;
    }

    /** The nearest-rank percentile: the smallest recorded value with at least {@code p}% of values at or below it. */
    long percentile(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        }
        if (count == 0) {
            throw new IllegalStateException("no latencies recorded");
        }
        sort();
        int rank = (int) Math.ceil(p / 100 * count);
        return nanos[Math.max(rank, 1) - 1];
    }

    long max() {
        return percentile(100);
    }

    private void sort() {
        if (!sorted) {
            Arrays.sort(nanos, 0, count);
            sorted = true;
        }
    }
}
