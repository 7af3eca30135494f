package dev.posplan.web.ops;

import dev.posplan.api.PlanRequest;
import dev.posplan.api.PlanResponse;
import java.lang.reflect.Type;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Reads the metrics labels off the plan endpoint's own request and answer, so the controllers need no
 * metrics code: the scheme a request names (once its body is read) and the tokens of each plan answered.
 */
@ControllerAdvice
class PlanMetricsAdvice extends RequestBodyAdviceAdapter implements ResponseBodyAdvice<Object> {

    private final RequestMetrics metrics;

    PlanMetricsAdvice(RequestMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        return PlanRequest.class.equals(targetType);
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage input, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        String scheme = RequestMetrics.schemeLabel(((PlanRequest) body).scheme());
        RequestContextHolder.currentRequestAttributes()
                .setAttribute(RequestMetricsFilter.SCHEME_ATTRIBUTE, scheme, RequestAttributes.SCOPE_REQUEST);
        return body;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
            ServerHttpResponse response) {
        if (body instanceof PlanResponse plan) {
            metrics.planned(plan.scheme(), plan.length());
        }
        return body;
    }
}
