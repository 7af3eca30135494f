package dev.posplan.web;

import dev.posplan.api.encode.NpyWriter;
import dev.posplan.api.encode.NpzWriter;
import dev.posplan.api.encode.SafetensorsWriter;
import dev.posplan.api.encode.Tensor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code POST /v1/plans} (specs/api-v1.md): plans a batch and answers it as JSON (positions streamed, no tree)
 * or as safetensors, {@code .npy} or {@code .npz}, chosen by {@code Accept} or {@code ?format=}. JSON answers
 * keep the {@code max-json-tokens} cap; binary answers go up to {@code max-tokens}.
 */
@RestController
class V1PlanController {

    private final V1PlanMapper mapper;
    private final PlanLimits limits;
    private final ObjectMapper json;

    V1PlanController(V1PlanMapper mapper, PlanLimits limits, ObjectMapper json) {
        this.mapper = mapper;
        this.limits = limits;
        this.json = json;
    }

    @Operation(summary = "Plan the positions of a batch",
            description = "Rows as parts, input_ids or chat messages; answers position_ids [axes][B][L], rope_deltas, "
                    + "decode positions, spans, output tensors and frequencies as JSON, safetensors, npy or npz.")
    @PostMapping(path = "/v1/plans", consumes = MediaType.APPLICATION_JSON_VALUE)
    void plans(@RequestBody V1PlanRequest request,
            @Parameter(description = "json | safetensors | npy | npz; overrides Accept")
            @RequestParam(name = "format", required = false) String format,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
            HttpServletResponse response) throws IOException, HttpMediaTypeNotAcceptableException {
        AnswerFormat answer = AnswerFormat.choose(format, accept);
        boolean binary = answer != AnswerFormat.JSON;
        PlanJob job = mapper.toJob(request, binary ? limits.maxTokens() : limits.maxJsonTokens(),
                binary ? "max-tokens" : "max-json-tokens");
        V1PlanAnswer plan = V1PlanAnswer.plan(job);
        List<Tensor> tensors = binary ? tensors(answer, plan) : null;
        response.setContentType(answer.mediaType);
        OutputStream out = response.getOutputStream();
        switch (answer) {
            case JSON -> {
                try (JsonGenerator g = json.createGenerator(out)) {
                    plan.writeJson(g);
                }
            }
            case SAFETENSORS -> SafetensorsWriter.write(out, tensors, metadata(plan));
            case NPY -> NpyWriter.write(out, tensors.get(0));
            case NPZ -> NpzWriter.write(out, tensors);
        }
        out.flush();
    }

    private static List<Tensor> tensors(AnswerFormat answer, V1PlanAnswer plan) {
        if (answer == AnswerFormat.NPY) {
            if (plan.batch().axes() == 0) {
                throw dev.posplan.multimodal.InvalidInputException.at("/format", "npy holds position_ids alone, "
                        + "and scheme " + plan.job().scheme().name() + " plans none; ask for safetensors or npz");
            }
            return List.of(plan.positionIds());
        }
        return plan.tensors();
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
        m.put("axes", json.writeValueAsString(plan.batch().row(0).axisNames()));
        java.io.ByteArrayOutputStream seq = new java.io.ByteArrayOutputStream();
        try (JsonGenerator g = json.createGenerator(seq)) {
            plan.writeSequences(g);
        }
        m.put("sequences", seq.toString(java.nio.charset.StandardCharsets.UTF_8));
        return m;
    }

    /** The answer formats of the contract, with their media types. */
    enum AnswerFormat {
        JSON("application/json"),
        SAFETENSORS("application/vnd.safetensors"),
        NPY("application/x-npy"),
        NPZ("application/x-npz");

        private final String mediaType;

        AnswerFormat(String mediaType) {
            this.mediaType = mediaType;
        }

        /** {@code ?format=} first, else the first acceptable type of {@code Accept}; none means JSON. */
        static AnswerFormat choose(String format, String accept) throws HttpMediaTypeNotAcceptableException {
            if (format != null) {
                for (AnswerFormat f : values()) {
                    if (f.name().toLowerCase(Locale.ROOT).equals(format)) {
                        return f;
                    }
                }
                throw dev.posplan.multimodal.InvalidInputException.at("/format", "(query) must be json, "
                        + "safetensors, npy or npz");
            }
            if (accept == null || accept.isBlank()) {
                return JSON;
            }
            List<MediaType> types = MediaType.parseMediaTypes(accept);
            MimeTypeUtils.sortBySpecificity(types);
            for (MediaType t : types) {
                for (AnswerFormat f : values()) {
                    if (t.includes(MediaType.parseMediaType(f.mediaType))) {
                        return f;
                    }
                }
            }
            throw new HttpMediaTypeNotAcceptableException(List.of(
                    MediaType.APPLICATION_JSON, MediaType.parseMediaType(SAFETENSORS.mediaType),
                    MediaType.parseMediaType(NPY.mediaType), MediaType.parseMediaType(NPZ.mediaType)));
        }
    }
}
