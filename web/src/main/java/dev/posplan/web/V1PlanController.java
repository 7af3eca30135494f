package dev.posplan.web;

import dev.posplan.multimodal.TokenStream;
import dev.posplan.web.ops.RequestMetrics;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code POST /v1/plans} (specs/api-v1.md): plans a batch and answers it as JSON (positions streamed, no tree)
 * or as safetensors, {@code .npy} or {@code .npz}, chosen by {@code Accept} or {@code ?format=}. JSON answers
 * keep the {@code max-json-tokens} cap; binary answers go up to {@code max-tokens}.
 */
@RestController
class V1PlanController {

    private static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    private final V1PlanWriter writer;
    private final FailureLocator planner;
    private final PlanningPool pool;
    private final RequestMetrics metrics;

    V1PlanController(V1PlanMapper mapper, PlanLimits limits, ObjectMapper json, PlanningPool pool,
            RequestMetrics metrics) {
        this.writer = new V1PlanWriter(mapper, limits, json);
        this.planner = new FailureLocator(writer);
        this.pool = pool;
        this.metrics = metrics;
    }

    @Operation(summary = "Plan the positions of a batch",
            description = "Rows as parts, input_ids or chat messages; answers position_ids [axes][B][L], rope_deltas, "
                    + "decode positions, spans, output tensors and frequencies as JSON (capped at "
                    + "posplan.limits.max-json-tokens token slots), or as safetensors, npy or npz (up to "
                    + "posplan.limits.max-tokens). range answers a slice of every padded row; layout=blocks answers each "
                    + "row as runs and per-axis tables (integral schemes; JSON).")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = V1PlanRequest.class),
            examples = {
                @ExampleObject(name = "parts", summary = "Typed parts: text, image by size, video by grid_thw",
                        value = V1Examples.PARTS),
                @ExampleObject(name = "input_ids", summary = "What a backend holds: ids, mask, image_grid_thw",
                        value = V1Examples.INPUT_IDS),
                @ExampleObject(name = "messages", summary = "Chat messages with an image",
                        value = V1Examples.MESSAGES),
                @ExampleObject(name = "table", summary = "A table for 2D-TPE", value = V1Examples.TABLE),
                @ExampleObject(name = "camera", summary = "A posed image for a camera encoding",
                        value = V1Examples.CAMERA),
                @ExampleObject(name = "audio", summary = "Qwen-Omni audio by mel frames, and a video with its "
                        + "audio track (use_audio_in_video)", value = V1Examples.AUDIO)}))
    @ApiResponse(responseCode = "200", description = "The plan, in the negotiated format", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, examples = @ExampleObject(name = "plan",
                value = V1Examples.ANSWER)),
        @Content(mediaType = "application/vnd.safetensors", schema = @Schema(type = "string", format = "binary",
                description = "position_ids [axes,B,L], rope_deltas [B,1], decode_position_ids, inv_freq, "
                        + "pair_axis or kv_head_axis, the scheme's tensors; __metadata__: scheme, params, axes, "
                        + "sequences (JSON)")),
        @Content(mediaType = "application/x-npy", schema = @Schema(type = "string", format = "binary",
                description = "position_ids alone")),
        @Content(mediaType = "application/x-npz", schema = @Schema(type = "string", format = "binary",
                description = "the safetensors tensors as an uncompressed npz"))})
    @ApiResponse(responseCode = "400", description = "Malformed JSON, a wrong type or an unknown field",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "406", description = "No acceptable answer format",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "413", description = "Over a configured limit (limit, max)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "Planning refused for time (posplan.planning.timeout) or "
            + "capacity (posplan.planning.queue); Retry-After says when to try again",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "415", description = "The body is not application/json",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "422", description = "Cannot be planned; field is a JSON Pointer "
            + "(/sequences/0/parts/2/grid, /params/head_dim)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class),
                    examples = @ExampleObject(value = V1Examples.PROBLEM)))
    @PostMapping(path = "/v1/plans", consumes = MediaType.APPLICATION_JSON_VALUE)
    void plans(@RequestBody V1PlanRequest request,
            @Parameter(description = "json | safetensors | npy | npz; overrides Accept")
            @RequestParam(name = "format", required = false) String format,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
            HttpServletResponse response) throws IOException, HttpMediaTypeNotAcceptableException {
        AnswerFormat answer = AnswerFormat.choose(format, accept);
        V1PlanAnswer plan = pool.run(() -> planner.plan(request, answer));
        response.setContentType(answer.mediaType);
        writer.write(plan, answer, response.getOutputStream(), response::setContentLengthLong);
        metrics.planned(plan.job().scheme().name(), plan.job().rows().stream().mapToLong(TokenStream::length).sum());
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
            List<MediaType> types;
            try {
                types = MediaType.parseMediaTypes(accept);
            } catch (org.springframework.http.InvalidMediaTypeException e) {
                throw new HttpMediaTypeNotAcceptableException("the Accept header does not parse as media types");
            }
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
