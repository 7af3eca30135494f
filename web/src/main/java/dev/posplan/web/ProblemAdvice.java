package dev.posplan.web;

import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.planners.SchemeParams;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one error handler of the service: the problems of the {@code /v1} endpoints (specs/api-v1.md, Conventions), each an RFC 9457 problem whose
 * {@code field} is a JSON Pointer into the request ({@code /sequences/0/parts/2/grid}; {@code ""} for the body
 * as a whole): 400 for a body that does not read as a request (malformed JSON, a wrong JSON type, also inside
 * {@code params}, an unknown field), 413 over a configured limit ({@code limit}, {@code max}), 422 for a request
 * that cannot be planned, 503 when planning is refused for time or capacity. Spring's own 405/406/415 come from
 * the base class. Any other exception is a bug of ours: logged, answered 500 without internals.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ProblemAdvice.class);

    /** A {@code detail} longer than this is cut: every quote of input is clipped where it is made, this is the net. */
    static final int MAX_DETAIL = 1000;
    /** A pointer longer than this (a huge unknown field name) is answered as its nearest short ancestor. */
    static final int MAX_FIELD = 300;

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ProblemDetail> invalidInputAnswer(InvalidInputException e) {
        return answer(invalidInput(e));
    }

    @ExceptionHandler(LimitExceededException.class)
    ResponseEntity<ProblemDetail> limitExceededAnswer(LimitExceededException e) {
        return answer(limitExceeded(e));
    }

    ProblemDetail invalidInput(InvalidInputException e) {
        ProblemDetail p = problem(WrongTypeException.of(e) ? HttpStatus.BAD_REQUEST : HttpStatus.UNPROCESSABLE_CONTENT,
                e.getMessage(), e.field());
        if (e instanceof SchemeParams.InvalidParameterException bad) {
            p.setProperty("parameter", V1PlanMapper.clip(bad.parameter()));
        }
        return p;
    }

    ProblemDetail limitExceeded(LimitExceededException e) {
        ProblemDetail p = problem(HttpStatus.CONTENT_TOO_LARGE, e.getMessage(), e.field());
        p.setProperty("limit", e.limit());
        p.setProperty("max", e.max());
        return p;
    }

    @ExceptionHandler(PlanningRefusedException.class)
    ResponseEntity<ProblemDetail> refused(PlanningRefusedException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        p.setProperty("limit", e.limit());
        p.setProperty("max", e.max());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds())).body(p);
    }

    /** Any other exception is a bug of ours, never the client's fault. */
    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<ProblemDetail> bug(RuntimeException e) {
        LOG.error("planning failed", e);
        return answer(ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "posplan failed to plan this request; the error is logged"));
    }

    /**
     * Problems are {@code application/problem+json} whatever the request's {@code Accept} says (RFC 9457): a
     * preset content type keeps Spring from negotiating the error away into an empty 406.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        HttpHeaders problem = new HttpHeaders();
        problem.putAll(headers);
        problem.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return super.handleExceptionInternal(ex, body, problem, statusCode, request);
    }

    private static ResponseEntity<ProblemDetail> answer(ProblemDetail p) {
        return ResponseEntity.status(p.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    /** Malformed JSON, a wrong type or an unknown field: 400 with the pointer of the culprit. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        JsonErrors.Described d = JsonErrors.describe(ex);
        // a required value left out reads like one given as null: 422, not 400
        HttpStatus answer = d.missing() ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.BAD_REQUEST;
        ProblemDetail body = problem(answer, d.detail(), d.field());
        return handleExceptionInternal(ex, body, headers, answer, request);
    }

    /** A problem with {@code field} as a JSON Pointer (dotted paths of the library converted). */
    static ProblemDetail problem(HttpStatus status, String detail, String field) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, clipDetail(detail));
        if (field != null) {
            p.setProperty("field", shortPointer(Pointers.of(field)));
        }
        return p;
    }

    private static String clipDetail(String detail) {
        return detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL) + "…";
    }

    /** The pointer, or its nearest ancestor of at most {@link #MAX_FIELD} characters. */
    static String shortPointer(String pointer) {
        String p = pointer;
        while (p.length() > MAX_FIELD) {
            p = p.substring(0, p.lastIndexOf('/'));
        }
        return p;
    }
}
