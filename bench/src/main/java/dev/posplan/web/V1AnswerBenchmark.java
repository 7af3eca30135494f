package dev.posplan.web;

import dev.posplan.multimodal.text.ModelTokenizers;
import dev.posplan.web.V1PlanController.AnswerFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
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
 * {@code /v1/plans} answers for S4 (50 text + video 1800×16×28 + 50 text, {@code mrope}, format {@code qwen2-vl},
 * 806,502 tokens) through the service's own code path without HTTP: the parsed request mapped to a
 * {@link PlanJob}, planned and written by {@link V1PlanWriter} into a byte-counting sink, as the controller
 * and {@code bin/posplan} do. {@code blocksJson} answers {@code layout: blocks}; {@code rangeJson} and
 * {@code rangeSafetensors} the last 8,192 slots of the row ({@code range}), {@code denseSafetensors} the whole row
 * (S4 as {@code bin/wrk-load} asks for it, 9.7 MB); every request also asks for 4
 * decode positions. The floors copy the same answers' bytes, encoded beforehand, into the same sink (a reused
 * 64 KiB buffer): what an answer costs with no planning and no encoding at all.
 * In package {@code dev.posplan.web} to reach the package-private writer.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class V1AnswerBenchmark {

    static final int RANGE = 8192;
    private static final int S4_TOKENS = 50 + 1 + 1800 * 16 * 28 + 1 + 50;
    private static final String PARTS = "{\"scheme\":\"mrope\",\"format\":\"qwen2-vl\",\"decode_steps\":4,"
            + "\"sequences\":[{\"parts\":[{\"type\":\"text\",\"tokens\":50},"
            + "{\"type\":\"video\",\"grid\":[1800,16,28]},{\"type\":\"text\",\"tokens\":50}]}]";

    private V1PlanWriter writer;
    private V1PlanRequest blocks;
    private V1PlanRequest range;
    private V1PlanRequest dense;
    private byte[] blocksAnswer;
    private byte[] rangeAnswer;
    private byte[] rangeSafetensorsAnswer;
    private byte[] denseSafetensorsAnswer;
    private final Sink sink = new Sink();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        PlanLimits limits = PlanLimits.defaults();
        writer = new V1PlanWriter(new V1PlanMapper(limits, new ModelTokenizers(Map.of())), limits, PosplanCli.JSON);
        blocks = PosplanCli.JSON.readValue(PARTS + ",\"layout\":\"blocks\"}", V1PlanRequest.class);
        range = PosplanCli.JSON.readValue(PARTS + ",\"range\":{\"start\":" + (S4_TOKENS - RANGE) + ",\"length\":"
                + RANGE + "}}", V1PlanRequest.class);
        blocksAnswer = answer(blocks, AnswerFormat.JSON);
        rangeAnswer = answer(range, AnswerFormat.JSON);
        rangeSafetensorsAnswer = answer(range, AnswerFormat.SAFETENSORS);
        dense = PosplanCli.JSON.readValue(PARTS + "}", V1PlanRequest.class);
        denseSafetensorsAnswer = answer(dense, AnswerFormat.SAFETENSORS);
    }

    private byte[] answer(V1PlanRequest request, AnswerFormat format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(writer.plan(request, format), format, out);
        return out.toByteArray();
    }

    @Benchmark
    public long blocksJson() throws IOException {
        return write(blocks, AnswerFormat.JSON);
    }

    @Benchmark
    public long rangeJson() throws IOException {
        return write(range, AnswerFormat.JSON);
    }

    @Benchmark
    public long rangeSafetensors() throws IOException {
        return write(range, AnswerFormat.SAFETENSORS);
    }

    @Benchmark
    public long denseSafetensors() throws IOException {
        return write(dense, AnswerFormat.SAFETENSORS);
    }

    @Benchmark
    public long blocksJsonFloor() throws IOException {
        return copy(blocksAnswer);
    }

    @Benchmark
    public long rangeJsonFloor() throws IOException {
        return copy(rangeAnswer);
    }

    @Benchmark
    public long rangeSafetensorsFloor() throws IOException {
        return copy(rangeSafetensorsAnswer);
    }

    @Benchmark
    public long denseSafetensorsFloor() throws IOException {
        return copy(denseSafetensorsAnswer);
    }

    private long write(V1PlanRequest request, AnswerFormat format) throws IOException {
        long before = sink.bytes;
        writer.write(writer.plan(request, format), format, sink);
        return sink.bytes - before;
    }

    private long copy(byte[] answer) throws IOException {
        long before = sink.bytes;
        sink.write(answer, 0, answer.length);
        return sink.bytes - before;
    }

    /** Copies what it is given into a reused 64 KiB buffer, as a socket's send buffer would, and counts it. */
    static final class Sink extends OutputStream {
        private final byte[] chunk = new byte[1 << 16];
        private int at;
        long bytes;

        @Override
        public void write(int b) {
            if (at == chunk.length) {
                at = 0;
            }
            chunk[at++] = (byte) b;
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
            while (len > 0) {
                if (at == chunk.length) {
                    at = 0;
                }
                int n = Math.min(len, chunk.length - at);
                System.arraycopy(b, off, chunk, at, n);
                at += n;
                off += n;
                len -= n;
            }
        }
    }
}
