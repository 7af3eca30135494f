package dev.posplan.web.ops;

import dev.posplan.planners.SchemeRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * The service's own meters, exported by {@code /actuator/prometheus} under the {@code posplan_} prefix (every
 * meter, label and value is listed in docs/operations.md). Label values come from closed sets only (route
 * patterns, registered scheme names, status codes, {@link Refusal}s), never from raw client input, so a
 * hostile client cannot grow the number of series.
 */
@Component
public class RequestMetrics {

    /** The scheme label of a request whose body named no registered scheme. */
    static final String UNKNOWN_SCHEME = "unknown";
    /** The scheme label of a request whose body was not read as a plan request. */
    static final String NO_SCHEME = "none";

    /** Bucket bounds of the latency histogram: a plan takes well under a millisecond up to seconds. */
    private static final Duration[] LATENCY_BUCKETS = {
            Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10)};

    /** Why a request was answered 4xx; each reason is one status of the service's documented problem answers. */
    public enum Refusal {
        /** 400: the body does not read as a request (malformed JSON, wrong type, unknown field). */
        UNREADABLE("unreadable"),
        /** 413: over a {@code posplan.limits.*} bound. */
        LIMIT("limit"),
        /** 422: a well-formed request with a value that cannot be planned (field, parameter, scheme, format). */
        INVALID_FIELD("invalid_field"),
        /** Any other 4xx: unknown path, wrong method or media type. */
        OTHER("other");

        final String label;

        Refusal(String label) {
            this.label = label;
        }

        /** The reason of a 4xx answer, or null for any other status. */
        static Refusal of(int status) {
            if (status < 400 || status > 499) {
                return null;
            }
            return switch (status) {
                case 400 -> UNREADABLE;
                case 413 -> LIMIT;
                case 422 -> INVALID_FIELD;
                default -> OTHER;
            };
        }
    }

    private final MeterRegistry registry;
    private final AtomicInteger inFlight = new AtomicInteger();

    public RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("posplan.requests.in.flight", inFlight, AtomicInteger::get)
                .description("API requests being served right now")
                .register(registry);
    }

    /** A request to the API started; every call is followed by one {@link #finished}. */
    void started() {
        inFlight.incrementAndGet();
    }

    /** A request to the API finished with {@code status} after {@code nanos}. */
    void finished(String endpoint, String scheme, int status, long nanos) {
        inFlight.decrementAndGet();
        Timer.builder("posplan.request.duration")
                .description("Latency of API requests, from the first byte read to the last byte written")
                .tags("endpoint", endpoint, "scheme", scheme, "status", Integer.toString(status))
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry)
                .record(Duration.ofNanos(nanos));
        Refusal refusal = Refusal.of(status);
        if (refusal != null) {
            Counter.builder("posplan.requests.refused")
                    .description("API requests answered with a 4xx problem, by reason")
                    .tags("endpoint", endpoint, "reason", refusal.label)
                    .register(registry)
                    .increment();
        }
    }

    /** A plan of {@code tokens} tokens (the real tokens of every row, padding aside) was answered. */
    public void planned(String scheme, long tokens) {
        Counter.builder("posplan.tokens.planned")
                .description("Tokens (sequence positions) of the plans answered")
                .tags("scheme", schemeLabel(scheme))
                .register(registry)
                .increment(tokens);
    }

    /** The label of a scheme name sent by a client: the name if it is registered, else {@value #UNKNOWN_SCHEME}. */
    static String schemeLabel(String name) {
        return name != null && SchemeRegistry.contains(name) ? name : UNKNOWN_SCHEME;
    }
}
