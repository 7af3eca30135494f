package dev.posplan.bench;

import dev.posplan.multimodal.FamilyPreset;
import dev.posplan.multimodal.GlmFormat;
import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.PromptPart;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.multimodal.VisionModel;
import dev.posplan.planners.PositionPlan;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeParams;
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
 * S4, the one-hour video (50 text + video 1800×16×28 + 50 text, 1 s per temporal grid), in each family's own
 * stream, planned by its model preset's scheme ({@code qwen2-vl}'s {@code mrope} in the same run as the
 * reference): GLM and Ming write every frame as its own block after its timestamp text (GLM: the digits of
 * {@code int(t)}; Ming: {@link Layouts#TIMESTAMP_TOKENS}), ERNIE one block of 1800 slices, the Omni thinkers
 * the video with its hour of audio interleaved (360,000 mel frames: 90,000 tokens in 2-second chunks for
 * Qwen2.5-Omni, 46,800 merged by time for Qwen3-Omni, float32 positions).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class FamilyPlanBenchmark {

    /** Mel frames of one hour of audio (100 per second). */
    static final int HOUR_OF_MEL_FRAMES = 360_000;

    @Param({"qwen2-vl", "glm-4.1v", "ernie-4.5-vl", "ming", "qwen2.5-omni", "qwen3-omni"})
    public String model;

    private Scheme planner;
    private TokenStream stream;

    @Setup(Level.Trial)
    public void setUp() {
        VisionModel m = VisionModel.byName(model);
        planner = SchemeRegistry.create(m.scheme(), new SchemeParams(m.schemeParams()));
        stream = m.hostFormat().expand(longVideo(m));
    }

    /** S4 as the model's processor writes it; its token count is {@code stream.length()}. */
    static List<PromptPart> longVideo(VisionModel m) {
        int frames = 1800;
        Grid grid = new Grid(frames, 16, 28);
        int[] timestamps = new int[frames];
        for (int k = 0; k < frames; k++) {
            timestamps[k] = m.hostFormat() == GlmFormat.GLM4V ? GlmFormat.timestampTokens(k) : Layouts.TIMESTAMP_TOKENS;
        }
        PromptPart video = new PromptPart.Video(grid, 1.0f, timestamps);
        if (m instanceof FamilyPreset f && f.audio() != null) {
            video = new PromptPart.VideoWithAudio((PromptPart.Video) video, f.audio().audioTokens(HOUR_OF_MEL_FRAMES));
        }
        return List.of(new PromptPart.Text(50), video, new PromptPart.Text(50));
    }

    @Benchmark
    public PositionPlan plan() {
        return planner.plan(stream);
    }
}
