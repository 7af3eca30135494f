package dev.posplan.web;

import dev.posplan.api.PlanRequest;
import dev.posplan.api.PlanResponse;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Plans one prompt: maps the request to a token stream, builds the scheme from the registry and returns its
 * plan. Every check lives in {@link PlanRequestMapper}, every error answer in {@link ProblemAdvice}.
 */
@RestController
class PlanController {

    private static final String PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    private final PlanRequestMapper requests;

    PlanController(PlanRequestMapper requests) {
        this.requests = requests;
    }

    @Operation(summary = "Plan the positions of one prompt",
            description = "Expands the prompt parts with the host format, plans them with the scheme and returns "
                    + "[axes][length] positions, rope delta, decode positions and the frequency allocation. "
                    + "Plans over posplan.limits.max-json-tokens tokens are refused (binary output comes later).")
    @ApiResponse(responseCode = "200", description = "The plan")
    @ApiResponse(responseCode = "400", description = "Malformed JSON or a value of the wrong type",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "413", description = "Over a configured limit (posplan.limits.*)",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "422", description = "Unknown scheme or format, invalid parameter, field or input",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping(path = "/api/plan", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    PlanResponse plan(@RequestBody PlanRequest request) {
        PlanInput input = requests.toInput(request);
        Scheme scheme = SchemeRegistry.create(input.scheme(), input.params());
        return PlanResponses.of(scheme, scheme.plan(input.stream()), input.decodeSteps());
    }
}
