package dev.posplan.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor for S4: allocating and writing 3 × 806,502 int positions with no planning at all.
 * A planner can at best approach this.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class WriteFloorBenchmark {

    /** S4 as a Qwen2-VL stream: 50 text, vision_start, 1800 × 16 × 28 video tokens, vision_end, 50 text. */
    private static final int S4_TOKENS = 50 + 1 + 1800 * 16 * 28 + 1 + 50;

    @Benchmark
    public int[] allocateAndWriteS4() {
        int[] out = new int[3 * S4_TOKENS];
        for (int i = 0; i < out.length; i++) {
            out[i] = i;
        }
        return out;
    }
}
