package dev.posplan.api.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.posplan.api.encode.RandomTensors.Sample;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The numpy client {@code examples/python/posplan_client.py} loads what the encoders write: numpy's own
 * {@code np.load} for {@code .npy}/{@code .npz}, the client's 20-line reader for safetensors, and the JSON form.
 * Skipped (with the reason) where python3 or numpy is missing; CI installs Debian's python3-numpy.
 */
class PythonClientLoadTest {

    private static final Path CLIENT = Path.of("..", "examples", "python", "posplan_client.py");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeAll
    static void needsNumpy() throws InterruptedException {
        assumeTrue(Files.isRegularFile(CLIENT), CLIENT + " not found (tests run from the api module directory)");
        String reason = "python3 with numpy is not available here (Debian: apt-get install python3-numpy; .ci/run does)";
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            assumeTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, reason);
        } catch (IOException e) {
            Assumptions.abort(reason);
        }
    }

    @Test
    void loadsSafetensorsWithMetadata() throws Exception {
        List<Sample> samples = RandomTensors.batch(new Random(11), 6);
        Map<String, String> meta = Map.of("scheme", "mrope", "axes", "[\"t\",\"h\",\"w\"]");
        JsonNode out = load("safetensors", o -> SafetensorsWriter.write(o, RandomTensors.tensors(samples), meta));
        samples.forEach(s -> assertArray(s, out.get(s.tensor().name())));
        assertEquals("mrope", out.get("metadata").get("scheme").stringValue());
        assertEquals(meta.size(), out.get("metadata").size());
    }

    @Test
    void loadsNpzThroughNumpy() throws Exception {
        List<Sample> samples = RandomTensors.batch(new Random(12), 6);
        JsonNode out = load("npz", o -> NpzWriter.write(o, RandomTensors.tensors(samples)));
        samples.forEach(s -> assertArray(s, out.get(s.tensor().name())));
        assertEquals(samples.size(), out.size());
    }

    @Test
    void loadsNpyThroughNumpy() throws Exception {
        Random rnd = new Random(13);
        for (int i = 0; i < 2; i++) { // each run starts a python: keep CI time small
            Sample s = RandomTensors.one(rnd, "position_ids");
            JsonNode out = load("npy", o -> NpyWriter.write(o, s.tensor()));
            assertArray(s, out.get("position_ids"));
        }
    }

    @Test
    void loadsJsonPositions() throws Exception {
        int[] positions = new int[3 * 2 * 5];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = i * 7 - 40;
        }
        Sample s = new Sample(Tensor.ofInts("position_ids", TensorDType.INT32, positions, 3, 2, 5),
                java.util.Arrays.stream(positions).asDoubleStream().toArray());
        JsonNode out = load("json", o -> {
            try (JsonGenerator g = new JsonFactory().createGenerator(o)) {
                g.writeStartObject();
                g.writeName("position_ids");
                TensorJson.writeNested(g, s.tensor());
                g.writeEndObject();
            }
        });
        JsonNode p = out.get("position_ids");
        assertEquals("[3,2,5]", p.get("shape").toString());
        assertArrayEquals(s.expected(), values(p));
    }

    private JsonNode load(String format, EncodersRoundTripTest.Writing writing) throws Exception {
        Path file = dir.resolve("answer." + format);
        Files.write(file, EncodersRoundTripTest.write(writing));
        Process p = new ProcessBuilder("python3", CLIENT.toString(), "load", file.toString(), "--format", format)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        p.getInputStream().transferTo(stdout);
        assertEquals(0, p.waitFor(), "client exit status");
        return JSON.readTree(stdout.toString(StandardCharsets.UTF_8));
    }

    private static void assertArray(Sample s, JsonNode a) {
        assertEquals(s.tensor().dtype().numpyDescr(), a.get("dtype").stringValue(), s.tensor().toString());
        assertArrayEquals(s.tensor().shape(), TensorFileReader.longs(a.get("shape")), s.tensor().toString());
        double[] v = values(a);
        if (s.tensor().dtype() == TensorDType.FLOAT32) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) v[i]; // numpy prints float32 values as their float64 widening: exact
            }
        }
        assertArrayEquals(s.expected(), v, s.tensor().toString());
    }

    private static double[] values(JsonNode a) {
        JsonNode values = a.get("values");
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).doubleValue();
        }
        return out;
    }
}
