package dev.posplan.web;

import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.planners.SchemeParams;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers every rejected request with an RFC 9457 {@code application/problem+json} body: 400 for JSON that does
 * not read as a request, 413 for a request over a configured limit, 422 for a well-formed request the planners
 * cannot plan. The {@code detail} names the culprit, and extension properties carry it for programs:
 * {@code field} (a path into the request JSON, e.g. {@code parts[2].grid}), {@code parameter} (a scheme
 * parameter), {@code limit} and {@code max} (the {@code posplan.limits.*} property and its value). Spring's own
 * errors (405, 406, 415, ...) get problem bodies from the base class.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ProblemAdvice.class);

    /** Input the domain refuses ({@code field} when the rule knows the culprit). */
    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalidInput(InvalidInputException e) {
        ProblemDetail p = problem(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage(), e.field());
        if (e instanceof SchemeParams.InvalidParameterException bad) {
            p.setProperty("parameter", bad.parameter());
        }
        return p;
    }

    @ExceptionHandler(LimitExceededException.class)
    ProblemDetail limitExceeded(LimitExceededException e) {
        ProblemDetail p = problem(HttpStatus.CONTENT_TOO_LARGE, e.getMessage(), e.field());
        p.setProperty("limit", e.limit());
        p.setProperty("max", e.max());
        return p;
    }

    /**
     * Any other exception from the library is a bug of ours, never the client's fault: logged with its stack
     * trace and answered 500 without internals.
     */
    @ExceptionHandler({IllegalArgumentException.class, IllegalStateException.class})
    ProblemDetail bug(RuntimeException e) {
        LOG.error("planning failed", e);
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "posplan failed to plan this request; the error is logged");
    }

    /** Malformed JSON, a wrong type or an unknown field: 400 with the JSON path of the culprit. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        JsonErrors.Described d = JsonErrors.describe(ex);
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, d.detail());
        if (d.field() != null && !d.field().isEmpty()) {
            body.setProperty("field", d.field());
        }
        return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** Problems are problem+json whatever {@code Accept} says (RFC 9457), not negotiated into an empty 406. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        HttpHeaders problem = new HttpHeaders();
        problem.putAll(headers);
        problem.setContentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON);
        return super.handleExceptionInternal(ex, body, problem, statusCode, request);
    }

    private static ProblemDetail problem(HttpStatus status, String detail, String field) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        if (field != null) {
            p.setProperty("field", field);
        }
        return p;
    }
}
