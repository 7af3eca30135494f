package dev.posplan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.multimodal.text.ModelTokenizers;
import dev.posplan.planners.OnDemand;
import dev.posplan.planners.SchemeDeclaration;
import dev.posplan.planners.SchemeRegistry;
import dev.posplan.web.V1PlanController.AnswerFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code range} and {@code layout: blocks} answers, planned on demand (a window straight into the answer's
 * tensor; blocks from the block recorder), against the dense answer of the same request, over seeded random
 * batches of text, images and videos with random padding sides, dtypes and decode steps: a range answer is the
 * slice of the dense answer (positions, rope_deltas, decode positions, sequences) for every scheme that plans
 * positions, and blocks expand to the dense answer for every scheme with a block form. And what on demand is
 * for: an hour of video as blocks, or an 8,192-slot range of it, allocates a small fraction of its dense
 * positions. Runs the service's writer without HTTP, as {@code bin/posplan} does. A failure names the scheme,
 * the seed and the request.
 */
class V1OnDemandAnswerTest {

    private static final int CASES = 25;
    /** S4: 50 text, a 1800 × 16 × 28 video (with Qwen2-VL's wrapper tokens) and 50 text. */
    private static final int S4_TOKENS = 50 + 1 + 1800 * 16 * 28 + 1 + 50;
    private static final String S4 = "{\"scheme\":\"mrope\",\"format\":\"qwen2-vl\",\"decode_steps\":4,"
            + "\"sequences\":[{\"parts\":[{\"type\":\"text\",\"tokens\":50},"
            + "{\"type\":\"video\",\"grid\":[1800,16,28]},{\"type\":\"text\",\"tokens\":50}]}]";

    private static ModelTokenizers tokenizers;
    private static V1PlanWriter writer;

    @BeforeAll
    static void writer() {
        tokenizers = new ModelTokenizers(Map.of());
        PlanLimits limits = PlanLimits.defaults();
        writer = new V1PlanWriter(new V1PlanMapper(limits, tokenizers), limits, PosplanCli.JSON);
    }

    @AfterAll
    static void close() {
        tokenizers.close();
    }

    @Test
    void aRangeIsTheSliceOfTheDenseAnswerForEveryScheme() {
        int schemes = 0;
        for (SchemeDeclaration d : SchemeRegistry.all()) {
            if (d.onDemand().slicing() == OnDemand.Slicing.NONE || !d.parts().contains("image")) {
                continue; // camera encodings plan no positions; 2D-TPE reads tables (planned whole, then sliced)
            }
            schemes++;
            forEveryCase(d, (request, dense, random) -> {
                int length = dense.get("length").asInt();
                int start = random.nextInt(length);
                int n = 1 + random.nextInt(length - start);
                JsonNode part = answer(request.replace("{\"scheme\"", "{\"range\":{\"start\":" + start + ",\"length\":"
                        + n + "},\"scheme\""));
                assertEquals(start, part.get("range").get("start").asInt());
                assertEquals(n, part.get("range").get("length").asInt());
                int rows = dense.get("batch").asInt();
                for (int a = 0; a < dense.get("axes").size(); a++) {
                    for (int r = 0; r < rows; r++) {
                        JsonNode got = part.get("position_ids").get(a).get(r);
                        assertEquals(n, got.size());
                        for (int i = 0; i < n; i++) {
                            assertEquals(dense.get("position_ids").get(a).get(r).get(start + i), got.get(i),
                                    "axis " + a + " row " + r + " slot " + (start + i));
                        }
                    }
                }
                assertSameBesidesPositions(dense, part);
            });
        }
        assertTrue(schemes >= 15, schemes + " schemes");
    }

    @Test
    void blocksExpandToTheDenseAnswerForEverySchemeWithBlocks() {
        int schemes = 0;
        for (SchemeDeclaration d : SchemeRegistry.all()) {
            if (!d.onDemand().blocks()) {
                continue;
            }
            schemes++;
            forEveryCase(d, (request, dense, random) -> {
                JsonNode blocks = answer(request.replace("{\"scheme\"", "{\"layout\":\"blocks\",\"scheme\""));
                assertNull(blocks.get("position_ids"));
                int axes = dense.get("axes").size();
                int length = dense.get("length").asInt();
                for (int r = 0; r < dense.get("batch").asInt(); r++) {
                    long[][] expanded = expand(blocks.get("blocks").get(r), axes, length);
                    for (int a = 0; a < axes; a++) {
                        for (int i = 0; i < length; i++) {
                            if (dense.get("position_ids").get(a).get(r).get(i).asLong() != expanded[a][i]) {
                                fail("row " + r + " axis " + a + " slot " + i + " expands to " + expanded[a][i]
                                        + ", the dense answer has " + dense.get("position_ids").get(a).get(r).get(i));
                            }
                        }
                    }
                }
                assertSameBesidesPositions(dense, blocks);
            });
        }
        assertTrue(schemes >= 8, schemes + " schemes");
    }

    /**
     * An S4 blocks answer (one row of 806,502 tokens) allocates a small fraction of the row's dense positions
     * ({@code 3 × L × 4} bytes, 9.7 MB), and so does the range of its last 8,192 slots: neither plans the
     * dense row. Measured on the request's thread, after one warm-up answer.
     */
    @Test
    void anHourOfVideoAsBlocksOrARangeAllocatesFarLessThanItsDensePositions() throws IOException {
        long dense = 3L * S4_TOKENS * Integer.BYTES;
        long blocks = allocated(S4 + ",\"layout\":\"blocks\"}");
        long range = allocated(S4 + ",\"range\":{\"start\":" + (S4_TOKENS - 8192) + ",\"length\":8192}}");
        // measured: about 165 KB for blocks (tables, their JSON, the request) and 200 KB for the range, whose own
        // tensor is 3 × 8192 ints (98 KB); planning the dense row would take 9.7 MB more
        assertTrue(blocks < dense / 20, "blocks allocated " + blocks + " bytes; dense positions are " + dense);
        assertTrue(range < dense / 20, "range allocated " + range + " bytes; dense positions are " + dense);
    }

    private static long allocated(String request) throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        OutputStream sink = OutputStream.nullOutputStream();
        V1PlanRequest parsed = PosplanCli.JSON.readValue(request, V1PlanRequest.class);
        writer.write(writer.plan(parsed, AnswerFormat.JSON), AnswerFormat.JSON, sink);
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long before = threads.getThreadAllocatedBytes(thread);
            writer.write(writer.plan(parsed, AnswerFormat.JSON), AnswerFormat.JSON, sink);
            least = Math.min(least, threads.getThreadAllocatedBytes(thread) - before);
        }
        return least;
    }

    /** rope_deltas, decode positions, sequences (lengths, M, spans, warnings), dtype and length are the dense answer's. */
    private static void assertSameBesidesPositions(JsonNode dense, JsonNode other) {
        for (String field : List.of("rope_deltas", "decode_position_ids", "sequences", "dtype", "axes", "batch",
                "length", "tensors", "frequencies")) {
            assertEquals(dense.get(field), other.get(field), field);
        }
    }

    /** The documented block form expanded: runs {@code base + k * step}, blocks {@code t[i_t] + h[i_h] + w[i_w]}. */
    private static long[][] expand(JsonNode parts, int axes, int length) {
        long[][] out = new long[axes][length];
        int covered = 0;
        for (JsonNode part : parts) {
            int start = part.get("start").asInt();
            assertEquals(covered, start, "parts continue the row");
            if (part.has("grid")) {
                int t = part.get("grid").get(0).asInt();
                int h = part.get("grid").get(1).asInt();
                int w = part.get("grid").get(2).asInt();
                for (int a = 0; a < axes; a++) {
                    int k = start;
                    for (int it = 0; it < t; it++) {
                        for (int ih = 0; ih < h; ih++) {
                            for (int iw = 0; iw < w; iw++) {
                                out[a][k++] = part.get("t").get(a).get(it).asLong() + part.get("h").get(a).get(ih).asLong()
                                        + part.get("w").get(a).get(iw).asLong();
                            }
                        }
                    }
                }
                covered += t * h * w;
            } else {
                int n = part.get("length").asInt();
                for (int a = 0; a < axes; a++) {
                    for (int k = 0; k < n; k++) {
                        out[a][start + k] = part.get("base").get(a).asLong() + k * part.get("step").get(a).asLong();
                    }
                }
                covered += n;
            }
        }
        assertEquals(length, covered, "the parts cover the row");
        return out;
    }

    // ---- the generator

    @FunctionalInterface
    private interface Property {
        void check(String request, JsonNode dense, Random random);
    }

    /** Random requests for the scheme; the ones it refuses (some grids, some compats) are skipped, not most. */
    private static void forEveryCase(SchemeDeclaration d, Property property) {
        long seed = d.name().hashCode();
        Random random = new Random(seed);
        int checked = 0;
        for (int c = 0; c < CASES; c++) {
            String request = randomRequest(d, random);
            JsonNode dense;
            try {
                dense = answer(request);
            } catch (InvalidInputException e) {
                continue;
            }
            checked++;
            try {
                property.check(request, dense, random);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(d.name() + " (seed " + seed + ", case " + c + ") " + request + ": "
                        + e.getMessage(), e);
            }
        }
        assertTrue(checked >= CASES / 3, d.name() + " refused " + (CASES - checked) + " of " + CASES + " requests");
    }

    /** A batch of 1–3 rows of text, images and videos in the scheme's reference format. */
    private static String randomRequest(SchemeDeclaration d, Random random) {
        // InternVL's V2PE counts whole tiles of num_image_token (4 here) per image
        boolean v2pe = d.referenceFormat().equals("internvl2");
        StringBuilder b = new StringBuilder("{\"scheme\":\"").append(d.name()).append("\",\"format\":\"")
                .append(d.referenceFormat()).append('"');
        if (v2pe) {
            b.append(",\"params\":{\"num_image_token\":4}");
        }
        b.append(",\"padding_side\":\"").append(random.nextBoolean() ? "left" : "right").append('"');
        b.append(",\"decode_steps\":").append(random.nextInt(4));
        if (d.dtype() != dev.posplan.planners.DType.FLOAT32 && random.nextBoolean()) {
            b.append(",\"dtype\":\"int64\"");
        }
        b.append(",\"sequences\":[");
        int rows = 1 + random.nextInt(3);
        for (int r = 0; r < rows; r++) {
            List<String> parts = new ArrayList<>();
            int segments = 1 + random.nextInt(5);
            for (int i = 0; i < segments; i++) {
                int kind = random.nextInt(3);
                if (kind == 0) {
                    parts.add("{\"type\":\"text\",\"tokens\":" + (1 + random.nextInt(12)) + "}");
                } else if (kind == 1 || v2pe || !d.parts().contains("video")) {
                    int w = v2pe ? 2 * (1 + random.nextInt(3)) : 1 + random.nextInt(5);
                    parts.add("{\"type\":\"image\",\"grid\":[1," + (v2pe ? 2 : 1 + random.nextInt(5)) + "," + w + "]}");
                } else {
                    String seconds = random.nextBoolean() ? ""
                            : ",\"second_per_grid_t\":" + new double[] {0.5, 1, 2}[random.nextInt(3)];
                    parts.add("{\"type\":\"video\",\"grid\":[" + (1 + random.nextInt(4)) + "," + (1 + random.nextInt(4))
                            + "," + (1 + random.nextInt(5)) + "]" + seconds + "}");
                }
            }
            b.append(r == 0 ? "" : ",").append("{\"parts\":[").append(String.join(",", parts)).append("]}");
        }
        return b.append("]}").toString();
    }

    private static JsonNode answer(String request) {
        try {
            V1PlanRequest parsed = PosplanCli.JSON.readValue(request, V1PlanRequest.class);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            writer.write(writer.plan(parsed, AnswerFormat.JSON), AnswerFormat.JSON, out);
            return PosplanCli.JSON.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
