package dev.posplan.web.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.HandlerMapping;

/** The filter's bookkeeping: in flight while the request runs, one timing per request, refusals by status. */
class RequestMetricsFilterTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final RequestMetricsFilter filter = new RequestMetricsFilter(new RequestMetrics(registry));

    private double inFlight() {
        return registry.get("posplan.requests.in.flight").gauge().value();
    }

    private Counter refused(String reason) {
        return registry.find("posplan.requests.refused").tags("endpoint", "/v1/plans", "reason", reason).counter();
    }

    /** Runs one request through the filter; the handler matches /v1/plans, names the scheme and answers status. */
    private void serve(int status, AtomicReference<Double> inFlightDuring) throws Exception {
        FilterChain chain = (req, res) -> {
            inFlightDuring.set(inFlight());
            req.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/v1/plans");
            req.setAttribute(RequestMetricsFilter.SCHEME_ATTRIBUTE, "mrope");
            ((MockHttpServletResponse) res).setStatus(status);
        };
        filter.doFilter(new MockHttpServletRequest("POST", "/v1/plans"), new MockHttpServletResponse(), chain);
    }

    @Test
    void countsTheRequestInFlightWhileItRuns() throws Exception {
        AtomicReference<Double> during = new AtomicReference<>();
        serve(200, during);
        assertEquals(1.0, during.get());
        assertEquals(0.0, inFlight());
        Timer t = registry.get("posplan.request.duration").tags("endpoint", "/v1/plans", "scheme", "mrope",
                "status", "200").timer();
        assertEquals(1, t.count());
        assertNull(registry.find("posplan.requests.refused").counter(), "a 200 is no refusal");
    }

    @Test
    void eachDocumentedErrorStatusIsItsReason() throws Exception {
        AtomicReference<Double> during = new AtomicReference<>();
        serve(400, during);
        serve(413, during);
        serve(413, during);
        serve(422, during);
        serve(415, during);
        serve(503, during);
        assertEquals(1, refused("unreadable").count());
        assertEquals(2, refused("limit").count());
        assertEquals(1, refused("invalid_field").count());
        assertEquals(1, refused("other").count());
        assertEquals(5, registry.find("posplan.requests.refused").counters().stream()
                .mapToDouble(Counter::count).sum(), "a 5xx is an error of ours, not a refusal");
    }

    @Test
    void anExceptionEscapingTheHandlerIsTimedAsA500AndLeavesNothingInFlight() {
        FilterChain failing = (req, res) -> {
            throw new ServletException("bug");
        };
        assertThrows(ServletException.class, () -> filter.doFilter(new MockHttpServletRequest("POST", "/v1/plans"),
                new MockHttpServletResponse(), failing));
        assertEquals(0.0, inFlight());
        assertEquals(1, registry.get("posplan.request.duration").tags("endpoint", "unmatched", "scheme", "none",
                "status", "500").timer().count());
    }

    @Test
    void onlyRegisteredSchemeNamesBecomeLabels() {
        assertEquals("mrope-interleave", RequestMetrics.schemeLabel("mrope-interleave"));
        assertEquals(RequestMetrics.UNKNOWN_SCHEME, RequestMetrics.schemeLabel("no-such-scheme"));
        assertEquals(RequestMetrics.UNKNOWN_SCHEME, RequestMetrics.schemeLabel(null));
    }
}
