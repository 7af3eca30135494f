package dev.posplan.bench;

import dev.posplan.multimodal.TokenStream;
import dev.posplan.planners.BatchPlan;
import dev.posplan.planners.BatchPlanner;
import dev.posplan.planners.DType;
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

/**
 * S5: a padded batch of 8 × S2 planned with {@link BatchPlanner} into {@code position_ids[axes][B][L]}.
 * Rows 0–3 are 37, 74, 111 and 148 text tokens shorter ({@link Layouts#s5Rows}); the planner left-pads them
 * to the common length L (S2's 11,680 tokens), plans every row with the scheme's pad value, and the
 * benchmark exports the {@code [axes][B][L]} array a host feeds its model.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class BatchPlanBenchmark {

    @Param({"mrope", "mrope-interleave"})
    public String scheme;

    private BatchPlanner planner;
    private List<TokenStream> rows;

    @Setup(Level.Trial)
    public void setUp() {
        planner = new BatchPlanner(SchemeRegistry.create(scheme));
        rows = Layouts.s5Rows(PlanBenchmark.formatFor(scheme));
        BatchPlan check = planner.plan(rows);
        if (check.batchSize() != 8 || check.length() != rows.get(7).length()
                || check.dtype() != DType.INT32) {
            throw new IllegalStateException("S5 must plan to int32 [axes][8][L], L = S2's length");
        }
    }

    @Benchmark
    public int[][][] planS5() {
        return planner.plan(rows).intPositionIds();
    }
}
