package dev.posplan.bench;

import dev.posplan.multimodal.HostFormat;
import dev.posplan.multimodal.HostFormats;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.planners.PositionPlan;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.SchemeRegistry;
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
 * Plans the layouts S1–S4 in-process (stream already built, planning and output allocation measured),
 * ({@link BatchPlanBenchmark} has S5). {@code mrope} reads Qwen2-VL streams (one block per video),
 * {@code mrope-interleave} Qwen3-VL streams (one block per frame, timestamp text between frames),
 * {@code vrope} bare streams (no wrapper tokens) and {@code v2pe} InternVL2 streams (one tile per image or frame).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class PlanBenchmark {

    @Param({"mrope", "mrope-interleave", "vrope", "v2pe"})
    public String scheme;

    @Param({"S1", "S2", "S3", "S4"})
    public String layout;

    private Scheme planner;
    private TokenStream stream;

    @Setup(Level.Trial)
    public void setUp() {
        planner = SchemeRegistry.create(scheme, paramsFor(scheme, layout));
        HostFormat format = formatFor(scheme);
        stream = format.expand(Layouts.byName(layout));
    }

    /** Each scheme reads the stream its reference does: the first host format its declaration names. */
    static HostFormat formatFor(String scheme) {
        return HostFormats.byName(SchemeRegistry.declaration(scheme).referenceFormat());
    }

    /**
     * V2PE steps by {@code stride / num_image_token} inside one tile. The layouts' images and frames are
     * taken as one tile each, so num_image_token is their token count, and the stride is chosen so that the
     * step is a power of two (1/64 or 1/16) as with V2PE's own strides: other steps make the reference's
     * float32 arange one element too long, which the reference (and posplan) rejects.
     */
    static SchemeParams paramsFor(String scheme, String layout) {
        if (!scheme.equals("v2pe")) {
            return SchemeParams.empty();
        }
        return switch (layout) {
            case "S1" -> SchemeParams.of("num_image_token", 32 * 32, "rope_pos_id_stride", 16);
            case "S2" -> SchemeParams.of("num_image_token", 24 * 18, "rope_pos_id_stride", 27);
            default -> SchemeParams.of("num_image_token", 16 * 28, "rope_pos_id_stride", 7);
        };
    }

    @Benchmark
    public PositionPlan plan() {
        return planner.plan(stream);
    }
}
