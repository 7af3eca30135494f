package dev.posplan.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Enforces {@code posplan.limits.max-body-size} on every {@code @RequestBody} before it is parsed: a declared
 * {@code Content-Length} over the limit is refused unread, any other body is read up to one byte past the limit
 * (so a chunked body cannot slip by) and refused if it gets there. Refusals are {@link LimitExceededException}s,
 * answered 413 by {@link ProblemAdvice} like every other limit.
 */
@ControllerAdvice
class BodySizeLimit extends RequestBodyAdviceAdapter {

    private final long maxBytes;

    BodySizeLimit(PlanLimits limits) {
        this.maxBytes = limits.maxBodySize().toBytes();
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        long declared = input.getHeaders().getContentLength();
        if (declared > maxBytes) {
            throw tooLarge(" (Content-Length " + declared + ")");
        }
        byte[] body = input.getBody().readNBytes((int) maxBytes + 1);
        if (body.length > maxBytes) {
            throw tooLarge("");
        }
        return new Buffered(body, input.getHeaders());
    }

    private LimitExceededException tooLarge(String declared) {
        return new LimitExceededException("max-body-size", "", maxBytes, "the request body exceeds the limit of "
                + maxBytes + " bytes" + declared);
    }

    /** The body as read, for the JSON converter. */
    private record Buffered(byte[] body, HttpHeaders headers) implements HttpInputMessage {
        @Override
        public InputStream getBody() {
            return new ByteArrayInputStream(body);
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }
    }
}
