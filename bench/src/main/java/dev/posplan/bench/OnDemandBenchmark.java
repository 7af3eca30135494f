package dev.posplan.bench;

import dev.posplan.multimodal.QwenFormats;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.planners.CallerBuffers;
import dev.posplan.planners.PositionBlocks;
import dev.posplan.planners.PositionBuffer;
import dev.posplan.planners.PositionPlan;
import dev.posplan.planners.RowFacts;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeRegistry;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Positions on demand for S4 (50 text + video 1800×16×28 + 50 text, Qwen2-VL stream) with {@code mrope}, one
 * unit for all: {@code full} is {@code Scheme.plan} (allocating), {@code slice} the 8,192 slots from the
 * middle of the row into a reused caller buffer, {@code blocks} the compact form, {@code intoBuffer} the
 * whole row into a preallocated caller {@code int[]}, and {@code writeFloor} an {@code Arrays.fill} of that
 * same buffer: the memory-bandwidth floor {@code intoBuffer} is compared against.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class OnDemandBenchmark {

    static final int SLICE = 8192;

    private Scheme mrope;
    private TokenStream stream;
    private int[] whole;
    private int[] chunk;
    private PositionBuffer wholeTarget;
    private PositionBuffer chunkTarget;

    @Setup(Level.Trial)
    public void setUp() {
        mrope = SchemeRegistry.create("mrope");
        stream = QwenFormats.QWEN2_VL.expand(Layouts.s4());
        int length = stream.length();
        whole = new int[3 * length];
        chunk = new int[3 * SLICE];
        wholeTarget = CallerBuffers.of(whole, 0, 3, length);
        chunkTarget = CallerBuffers.of(chunk, 0, SLICE, 3, (length - SLICE) / 2, SLICE);
        // the figures only mean something if the three forms agree with the plan
        PositionPlan plan = mrope.plan(stream);
        mrope.planInto(stream, wholeTarget);
        mrope.planInto(stream, chunkTarget);
        long[] expanded = mrope.planBlocks(stream).expand();
        int from = (length - SLICE) / 2;
        for (int a = 0; a < 3; a++) {
            for (int i = 0; i < length; i++) {
                int v = (int) plan.get(a, i);
                if (whole[a * length + i] != v || expanded[a * length + i] != v
                        || (i >= from && i < from + SLICE && chunk[a * SLICE + i - from] != v)) {
                    throw new IllegalStateException("on-demand forms differ from the plan at axis " + a + ", slot " + i);
                }
            }
        }
    }

    @Benchmark
    public PositionPlan full() {
        return mrope.plan(stream);
    }

    @Benchmark
    public RowFacts slice() {
        return mrope.planInto(stream, chunkTarget);
    }

    @Benchmark
    public PositionBlocks blocks() {
        return mrope.planBlocks(stream);
    }

    @Benchmark
    public RowFacts intoBuffer() {
        return mrope.planInto(stream, wholeTarget);
    }

    @Benchmark
    public int[] writeFloor() {
        Arrays.fill(whole, 7);
        return whole;
    }
}
