package dev.posplan.web.ops;

import dev.posplan.multimodal.VisionModel;
import dev.posplan.web.V1PlanRequest;
import java.lang.reflect.Type;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Reads the scheme label off the plan endpoint's own request once its body is read, so the controllers need no
 * labelling code: the scheme the request names, else its model's scheme.
 */
@ControllerAdvice
class PlanMetricsAdvice extends RequestBodyAdviceAdapter {

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        return V1PlanRequest.class.equals(targetType);
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage input, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        String scheme = RequestMetrics.schemeLabel(scheme((V1PlanRequest) body));
        RequestContextHolder.currentRequestAttributes()
                .setAttribute(RequestMetricsFilter.SCHEME_ATTRIBUTE, scheme, RequestAttributes.SCOPE_REQUEST);
        return body;
    }

    /** The scheme a request names, else its model's; null when it names neither (or an unknown model). */
    private static String scheme(V1PlanRequest r) {
        if (r.scheme() != null || r.model() == null) {
            return r.scheme();
        }
        try {
            return VisionModel.byName(r.model()).scheme();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
