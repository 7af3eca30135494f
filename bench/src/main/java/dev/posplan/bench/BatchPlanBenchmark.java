package dev.posplan.bench;

import dev.posplan.multimodal.TokenStream;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** S5: a batch of 8 × S2 with four left-padded rows, planned row by row. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class BatchPlanBenchmark {

    @Param({"mrope", "mrope-interleave"})
    public String scheme;

    private Scheme planner;
    private List<TokenStream> batch;

    @Setup(Level.Trial)
    public void setUp() {
        planner = SchemeRegistry.create(scheme);
        batch = Layouts.s5(PlanBenchmark.formatFor(scheme));
    }

    @Benchmark
    public void planS5(Blackhole bh) {
        for (TokenStream row : batch) {
            bh.consume(planner.plan(row));
        }
    }
}
