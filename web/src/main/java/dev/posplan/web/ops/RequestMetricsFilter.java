package dev.posplan.web.ops;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Times every API request and counts it in flight and, when it is answered 4xx, refused. The endpoint label is
 * the route pattern Spring matched ({@code /v1/plans}, {@code /v1/schemes/{name}}); the scheme label is the one {@link PlanMetricsAdvice}
 * left on the request after reading its body. Registered for the API paths only (see {@link OpsConfig}), so
 * health probes and Prometheus scrapes do not count as traffic.
 */
class RequestMetricsFilter extends OncePerRequestFilter {

    /** Request attribute holding the scheme label, set once the body is read. */
    static final String SCHEME_ATTRIBUTE = RequestMetricsFilter.class.getName() + ".scheme";
    /** The endpoint label of a request no route matched. */
    static final String UNMATCHED = "unmatched";

    private final RequestMetrics metrics;

    RequestMetricsFilter(RequestMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        metrics.started();
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            // An exception escaping the chain becomes a 500 after this filter has returned.
            int status = failed ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR : response.getStatus();
            metrics.finished(label(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE), UNMATCHED),
                    label(request.getAttribute(SCHEME_ATTRIBUTE), RequestMetrics.NO_SCHEME), status,
                    System.nanoTime() - start);
        }
    }

    private static String label(Object attribute, String absent) {
        return attribute instanceof String s ? s : absent;
    }
}
