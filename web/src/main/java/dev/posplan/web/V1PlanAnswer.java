package dev.posplan.web;

import dev.posplan.api.encode.Tensor;
import dev.posplan.api.encode.TensorDType;
import dev.posplan.api.encode.TensorJson;
import dev.posplan.multimodal.AudioVideoBlock;
import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.multimodal.PaddingRun;
import dev.posplan.multimodal.Segment;
import dev.posplan.multimodal.TableBlock;
import dev.posplan.multimodal.TextRole;
import dev.posplan.multimodal.TextRun;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.multimodal.VisualBlock;
import dev.posplan.planners.BatchPlan;
import dev.posplan.planners.BatchPlanner;
import dev.posplan.planners.CallerBuffers;
import dev.posplan.planners.DType;
import dev.posplan.planners.OnDemand;
import dev.posplan.planners.OutputTensor;
import dev.posplan.planners.PaddingSide;
import dev.posplan.planners.PlanShape;
import dev.posplan.planners.PositionBlocks;
import dev.posplan.planners.PositionBuffer;
import dev.posplan.planners.PositionPlan;
import dev.posplan.planners.RowFacts;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeRegistry;
import dev.posplan.planners.allocation.FrequencyAllocation;
import dev.posplan.planners.allocation.ChannelAllocation;
import dev.posplan.planners.allocation.HeadAllocation;
import dev.posplan.planners.allocation.PairAllocation;
import dev.posplan.planners.allocation.RotaryAllocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JsonGenerator;

/**
 * The plan of a {@link PlanJob}, as the tensors every answer format carries: {@code position_ids
 * [axes, B, L]}, {@code rope_deltas [B, 1]}, {@code decode_position_ids [axes, B, steps]}, the frequency
 * allocation and the scheme's output tensors stacked over the batch. A row is planned in the form the answer
 * needs: the positions of a scheme that slices directly and has no output tensors, a {@code range} or every slot,
 * are written straight into the answer's tensor ({@link Scheme#planBatchInto}: a range never plans the whole rows,
 * and no row is planned and then copied), {@code layout: blocks} comes from the block recorder
 * ({@link BatchPlanner#planBlocks}, no per-token array), anything else from the dense plan. Every form
 * reports the rows' {@link RowFacts}, from which {@code rope_deltas}, decode positions and the sequences'
 * {@code max_position} are read; nothing is recomputed.
 */
final class V1PlanAnswer {

    private final PlanJob job;
    private final List<String> axisNames;
    private final List<RowFacts> facts;
    /** The dense rows, or null when the answer was planned on demand (see {@link #batch()}). */
    private BatchPlan dense;
    /** {@code position_ids} of a range planned straight into the answer, or null. */
    private final Tensor window;
    /** The padded rows as blocks, or null. */
    private final List<PositionBlocks> blocks;

    private V1PlanAnswer(PlanJob job, List<String> axisNames, List<RowFacts> facts, BatchPlan dense, Tensor window,
            List<PositionBlocks> blocks) {
        this.job = job;
        this.axisNames = axisNames;
        this.facts = facts;
        this.dense = dense;
        this.window = window;
        this.blocks = blocks;
    }

    static V1PlanAnswer plan(PlanJob job) {
        BatchPlanner planner = new BatchPlanner(job.scheme(), job.side());
        if (job.blocks()) {
            List<PositionBlocks> blocks = planner.planBlocks(job.rows());
            return new V1PlanAnswer(job, blocks.get(0).axisNames(), blocks.stream().map(PositionBlocks::facts).toList(),
                    null, null, blocks);
        }
        if (direct(job.scheme())) {
            // a range, or every slot: planned into the answer's own [axes, B, n] array, not planned and copied
            List<TokenStream> rows = planner.pad(job.rows());
            Optional<PlanShape> shape = job.scheme().shape(rows);
            if (shape.isPresent()) {
                int[] slots = job.range() != null ? job.range() : new int[] {0, rows.get(0).length()};
                return window(job, rows, shape.get(), slots[0], slots[1]);
            }
        }
        BatchPlan plan = planner.plan(job.rows());
        List<RowFacts> facts = new ArrayList<>(plan.batchSize());
        for (int b = 0; b < plan.batchSize(); b++) {
            facts.add(plan.row(b).facts());
        }
        return new V1PlanAnswer(job, plan.row(0).axisNames(), facts, plan, null, null);
    }

    /** Whether a window of the scheme's rows is planned without the rest: direct slices and no output tensors. */
    private static boolean direct(Scheme scheme) {
        return scheme.onDemand().slicing() == OnDemand.Slicing.DIRECT
                && SchemeRegistry.declaration(scheme.name()).outputs().isEmpty();
    }

    /** Slots {@code start .. start+n} of every padded row planned into their place of one {@code [axes, B, n]} tensor. */
    private static V1PlanAnswer window(PlanJob job, List<TokenStream> rows, PlanShape shape, int start, int n) {
        int axes = shape.axes();
        int b = rows.size();
        int size = Math.multiplyExact(Math.multiplyExact(axes, b), n);
        List<PositionBuffer> outs = new ArrayList<>(b);
        float[] floats = shape.dtype() == DType.FLOAT32 ? new float[size] : null;
        int[] ints = floats == null ? new int[size] : null;
        for (int r = 0; r < b; r++) {
            outs.add(floats != null ? CallerBuffers.of(floats, r * n, b * n, axes, start, n)
                    : CallerBuffers.of(ints, r * n, b * n, axes, start, n));
        }
        List<RowFacts> facts = job.scheme().planBatchInto(rows, outs);
        Tensor positions = floats != null ? Tensor.ofFloats("position_ids", floats, axes, b, n)
                : integral(job, ints, axes, b, n);
        return new V1PlanAnswer(job, shape.axisNames(), facts, null, positions, null);
    }

    /** The dense plan of the batch: the one answered, or planned now for an answer planned on demand. */
    BatchPlan batch() {
        if (dense == null) {
            dense = new BatchPlanner(job.scheme(), job.side()).plan(job.rows());
        }
        return dense;
    }

    PlanJob job() {
        return job;
    }

    int axes() {
        return axisNames.size();
    }

    List<String> axisNames() {
        return axisNames;
    }

    private int batchSize() {
        return facts.size();
    }

    /** Padded row length L. */
    private int length() {
        return facts.get(0).length();
    }

    /** Whether the answer is float32: a float scheme's, also for a text-only batch its reference plans as integers. */
    boolean floats() {
        return job.dtype() == TensorDType.FLOAT32;
    }

    /** Integral positions in the answer's dtype (float32 for a float scheme's integral text-only plan). */
    private static Tensor integral(PlanJob job, int[] data, long... shape) {
        if (job.dtype() != TensorDType.FLOAT32) {
            return Tensor.ofInts("position_ids", job.dtype(), data, shape);
        }
        float[] f = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            f[i] = data[i];
        }
        return Tensor.ofFloats("position_ids", f, shape);
    }

    /** {@code position_ids} as one C-ordered tensor {@code [axes, B, n]}: the requested range, else the rows. */
    Tensor positionIds() {
        if (window != null) {
            return window;
        }
        if (blocks != null) {
            throw new IllegalStateException("a blocks answer has no dense position_ids");
        }
        int axes = dense.axes();
        int b = dense.batchSize();
        int start = job.start();
        int n = job.range() == null ? dense.length() : job.range()[1];
        if (dense.dtype() == DType.FLOAT32) {
            float[] data = new float[Math.multiplyExact(Math.multiplyExact(axes, b), n)];
            for (int r = 0; r < b; r++) {
                PositionPlan.Float32 row = (PositionPlan.Float32) dense.row(r);
                for (int a = 0; a < axes; a++) {
                    row.axis(a).get(start, data, (a * b + r) * n, n);
                }
            }
            return Tensor.ofFloats("position_ids", data, axes, b, n);
        }
        int[] data = new int[Math.multiplyExact(Math.multiplyExact(axes, b), n)];
        for (int r = 0; r < b; r++) {
            PositionPlan.Int32 row = (PositionPlan.Int32) dense.row(r);
            for (int a = 0; a < axes; a++) {
                row.axis(a).get(start, data, (a * b + r) * n, n);
            }
        }
        return integral(job, data, axes, b, n);
    }

    /** {@code rope_deltas} of {@code shape} ({@code [B, 1]} binary, {@code [B]} JSON), in the compat's semantics. */
    Tensor ropeDeltas(long... shape) {
        double[] d = new double[batchSize()];
        for (int b = 0; b < d.length; b++) {
            d[b] = facts.get(b).ropeDelta();
        }
        if (floats()) {
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = (float) d[i];
            }
            return Tensor.ofFloats("rope_deltas", f, shape);
        }
        long[] v = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            v[i] = (long) d[i];
        }
        return job.dtype() == TensorDType.INT64 ? Tensor.ofLongs("rope_deltas", v, shape)
                : Tensor.ofInts("rope_deltas", TensorDType.INT32, toInts(v, "rope_deltas"), shape);
    }

    /** {@code decode_position_ids [axes, B, steps]}, or null when none were asked. */
    Tensor decodePositionIds() {
        int steps = job.decodeSteps();
        if (steps == 0 || axes() == 0) {
            return null;
        }
        int axes = axes();
        int b = batchSize();
        if (floats()) {
            float[] f = new float[axes * b * steps];
            for (int a = 0; a < axes; a++) {
                for (int r = 0; r < b; r++) {
                    for (int k = 0; k < steps; k++) {
                        f[(a * b + r) * steps + k] = (float) facts.get(r).decodePosition(a, k);
                    }
                }
            }
            return Tensor.ofFloats("decode_position_ids", f, axes, b, steps);
        }
        long[] v = new long[axes * b * steps];
        for (int a = 0; a < axes; a++) {
            for (int r = 0; r < b; r++) {
                for (int k = 0; k < steps; k++) {
                    v[(a * b + r) * steps + k] = (long) facts.get(r).decodePosition(a, k);
                }
            }
        }
        return job.dtype() == TensorDType.INT64 ? Tensor.ofLongs("decode_position_ids", v, axes, b, steps)
                : Tensor.ofInts("decode_position_ids", TensorDType.INT32, toInts(v, "decode_steps"), axes, b, steps);
    }

    /** The scheme's output tensors, each stacked over the batch: {@code [B, ...shape]}. */
    List<Tensor> outputs() {
        List<Tensor> out = new ArrayList<>();
        if (window != null || blocks != null) {
            return out; // planned on demand: only schemes without output tensors are
        }
        BatchPlan plan = dense;
        PositionPlan first = plan.row(0);
        for (OutputTensor t : first.tensors()) {
            List<Integer> shape = t.shape();
            long[] stacked = new long[shape.size() + 1];
            stacked[0] = plan.batchSize();
            for (int i = 0; i < shape.size(); i++) {
                stacked[i + 1] = shape.get(i);
            }
            if (t instanceof OutputTensor.F32 f) {
                int n = f.data().length;
                float[] data = new float[n * plan.batchSize()];
                for (int r = 0; r < plan.batchSize(); r++) {
                    float[] row = ((OutputTensor.F32) sameShape(plan.row(r).tensor(t.name()), t, r)).data();
                    System.arraycopy(row, 0, data, r * n, n);
                }
                out.add(Tensor.ofFloats(t.name(), data, stacked));
            } else {
                int n = ((OutputTensor.I32) t).data().length;
                int[] data = new int[n * plan.batchSize()];
                for (int r = 0; r < plan.batchSize(); r++) {
                    int[] row = ((OutputTensor.I32) sameShape(plan.row(r).tensor(t.name()), t, r)).data();
                    System.arraycopy(row, 0, data, r * n, n);
                }
                out.add(Tensor.ofInts(t.name(), TensorDType.INT32, data, stacked));
            }
        }
        return out;
    }

    private static OutputTensor sameShape(OutputTensor t, OutputTensor first, int row) {
        if (!t.shape().equals(first.shape())) {
            throw InvalidInputException.at("/sequences/" + row, "gives output " + t.name() + " the shape "
                    + t.shape() + ", row 0 " + first.shape()
                    + "; a batch stacks rows of one shape");
        }
        return t;
    }

    /**
     * {@code inv_freq} and {@code pair_axis} / {@code kv_head_axis} / {@code channel_axis} for rotary allocations;
     * empty otherwise.
     */
    List<Tensor> frequencyTensors() {
        FrequencyAllocation f = job.scheme().frequencies();
        List<Tensor> out = new ArrayList<>();
        if (f instanceof RotaryAllocation r) {
            float[] inv = r.invFreq();
            out.add(Tensor.ofFloats("inv_freq", inv, inv.length));
        }
        if (f instanceof PairAllocation p) {
            int[] axis = p.pairAxis();
            out.add(Tensor.ofInts("pair_axis", TensorDType.INT32, axis, axis.length));
        } else if (f instanceof HeadAllocation h) {
            int[] axis = h.kvHeadAxis();
            out.add(Tensor.ofInts("kv_head_axis", TensorDType.INT32, axis, axis.length));
        } else if (f instanceof ChannelAllocation c) {
            int[] axis = c.channelAxis();
            out.add(Tensor.ofInts("channel_axis", TensorDType.INT32, axis, axis.length));
        }
        return out;
    }

    /** Every tensor of the binary answers, {@code position_ids} first. */
    List<Tensor> tensors() {
        List<Tensor> out = new ArrayList<>();
        if (axes() > 0) {
            out.add(positionIds());
            out.add(ropeDeltas(batchSize(), 1));
            Tensor decode = decodePositionIds();
            if (decode != null) {
                out.add(decode);
            }
        }
        out.addAll(frequencyTensors());
        out.addAll(outputs());
        return out;
    }

    // ------------------------------------------------------------------------------------------------
    // JSON

    /** The whole JSON answer, positions streamed row by row. */
    void writeJson(JsonGenerator g) {
        g.writeStartObject();
        g.writeStringProperty("model", job.preset() == null ? null : job.preset().apiName());
        g.writeStringProperty("scheme", job.scheme().name());
        g.writeStringProperty("format", job.format());
        g.writeName("params");
        g.writePOJO(job.scheme().parameters());
        g.writeStringProperty("dtype", job.dtype().apiName());
        g.writeName("axes");
        g.writePOJO(axisNames);
        g.writeNumberProperty("batch", batchSize());
        g.writeNumberProperty("length", length());
        if (job.range() != null) {
            g.writeName("range");
            g.writeStartObject();
            g.writeNumberProperty("start", job.range()[0]);
            g.writeNumberProperty("length", job.range()[1]);
            g.writeEndObject();
        }
        g.writeStringProperty("layout", job.blocks() ? "blocks" : "dense");
        if (job.blocks()) {
            g.writeName("blocks");
            writeBlocks(g);
        }
        if (axes() > 0) {
            if (!job.blocks()) {
                g.writeName("position_ids");
                TensorJson.writeNested(g, positionIds());
            }
            g.writeName("rope_deltas");
            TensorJson.writeNested(g, ropeDeltas(batchSize()));
            Tensor decode = decodePositionIds();
            if (decode != null) {
                g.writeName("decode_position_ids");
                TensorJson.writeNested(g, decode);
            }
        }
        g.writeName("sequences");
        writeSequences(g);
        g.writeName("tensors");
        g.writeStartObject();
        for (Tensor t : outputs()) {
            g.writeName(t.name());
            g.writeStartObject();
            g.writeStringProperty("dtype", t.dtype().apiName());
            g.writeName("shape");
            g.writeArray(t.shape(), 0, t.shape().length);
            g.writeName("data");
            TensorJson.writeNested(g, t);
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeName("frequencies");
        g.writePOJO(frequencies(job.scheme().frequencies()));
        g.writeEndObject();
    }

    /** The {@code frequencies} object of the contract: rotary dim, inv_freq and which axis each pair or head reads. */
    static Map<String, Object> frequencies(FrequencyAllocation f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", f.rule());
        m.put("head_dim", f.headDim());
        if (f instanceof RotaryAllocation r) {
            m.put("rotary_dim", r.rotaryDim());
            m.put("rope_theta", r.theta());
            m.put("partial_rotary_factor", (double) r.rotaryDim() / r.headDim());
            m.put("inv_freq", r.invFreq());
            m.put("pairing", r.pairing().apiName());
        } else {
            m.put("rotary_dim", 0);
        }
        if (f instanceof PairAllocation p) {
            m.put("pair_axis", p.pairAxis());
        } else if (f instanceof HeadAllocation h) {
            m.put("kv_head_axis", h.kvHeadAxis());
        } else if (f instanceof ChannelAllocation c) {
            // the two channels of a pair may read different axes: one axis per rotated channel, no pair_axis
            m.put("channel_axis", c.channelAxis());
        }
        return m;
    }

    /** Every padded row as its runs and visual blocks ({@code docs/on-demand.md}, the block form). */
    private void writeBlocks(JsonGenerator g) {
        g.writeStartArray();
        for (PositionBlocks row : blocks) {
            g.writeStartArray();
            for (PositionBlocks.Part part : row.parts()) {
                g.writeStartObject();
                if (part instanceof PositionBlocks.Run run) {
                    g.writeNumberProperty("start", run.start());
                    g.writeNumberProperty("length", run.length());
                    g.writeName("base");
                    g.writeArray(run.base(), 0, run.base().length);
                    g.writeName("step");
                    g.writeArray(run.step(), 0, run.step().length);
                } else {
                    PositionBlocks.Block b = (PositionBlocks.Block) part;
                    g.writeNumberProperty("start", b.start());
                    g.writeName("grid");
                    g.writeArray(new int[] {b.grid().t(), b.grid().h(), b.grid().w()}, 0, 3);
                    writeTables(g, "t", b.t());
                    writeTables(g, "h", b.h());
                    writeTables(g, "w", b.w());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    private static void writeTables(JsonGenerator g, String name, long[][] perAxis) {
        g.writeName(name);
        g.writeStartArray();
        for (long[] table : perAxis) {
            g.writeArray(table, 0, table.length);
        }
        g.writeEndArray();
    }

    void writeSequences(JsonGenerator g) {
        g.writeStartArray();
        for (int r = 0; r < batchSize(); r++) {
            RowFacts row = facts.get(r);
            TokenStream stream = job.rows().get(r);
            int padding = length() - row.unpaddedLength();
            g.writeStartObject();
            g.writeNumberProperty("length", row.unpaddedLength());
            g.writeNumberProperty("padding", padding);
            if (row.axes() > 0) {
                g.writeName("max_position");
                if (floats()) {
                    g.writeNumber((float) row.maxPosition());
                } else {
                    g.writeNumber((long) row.maxPosition());
                }
            }
            g.writeName("spans");
            int offset = job.side() == PaddingSide.LEFT ? length() - stream.length() : 0;
            writeSpans(g, stream, offset);
            int[] ids = job.inputIds().get(r);
            if (job.returnInputIds() && ids != null) {
                g.writeName("input_ids");
                g.writeArray(ids, 0, ids.length);
            }
            g.writeName("warnings");
            g.writeStartArray();
            if (job.preset() != null && row.axes() > 0 && row.maxPosition() >= job.preset().maxPositionEmbeddings()) {
                g.writeString("max_position " + (long) row.maxPosition() + " is beyond the "
                        + job.preset().maxPositionEmbeddings() + " max_position_embeddings of model "
                        + job.preset().apiName());
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeSpans(JsonGenerator g, TokenStream stream, int offset) {
        g.writeStartArray();
        int at = offset;
        for (Segment s : stream.segments()) {
            if (s instanceof VisualBlock v) {
                g.writeStartObject();
                g.writeStringProperty("type", v.modality().name().toLowerCase(Locale.ROOT));
                g.writeNumberProperty("start", at);
                g.writeNumberProperty("length", v.tokens());
                g.writeName("grid");
                g.writeArray(new int[] {v.grid().t(), v.grid().h(), v.grid().w()}, 0, 3);
                g.writeEndObject();
            } else if (s instanceof TableBlock t) {
                g.writeStartObject();
                g.writeStringProperty("type", "table");
                g.writeNumberProperty("start", at);
                g.writeNumberProperty("length", t.tokens());
                g.writeEndObject();
            } else if (s instanceof AudioVideoBlock av) {
                // a video with its audio track interleaved (use_audio_in_video): one span for both
                g.writeStartObject();
                g.writeStringProperty("type", "video");
                g.writeNumberProperty("start", at);
                g.writeNumberProperty("length", av.tokens());
                g.writeName("grid");
                g.writeArray(new int[] {av.video().grid().t(), av.video().grid().h(), av.video().grid().w()}, 0, 3);
                g.writeNumberProperty("audio_tokens", av.audioTokens());
                g.writeEndObject();
            } else if (s instanceof TextRun r && r.role() == TextRole.AUDIO) {
                g.writeStartObject();
                g.writeStringProperty("type", "audio");
                g.writeNumberProperty("start", at);
                g.writeNumberProperty("length", r.tokens());
                g.writeEndObject();
            } else if (!(s instanceof TextRun) && !(s instanceof PaddingRun)) {
                throw new IllegalStateException("unknown segment " + s);
            }
            at += s.tokens();
        }
        g.writeEndArray();
    }

    private static int[] toInts(long[] v, String field) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] > Integer.MAX_VALUE || v[i] < Integer.MIN_VALUE) {
                throw InvalidInputException.at("/" + field, "leaves the int32 range (" + v[i] + "); ask for "
                        + "dtype int64");
            }
            out[i] = (int) v[i];
        }
        return out;
    }
}
