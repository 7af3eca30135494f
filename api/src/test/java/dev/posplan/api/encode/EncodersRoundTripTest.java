package dev.posplan.api.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.posplan.api.encode.RandomTensors.Sample;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Write random tensors in every format, read them back with {@link TensorFileReader}, compare every value. */
class EncodersRoundTripTest {

    private static final int ROUNDS = 200;

    @Test
    void safetensorsRoundTrips() throws IOException {
        Random rnd = new Random(1);
        for (int round = 0; round < ROUNDS; round++) {
            List<Sample> samples = RandomTensors.batch(rnd, 1 + rnd.nextInt(5));
            Map<String, String> meta = new LinkedHashMap<>();
            if (rnd.nextBoolean()) {
                meta.put("scheme", "mrope \"quoted\" ✓");
                meta.put("sequences", "[{\"length\": 3}]");
            }
            byte[] file = write(out -> SafetensorsWriter.write(out, RandomTensors.tensors(samples), meta));
            assertEquals(file.length, SafetensorsWriter.size(RandomTensors.tensors(samples), meta));
            Map<String, String> readMeta = new HashMap<>();
            Map<String, TensorFileReader.Array> read = TensorFileReader.safetensors(file, readMeta);
            assertEquals(meta, readMeta);
            assertSame(samples, read);
        }
    }

    @Test
    void npyRoundTrips() throws IOException {
        Random rnd = new Random(2);
        for (int round = 0; round < ROUNDS; round++) {
            Sample s = RandomTensors.one(rnd, "position_ids");
            byte[] file = write(out -> NpyWriter.write(out, s.tensor()));
            assertEquals(file.length, NpyWriter.size(s.tensor()));
            assertSame(List.of(s), Map.of("position_ids", TensorFileReader.npy(file)));
        }
    }

    @Test
    void npzRoundTripsWithStoredEntries() throws IOException {
        Random rnd = new Random(3);
        for (int round = 0; round < ROUNDS / 4; round++) {
            List<Sample> samples = RandomTensors.batch(rnd, 1 + rnd.nextInt(4));
            byte[] file = write(out -> NpzWriter.write(out, RandomTensors.tensors(samples)));
            assertSame(samples, TensorFileReader.npz(file));
        }
    }

    @Test
    void jsonNestsByShape() {
        Random rnd = new Random(4);
        ObjectMapper mapper = new ObjectMapper();
        for (int round = 0; round < ROUNDS; round++) {
            Sample s = RandomTensors.one(rnd, "x");
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try (JsonGenerator g = new JsonFactory().createGenerator(buf)) {
                TensorJson.writeNested(g, s.tensor());
            }
            JsonNode tree = mapper.readTree(buf.toByteArray());
            double[] flat = new double[s.expected().length];
            int[] at = {0};
            flatten(tree, s.tensor().shape(), 0, flat, at);
            assertEquals(flat.length, at[0]);
            if (s.tensor().dtype() == TensorDType.FLOAT32) {
                // JSON carries the shortest decimal that reads back as the same float, not as the same double
                for (int i = 0; i < flat.length; i++) {
                    flat[i] = (float) flat[i];
                }
            }
            assertArrayEquals(s.expected(), flat, s.tensor().toString());
        }
    }

    @Test
    void rejectsInconsistentInput() {
        assertThrows(IllegalArgumentException.class, () -> Tensor.ofInts("a", TensorDType.INT32, new int[5], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> Tensor.ofInts("a", TensorDType.FLOAT32, new int[1], 1));
        assertThrows(IllegalArgumentException.class, () -> Tensor.ofInts("a/b", TensorDType.INT32, new int[1], 1));
        Tensor a = Tensor.ofInts("a", TensorDType.INT32, new int[1], 1);
        assertThrows(IllegalArgumentException.class, () -> SafetensorsWriter.header(List.of(a, a), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> NpzWriter.write(new ByteArrayOutputStream(), List.of(a, a)));
    }

    /** Walks the JSON by the shape: a wrong nesting depth or row length fails here. */
    private static void flatten(JsonNode node, long[] shape, int dim, double[] out, int[] at) {
        if (dim == shape.length) {
            out[at[0]++] = node.doubleValue();
            return;
        }
        assertEquals(shape[dim], node.size(), "dimension " + dim);
        for (JsonNode child : node) {
            flatten(child, shape, dim + 1, out, at);
        }
    }

    private static void assertSame(List<Sample> samples, Map<String, TensorFileReader.Array> read) {
        assertEquals(samples.size(), read.size());
        for (Sample s : samples) {
            TensorFileReader.Array a = read.get(s.tensor().name());
            assertEquals(s.tensor().dtype().numpyDescr(), a.dtype());
            assertArrayEquals(s.tensor().shape(), a.shape());
            assertArrayEquals(s.expected(), a.values(), s.tensor().toString());
        }
    }

    interface Writing {
        void to(ByteArrayOutputStream out) throws IOException;
    }

    static byte[] write(Writing w) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        w.to(out);
        return out.toByteArray();
    }
}
