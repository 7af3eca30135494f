package dev.posplan.bench;

import dev.posplan.api.encode.NpyWriter;
import dev.posplan.api.encode.NpzWriter;
import dev.posplan.api.encode.SafetensorsWriter;
import dev.posplan.api.encode.Tensor;
import dev.posplan.api.encode.TensorDType;
import dev.posplan.api.encode.TensorJson;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;

/**
 * Writing S4's positions ({@code [3, 1, 806,502]} int32, 9.7 MB) in each answer format into a sink that only
 * counts bytes. {@code floorCopy} is the same bytes copied with no format at all, in the same run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class EncodeBenchmark {

    /** S4 as a Qwen2-VL stream, as in {@link WriteFloorBenchmark}. */
    private static final int S4_TOKENS = 50 + 1 + 1800 * 16 * 28 + 1 + 50;

    @Param({"int32"})
    public String dtype;

    private int[] positions;
    private Tensor tensor;
    private final JsonFactory json = new JsonFactory();

    @Setup
    public void setup() {
        positions = new int[3 * S4_TOKENS];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = i % S4_TOKENS;
        }
        tensor = Tensor.ofInts("position_ids", TensorDType.valueOf(dtype.toUpperCase()), positions, 3, 1, S4_TOKENS);
    }

    @Benchmark
    public long safetensors(Blackhole bh) throws IOException {
        Counting out = new Counting(bh);
        SafetensorsWriter.write(out, List.of(tensor), Map.of("scheme", "mrope"));
        return out.bytes;
    }

    @Benchmark
    public long npy(Blackhole bh) throws IOException {
        Counting out = new Counting(bh);
        NpyWriter.write(out, tensor);
        return out.bytes;
    }

    @Benchmark
    public long npz(Blackhole bh) throws IOException {
        Counting out = new Counting(bh);
        NpzWriter.write(out, List.of(tensor));
        return out.bytes;
    }

    @Benchmark
    public long json(Blackhole bh) throws IOException {
        Counting out = new Counting(bh);
        try (JsonGenerator g = json.createGenerator(out)) {
            TensorJson.writeNested(g, tensor);
        }
        return out.bytes;
    }

    /** The floor: the raw int bytes handed to the sink in 64 KiB chunks, no encoding. */
    @Benchmark
    public long floorCopy(Blackhole bh) {
        byte[] chunk = new byte[1 << 16];
        long bytes = 0;
        for (int i = 0; i < positions.length; i += chunk.length / 4) {
            int n = Math.min(chunk.length / 4, positions.length - i);
            for (int j = 0; j < n; j++) {
                int v = positions[i + j];
                chunk[4 * j] = (byte) v;
                chunk[4 * j + 1] = (byte) (v >>> 8);
                chunk[4 * j + 2] = (byte) (v >>> 16);
                chunk[4 * j + 3] = (byte) (v >>> 24);
            }
            bh.consume(chunk);
            bytes += 4L * n;
        }
        return bytes;
    }

    /** Counts bytes and hands each buffer to the blackhole, like a socket that never blocks. */
    private static final class Counting extends OutputStream {
        private final Blackhole bh;
        long bytes;

        Counting(Blackhole bh) {
            this.bh = bh;
        }

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bh.consume(b);
            bytes += len;
        }
    }
}
