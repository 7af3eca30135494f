package dev.posplan.web;

import dev.posplan.api.encode.NonClosingOutputStream;
import dev.posplan.api.encode.NpyWriter;
import dev.posplan.api.encode.NpzWriter;
import dev.posplan.api.encode.SafetensorsWriter;
import dev.posplan.api.encode.Tensor;
import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.web.V1PlanController.AnswerFormat;
import dev.posplan.planners.allocation.RotaryAllocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectMapper;

/**
 * A {@code /v1/plans} request to its answer, without HTTP: {@link #plan} checks and plans (every refusal is
 * thrown before a byte is written), {@link #write} writes the answer as JSON, safetensors, npy or npz. The
 * controller and the command line ({@link PosplanCli}) share it.
 */
final class V1PlanWriter {

    private final V1PlanMapper mapper;
    private final PlanLimits limits;
    private final ObjectMapper json;

    V1PlanWriter(V1PlanMapper mapper, PlanLimits limits, ObjectMapper json) {
        this.mapper = mapper;
        this.limits = limits;
        this.json = json;
    }

    /** Checks the request against the limits of its format and plans it. */
    V1PlanAnswer plan(V1PlanRequest request, AnswerFormat answer) {
        boolean binary = answer != AnswerFormat.JSON;
        if (binary && "blocks".equals(request.layout())) {
            throw InvalidInputException.at("/layout", "blocks are answered as JSON; ask for "
                    + "dense positions in " + answer.name().toLowerCase(Locale.ROOT));
        }
        PlanJob job = mapper.toJob(request, binary ? limits.maxTokens() : limits.maxJsonTokens(),
                binary ? "max-tokens" : "max-json-tokens");
        V1PlanAnswer plan = V1PlanAnswer.plan(job);
        if (answer == AnswerFormat.NPY && plan.axes() == 0) {
            throw InvalidInputException.at("/format", "npy holds position_ids alone, "
                    + "and scheme " + job.scheme().name() + " plans none; ask for safetensors or npz");
        }
        return plan;
    }

    /** Writes a plan in the given format; the stream is flushed, not closed. */
    void write(V1PlanAnswer plan, AnswerFormat answer, OutputStream out) throws IOException {
        write(plan, answer, out, length -> { });
    }

    /**
     * Writes a plan in the given format, telling {@code length} the answer's size in bytes first where it is known
     * before writing (safetensors and npy, for a {@code Content-Length}; JSON streams and npz are not sized).
     */
    void write(V1PlanAnswer plan, AnswerFormat answer, OutputStream out, LongConsumer length) throws IOException {
        switch (answer) {
            case JSON -> {
                try (JsonGenerator g = json.createGenerator(new NonClosingOutputStream(out))) {
                    plan.writeJson(g);
                }
            }
            case SAFETENSORS -> {
                List<Tensor> tensors = plan.tensors();
                Map<String, String> metadata = metadata(plan);
                length.accept(SafetensorsWriter.size(tensors, metadata));
                SafetensorsWriter.write(out, tensors, metadata);
            }
            case NPY -> {
                Tensor positions = plan.positionIds();
                length.accept(NpyWriter.size(positions));
                NpyWriter.write(out, positions);
            }
            case NPZ -> NpzWriter.write(out, plan.tensors());
        }
        out.flush();
    }

    /** {@code __metadata__}: scheme, params, axes and the sequences, each as a JSON string. */
    private Map<String, String> metadata(V1PlanAnswer plan) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("scheme", plan.job().scheme().name());
        m.put("format", plan.job().format());
        if (plan.job().preset() != null) {
            m.put("model", plan.job().preset().apiName());
        }
        m.put("params", json.writeValueAsString(plan.job().scheme().parameters()));
        m.put("axes", json.writeValueAsString(plan.axisNames()));
        if (plan.job().scheme().frequencies() instanceof RotaryAllocation r) {
            m.put("pairing", r.pairing().apiName()); // which two channels a pair rotates, for channel_axis readers
        }
        if (plan.job().range() != null) {
            m.put("range", "{\"start\":" + plan.job().range()[0] + ",\"length\":" + plan.job().range()[1] + "}");
        }
        ByteArrayOutputStream seq = new ByteArrayOutputStream();
        try (JsonGenerator g = json.createGenerator(seq)) {
            plan.writeSequences(g);
        }
        m.put("sequences", seq.toString(StandardCharsets.UTF_8));
        return m;
    }
}
