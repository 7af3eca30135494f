package dev.posplan.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page ({@code /error}) as an RFC 9457 problem instead of Spring Boot's
 * {@code {"status":999}} map: an error no controller advice answered (an unknown path, a method or content type
 * no route takes) keeps its status; {@code /error} asked for directly is an unknown resource (404).
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        HttpStatus status = status(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE));
        String detail = switch (status) {
            case NOT_FOUND -> "no resource at this path; the API is under /v1 (GET /v1/schemes, POST /v1/plans)";
            case METHOD_NOT_ALLOWED -> "this path does not take this HTTP method";
            case UNSUPPORTED_MEDIA_TYPE -> "the request body must be application/json";
            case NOT_ACCEPTABLE -> "no answer in an acceptable media type";
            default -> status.is5xxServerError() ? "posplan failed to answer this request; the error is logged"
                    : "the request cannot be answered (" + status.getReasonPhrase() + ")";
        };
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    /** The forwarded status; none (a direct request for /error) or one that is no error is a 404. */
    private static HttpStatus status(Object code) {
        HttpStatus s = code instanceof Integer i ? HttpStatus.resolve(i) : null;
        return s == null || !s.isError() ? HttpStatus.NOT_FOUND : s;
    }
}
