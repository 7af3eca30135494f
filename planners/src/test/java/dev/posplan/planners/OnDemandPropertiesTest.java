package dev.posplan.planners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.Modality;
import dev.posplan.multimodal.TextRole;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.multimodal.VisualBlock;
import dev.posplan.multimodal.table.Table;
import dev.posplan.multimodal.table.TableGrid;
import dev.posplan.multimodal.table.TableSeparators;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Properties of positions on demand over seeded random layouts, for every registered scheme (several
 * parameter sets for some): a slice equals the same slice of the full plan, blocks expand to the dense plan,
 * planning into a caller's buffer equals the allocated plan and touches nothing else, int64 targets hold the
 * int32 values widened, and padded batch rows behave the same. A failure names the scheme, seed and case.
 */
class OnDemandPropertiesTest {

    private static final int CASES = 60;

    /** Schemes and parameters exercised; every registered scheme appears at least once. */
    private static final Map<String, Map<String, Object>> CONFIGS = new LinkedHashMap<>();

    static {
        for (SchemeDeclaration d : SchemeRegistry.all()) {
            CONFIGS.put(d.name(), Map.of());
        }
        CONFIGS.put("v2pe", Map.of("num_image_token", 4, "rope_pos_id_stride", 16));
        CONFIGS.put("v2pe rnd", Map.of("num_image_token", 4, "rope_pos_id_version", "v2pe_rnd", "seed", 3));
        CONFIGS.put("v2pe default", Map.of("num_image_token", 4, "rope_pos_id_version", "default"));
        CONFIGS.put("hope scale_factors", Map.of("scale_factors", List.of(0.5, 0.75, 1.0, 1.25, 1.5), "seed", 7));
        CONFIGS.put("mrope-abs-time vllm", Map.of("compat", "vllm"));
        CONFIGS.put("mrope stride 0.5", Map.of("temporal_stride", 0.5));
        CONFIGS.put("mrope-i hf-main", Map.of("compat", "hf-main"));
        CONFIGS.put("mmrope scaled", Map.of("position_scale", List.of(0.5, 1.5, 2.0)));
        CONFIGS.put("circlerope auto", Map.of("radius", "auto", "move_to_origin", true));
        CONFIGS.put("vanilla pad 2.5", Map.of("pad_value", 2.5));
        CONFIGS.put("hunyuan-vl vllm", Map.of("compat", "vllm"));
        // every decode rule and rope_deltas base: the facts a window or blocks report must be the dense plan's
        CONFIGS.put("mrope last-plus-one", Map.of("decode", "last-plus-one"));
        CONFIGS.put("mrope-abs-time forward-no-mask", Map.of("decode", "forward-no-mask", "rope_deltas", "unpadded"));
        CONFIGS.put("mrope-interleave hf-main", Map.of("compat", "hf-main"));
        CONFIGS.put("hope official-code", Map.of("decode", "official-code"));
    }

    /** Integral schemes whose positions are sums of per-axis tables. */
    private static final Set<String> BLOCKS = Set.of("glm4v", "ernie45-vl", "bailing", "mrope", "mrope-abs-time", "mrope-interleave", "mrope-i",
            "mhrope", "grape", "vrope", "vanilla", "v2pe default", "mrope-abs-time vllm", "mrope stride 0.5",
            "mrope-i hf-main", "vanilla pad 2.5", "hunyuan-vl", "hunyuan-vl vllm",
            "mrope last-plus-one", "mrope-abs-time forward-no-mask",
            "mrope-interleave hf-main");

    /** Schemes that plan a whole row and copy the window (2D-TPE's tables; Omni reads back its block's max). */
    private static final Set<String> PLANNED_WHOLE = Set.of("tpe2d", "qwen2.5-omni", "qwen3-omni");

    /** Camera encodings: output tensors only, no position ids to slice. */
    private static final Set<String> CAMERAS = Set.of("plucker", "prope", "gta", "ucpe");

    private static Scheme scheme(String config) {
        return SchemeRegistry.create(config.split(" ")[0], new SchemeParams(CONFIGS.get(config)));
    }

    @Test
    void everySchemeDeclaresWhatItCanDo() {
        Set<String> withBlocks = new TreeSet<>();
        for (String config : CONFIGS.keySet()) {
            OnDemand d = scheme(config).onDemand();
            if (d.blocks()) {
                withBlocks.add(config);
            } else {
                assertTrue(!d.note().isEmpty(), config + " must say why it has no blocks");
            }
            // every Qwen-style walk slices directly; 2D-TPE plans its tables whole, the Qwen-Omni design its rows
            OnDemand.Slicing expected = PLANNED_WHOLE.contains(config) ? OnDemand.Slicing.PLAN_AND_SLICE
                    : CAMERAS.contains(config) ? OnDemand.Slicing.NONE : OnDemand.Slicing.DIRECT;
            assertEquals(expected, d.slicing(), config);
        }
        assertEquals(new TreeSet<>(BLOCKS), withBlocks);
    }

    /** A window's facts are the dense plan's: lengths, M, dtype, rope_deltas base and decode rule. */
    @Test
    void slicesEqualSlicesOfTheFullPlan() {
        forEveryCase((config, scheme, stream, full, random) -> {
            int start = random.nextInt(full.length() + 1);
            int n = random.nextInt(full.length() - start + 1);
            PositionBuffer window = PositionBuffer.window(full.dtype(), full.axes(), start, n);
            RowFacts facts = scheme.planInto(stream, window);
            assertSameSlots(full, window, config);
            assertSameFacts(full.facts(), facts, 3, config + " window [" + start + ", " + (start + n) + ")");
        });
    }

    @Test
    void blocksExpandToTheDensePlan() {
        forEveryCase((config, scheme, stream, full, random) -> {
            if (!BLOCKS.contains(config)) {
                assertThrows(UnsupportedOperationException.class, () -> scheme.planBlocks(stream), config);
                return;
            }
            PositionBlocks blocks = scheme.planBlocks(stream);
            long[] expanded = blocks.expand();
            int[] dense = ints(full);
            assertEquals(dense.length, expanded.length, config);
            for (int i = 0; i < dense.length; i++) {
                if (expanded[i] != dense[i]) {
                    fail(config + ": value " + i + " expands to " + expanded[i] + ", the plan has " + dense[i]);
                }
            }
            assertSameFacts(full.facts(), blocks.facts(), 3, config + " blocks");
            assertEquals(full.axisNames(), blocks.axisNames(), config);
        });
    }

    /** A caller's array at an offset and axis stride gets the plan's values and nothing outside them changes. */
    @Test
    void intoCallersBuffersEqualsTheAllocatedPlanAndInt64TheWidenedValues() {
        forEveryCase((config, scheme, stream, full, random) -> {
            int axes = full.axes();
            int length = full.length();
            int offset = random.nextInt(5);
            int stride = length + random.nextInt(3);
            int size = offset + (axes - 1) * stride + length + random.nextInt(3);
            if (full.dtype() == DType.FLOAT32) {
                float[] floats = new float[size];
                Arrays.fill(floats, -7.5f);
                scheme.planInto(stream, CallerBuffers.of(floats, offset, stride, axes, 0, length));
                for (int i = 0; i < size; i++) {
                    int a = (i - offset) / Math.max(stride, 1);
                    int slot = i - offset - a * stride;
                    boolean inside = i >= offset && a < axes && slot < length;
                    float expected = inside ? (float) full.get(a, slot) : -7.5f;
                    assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(floats[i]), config + " at " + i);
                }
                assertThrows(IllegalArgumentException.class,
                        () -> scheme.planInto(stream, CallerBuffers.of(new long[size], offset, stride, axes, 0, length)));
                return;
            }
            int[] ints = new int[size];
            long[] longs = new long[size];
            IntBuffer intBuffer = IntBuffer.allocate(size);
            LongBuffer direct = ByteBuffer.allocateDirect(size * Long.BYTES).asLongBuffer();
            Arrays.fill(ints, -77);
            Arrays.fill(longs, -77);
            for (int i = 0; i < size; i++) {
                intBuffer.put(i, -77);
                direct.put(i, -77);
            }
            scheme.planInto(stream, CallerBuffers.of(ints, offset, stride, axes, 0, length));
            scheme.planInto(stream, CallerBuffers.of(longs, offset, stride, axes, 0, length));
            scheme.planInto(stream, CallerBuffers.of(intBuffer, offset, stride, axes, 0, length));
            scheme.planInto(stream, CallerBuffers.of(direct, offset, stride, axes, 0, length));
            for (int i = 0; i < size; i++) {
                int a = (i - offset) / Math.max(stride, 1);
                int slot = i - offset - a * stride;
                boolean inside = i >= offset && a < axes && slot < length;
                int expected = inside ? ints(full)[a * length + slot] : -77;
                assertEquals(expected, ints[i], config + " int[] at " + i);
                assertEquals(expected, intBuffer.get(i), config + " IntBuffer at " + i);
                assertEquals((long) expected, longs[i], config + " long[] at " + i);
                assertEquals((long) expected, direct.get(i), config + " LongBuffer at " + i);
            }
        });
    }

    /**
     * The rows of a padded batch, each written as one row of a caller's {@code [axes][B][n]} int64 array for
     * a window common to all rows (a prefill chunk), equal the same window of the batch plan, HoPE's draws
     * continuing across rows included.
     */
    @Test
    void paddedBatchRowsIntoOneArrayEqualTheBatchPlan() {
        for (String config : CONFIGS.keySet()) {
            Scheme scheme = scheme(config);
            BatchPlanner planner = new BatchPlanner(scheme);
            Random random = new Random(config.hashCode());
            for (int c = 0; c < CASES / 3; c++) {
                List<TokenStream> rows = new ArrayList<>();
                int batch = 1 + random.nextInt(4);
                for (int b = 0; b < batch; b++) {
                    rows.add(randomStream(config, random, false));
                }
                BatchPlan plan;
                try {
                    plan = planner.plan(rows);
                } catch (IllegalArgumentException e) {
                    // e.g. HoPE's block_scales count; the on-demand path must refuse the same input
                    assertThrows(IllegalArgumentException.class, () -> planner.planInto(rows, targets(rows, 0, 0,
                            new long[0], DType.INT32, 1)), config);
                    continue;
                }
                int length = plan.length();
                int start = random.nextInt(length + 1);
                int n = random.nextInt(length - start + 1);
                String where = config + " case " + c + " window [" + start + ", " + (start + n) + ")";
                if (plan.dtype() == DType.FLOAT32) {
                    float[] dest = new float[plan.axes() * batch * n];
                    List<PositionBuffer> outs = new ArrayList<>();
                    for (int b = 0; b < batch; b++) {
                        outs.add(CallerBuffers.of(dest, b * n, batch * n, plan.axes(), start, n));
                    }
                    planner.planInto(rows, outs);
                    for (int a = 0; a < plan.axes(); a++) {
                        for (int b = 0; b < batch; b++) {
                            for (int i = 0; i < n; i++) {
                                assertEquals((float) plan.get(a, b, start + i), dest[(a * batch + b) * n + i], where);
                            }
                        }
                    }
                } else {
                    long[] dest = new long[plan.axes() * batch * n];
                    List<RowFacts> facts = planner.planInto(rows, targets(rows, start, n, dest, plan.dtype(), plan.axes()));
                    for (int a = 0; a < plan.axes(); a++) {
                        for (int b = 0; b < batch; b++) {
                            for (int i = 0; i < n; i++) {
                                assertEquals((long) plan.get(a, b, start + i), dest[(a * batch + b) * n + i], where);
                            }
                        }
                    }
                    for (int b = 0; b < batch; b++) {
                        assertSameFacts(plan.row(b).facts(), facts.get(b), 3, where + " row " + b);
                    }
                }
                if (BLOCKS.contains(config)) {
                    // a batch's blocks: a text-only row of a visual batch takes the batch's M rule too
                    List<PositionBlocks> blocks = planner.planBlocks(rows);
                    for (int b = 0; b < batch; b++) {
                        long[] expanded = blocks.get(b).expand();
                        PositionPlan.Int32 row = (PositionPlan.Int32) plan.row(b);
                        for (int a = 0; a < plan.axes(); a++) {
                            for (int i = 0; i < length; i++) {
                                assertEquals(row.get(a, i), expanded[a * length + i], where + " blocks row " + b);
                            }
                        }
                        assertSameFacts(plan.row(b).facts(), blocks.get(b).facts(), 3, where + " blocks row " + b);
                    }
                }
            }
        }
    }

    private static List<PositionBuffer> targets(List<TokenStream> rows, int start, int n, long[] dest, DType type,
            int axes) {
        List<PositionBuffer> outs = new ArrayList<>();
        for (int b = 0; b < rows.size(); b++) {
            outs.add(CallerBuffers.of(dest, b * n, rows.size() * n, axes, start, n));
        }
        return outs;
    }

    @Test
    void targetsThatDoNotFitAreRejected() {
        Scheme mrope = SchemeRegistry.create("mrope");
        TokenStream s = TokenStream.builder().text(3).image(1, 2, 2).text(2).build();
        assertThrows(IllegalArgumentException.class, () -> CallerBuffers.of(new int[10], 0, 3, 9));
        assertThrows(IllegalArgumentException.class, () -> CallerBuffers.of(new int[30], 0, 4, 3, 0, 5));
        assertThrows(IllegalArgumentException.class,
                () -> CallerBuffers.of(IntBuffer.allocate(27).asReadOnlyBuffer(), 0, 9, 3, 0, 9));
        // a window reaching past the row, a wrong axis count, float storage for int positions
        assertThrows(IllegalArgumentException.class, () -> mrope.planInto(s, PositionBuffer.window(DType.INT32, 3, 5, 5)));
        assertThrows(IllegalArgumentException.class, () -> mrope.planInto(s, PositionBuffer.allocate(DType.INT32, 4, 9)));
        assertThrows(IllegalArgumentException.class, () -> mrope.planInto(s, PositionBuffer.allocate(DType.FLOAT32, 3, 9)));
    }

    /** A slice fails exactly when the whole plan does, even if the offending value lies outside the window. */
    @Test
    void int32OverflowOutsideTheWindowStillFails() {
        Scheme mrope = SchemeRegistry.create("mrope", SchemeParams.of("temporal_stride", 1e9));
        TokenStream s = TokenStream.builder().text(2).video(4, 2, 2).text(2).build();
        assertThrows(IllegalArgumentException.class, () -> mrope.plan(s));
        assertThrows(IllegalArgumentException.class, () -> mrope.planInto(s, PositionBuffer.window(DType.INT32, 3, 0, 2)));
        assertThrows(IllegalArgumentException.class, () -> mrope.planBlocks(s));
    }

    /**
     * A window costs what it holds: planning 1,000 slots from the middle of a row of 50 million video tokens
     * makes a few hundred bulk calls, not one per grid row of the video.
     */
    @Test
    void aSliceCostsItsWindowNotTheRow() {
        TokenStream s = TokenStream.builder().text(50).video(50_000, 40, 25).text(50).build();
        for (String name : List.of("mrope", "vrope", "videorope", "mmrope")) {
            Scheme scheme = SchemeRegistry.create(name);
            DType type = name.equals("videorope") || name.equals("mmrope") ? DType.FLOAT32 : DType.INT32;
            Counting out = new Counting(type, scheme.frequencies().axisNames().size(), s.length() / 2, 1000);
            scheme.planInto(s, out);
            assertTrue(out.calls < 400 * out.axes(), name + " made " + out.calls + " writes for 1,000 slots");
        }
    }

    /** Counts bulk writes into a window buffer. */
    private static final class Counting extends PositionBuffer {
        private final PositionBuffer inner;
        private long calls;

        Counting(DType type, int axes, int from, int length) {
            super(axes, from, length, 0, length);
            inner = PositionBuffer.window(type, axes, from, length);
        }

        @Override
        public DType dtype() {
            return inner.dtype();
        }

        @Override
        public void set(int axis, int index, double value) {
            calls++;
            inner.set(axis, index, value);
        }

        @Override
        public void fill(int axis, int index, int n, double value) {
            calls++;
            inner.fill(axis, index, n, value);
        }

        @Override
        public void ramp(int axis, int index, int n, double start, double step) {
            calls++;
            inner.ramp(axis, index, n, start, step);
        }

        @Override
        void put(int at, double value) {
            throw new AssertionError();
        }

        @Override
        double read(int at) {
            throw new AssertionError();
        }

        @Override
        void putFill(int at, int n, double value) {
            throw new AssertionError();
        }

        @Override
        void putRamp(int at, int n, double start, double step, int first) {
            throw new AssertionError();
        }
    }

    // ---- the generator

    @FunctionalInterface
    private interface Property {
        void check(String config, Scheme scheme, TokenStream stream, PositionPlan full, Random random);
    }

    private static void forEveryCase(Property property) {
        for (String config : CONFIGS.keySet()) {
            if (CAMERAS.contains(config)) {
                continue;
            }
            Scheme scheme = scheme(config);
            long seed = config.hashCode();
            Random random = new Random(seed);
            int checked = 0;
            for (int c = 0; c < CASES; c++) {
                TokenStream stream = randomStream(config, random, true);
                PositionPlan full;
                try {
                    full = scheme.plan(stream);
                } catch (IllegalArgumentException e) {
                    continue; // an input the scheme refuses; the batch property checks it refuses it on demand too
                }
                checked++;
                try {
                    property.check(config, scheme, stream, full, random);
                } catch (AssertionError | RuntimeException e) {
                    throw new AssertionError(config + " (seed " + seed + ", case " + c + ", " + stream + "): "
                            + e.getMessage(), e);
                }
            }
            assertTrue(checked >= CASES / 2, config + " refused " + (CASES - checked) + " of " + CASES + " random rows");
        }
    }

    /** A random row of the kind the scheme reads: text, shared text, padding, images, videos or tables. */
    static TokenStream randomStream(String config, Random random, boolean padding) {
        TokenStream.Builder b = TokenStream.builder();
        if (padding && random.nextInt(3) == 0) {
            b.padding(1 + random.nextInt(4));
        }
        boolean tables = config.equals("tpe2d");
        boolean v2pe = config.startsWith("v2pe ") || config.equals("v2pe");
        boolean imagesOnly = config.startsWith("hunyuan-vl"); // its processor has no video path
        int segments = 1 + random.nextInt(6);
        boolean visual = false;
        for (int i = 0; i < segments; i++) {
            int kind = random.nextInt(4);
            if (kind == 0) {
                b.text(1 + random.nextInt(12));
            } else if (kind == 1 && !tables && !v2pe) {
                b.text(1 + random.nextInt(4), TextRole.SHARED);
            } else if (tables) {
                b.table(table(random));
            } else {
                visual = true;
                b.add(block(random, v2pe, imagesOnly));
            }
        }
        if ((v2pe && !visual) || (!tables && random.nextBoolean())) {
            b.add(block(random, v2pe, imagesOnly));
        }
        if (padding && random.nextInt(4) == 0) {
            b.padding(1 + random.nextInt(3));
        }
        return b.build();
    }

    private static VisualBlock block(Random random, boolean v2pe, boolean imagesOnly) {
        if (v2pe) {
            // whole tiles of num_image_token = 4
            return VisualBlock.image(new Grid(1, 2, 2 * (1 + random.nextInt(3))));
        }
        Grid g = new Grid(1 + random.nextInt(4), 1 + random.nextInt(5), 1 + random.nextInt(6));
        if (imagesOnly) {
            return VisualBlock.image(new Grid(1, g.h(), g.w()));
        }
        if (random.nextBoolean()) {
            // now and then an image of several temporal slices, which some compats refuse
            return VisualBlock.image(new Grid(random.nextInt(5) == 0 ? g.t() : 1, g.h(), g.w()));
        }
        float seconds = random.nextBoolean() ? Float.NaN : new float[] {0.5f, 1f, 1.7f, 2f}[random.nextInt(4)];
        return new VisualBlock(Modality.VIDEO, g, seconds, 0, 0);
    }

    private static TableGrid table(Random random) {
        int rows = 1 + random.nextInt(3);
        int cols = 1 + random.nextInt(3);
        int[][] counts = new int[rows][cols];
        for (int[] row : counts) {
            for (int j = 0; j < cols; j++) {
                row[j] = 1 + random.nextInt(3);
            }
        }
        return TableGrid.serialise(Table.ofCounts(counts), null, TableSeparators.MINICPM);
    }

    /** Equal facts, and (what they are for) equal rope_deltas and decode positions bit for bit. */
    static void assertSameFacts(RowFacts expected, RowFacts got, int steps, String where) {
        assertEquals(expected, got, where);
        assertEquals(Double.doubleToLongBits(expected.ropeDelta()), Double.doubleToLongBits(got.ropeDelta()), where);
        for (int k = 0; k < steps; k++) {
            for (int a = 0; a < expected.axes(); a++) {
                assertEquals(Double.doubleToLongBits(expected.decodePosition(a, k)),
                        Double.doubleToLongBits(got.decodePosition(a, k)), where + " decode " + k + " axis " + a);
            }
        }
    }

    private static void assertSameSlots(PositionPlan full, PositionBuffer window, String config) {
        for (int a = 0; a < full.axes(); a++) {
            for (int i = window.from(); i < window.from() + window.length(); i++) {
                double expected = full.get(a, i);
                double got = window.get(a, i);
                if (Double.doubleToLongBits(expected) != Double.doubleToLongBits(got)) {
                    fail(config + ": slot " + i + " axis " + a + " is " + got + ", the full plan has " + expected);
                }
            }
        }
    }

    /** The dense {@code [axes × length]} values of an int32 plan, axis-major. */
    static int[] ints(PositionPlan plan) {
        PositionPlan.Int32 ints = (PositionPlan.Int32) plan;
        int[] out = new int[plan.axes() * plan.length()];
        for (int a = 0; a < plan.axes(); a++) {
            ints.copyAxis(a, out, a * plan.length());
        }
        return out;
    }
}
