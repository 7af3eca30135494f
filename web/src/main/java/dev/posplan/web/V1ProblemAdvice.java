package dev.posplan.web;

import dev.posplan.multimodal.InvalidInputException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/**
 * The problems of the {@code /v1} endpoints: those of {@link ProblemAdvice}, with {@code field} as a JSON
 * Pointer into the request ({@code /sequences/0/parts/2/grid}) as the v1 contract names fields.
 */
@RestControllerAdvice(assignableTypes = {V1PlanController.class, V1CatalogueController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class V1ProblemAdvice extends ProblemAdvice {

    @Override
    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalidInput(InvalidInputException e) {
        return pointed(super.invalidInput(e));
    }

    @Override
    @ExceptionHandler(LimitExceededException.class)
    ProblemDetail limitExceeded(LimitExceededException e) {
        return pointed(super.limitExceeded(e));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> answer = super.handleHttpMessageNotReadable(ex, headers, status, request);
        if (answer != null && answer.getBody() instanceof ProblemDetail p) {
            pointed(p);
        }
        return answer;
    }

    static ProblemDetail pointed(ProblemDetail p) {
        if (p.getProperties() != null && p.getProperties().get("field") instanceof String field) {
            String pointer = Pointers.of(field);
            p.setProperty("field", pointer.isEmpty() ? null : pointer);
        }
        return p;
    }
}
