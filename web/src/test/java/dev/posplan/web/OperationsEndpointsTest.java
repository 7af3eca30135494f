package dev.posplan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.planners.SchemeDeclaration;
import dev.posplan.planners.SchemeRegistry;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * The operational endpoints: probes, info, and the {@code posplan_} meters in {@code /actuator/prometheus}.
 * Test classes share one application context, so every meter assertion compares a scrape taken after the
 * requests with one taken before them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OperationsEndpointsTest extends HttpSupport {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private static String text(int tokens) {
        return "{\"type\": \"text\", \"tokens\": " + tokens + "}";
    }

    private static String request(String scheme, int decodeSteps, String... parts) {
        return "{\"scheme\": \"" + scheme + "\", \"format\": \"qwen2-vl\", \"decode_steps\": " + decodeSteps
                + ", \"sequences\": [{\"parts\": [" + String.join(", ", parts) + "]}]}";
    }

    /** The Prometheus text of {@code /actuator/prometheus}, each sample keyed by name and sorted labels. */
    private Map<String, Double> scrape() throws Exception {
        HttpResponse<String> r = get("/actuator/prometheus");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(contentType(r).startsWith("text/plain"), contentType(r));
        Map<String, Double> samples = new HashMap<>();
        for (String line : r.body().split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (line.startsWith("#") || !m.matches()) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>();
            Matcher l = LABEL.matcher(m.group(2) == null ? "" : m.group(2));
            while (l.find()) {
                labels.put(l.group(1), l.group(2));
            }
            samples.put(key(m.group(1), labels), Double.parseDouble(m.group(3)));
        }
        return samples;
    }

    private static String key(String name, Map<String, String> sortedLabels) {
        return name + sortedLabels;
    }

    /** The sample {@code name{labels}} ({@code labels} as name, value pairs), 0 when the series does not exist. */
    private static double sample(Map<String, Double> samples, String name, String... labels) {
        Map<String, String> sorted = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            sorted.put(labels[i], labels[i + 1]);
        }
        return samples.getOrDefault(key(name, sorted), 0.0);
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String name,
            String... labels) {
        return sample(after, name, labels) - sample(before, name, labels);
    }

    @Test
    void probesAnswerUp() throws Exception {
        for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
            HttpResponse<String> r = get(probe);
            assertEquals(200, r.statusCode(), probe + ": " + r.body());
            assertEquals("UP", json(r).get("status").asString(), r.body());
        }
    }

    @Test
    void infoNamesTheVersionAndEveryRegisteredScheme() throws Exception {
        HttpResponse<String> r = get("/actuator/info");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode info = json(r);
        assertTrue(info.path("build").path("version").asString("").matches("\\d+\\.\\d+\\.\\d+.*"), r.body());
        List<String> schemes = new ArrayList<>();
        info.get("schemes").forEach(s -> schemes.add(s.asString()));
        assertEquals(SchemeRegistry.all().stream().map(SchemeDeclaration::name).toList(), schemes);
    }

    @Test
    void plansAreTimedPerEndpointAndSchemeAndTheirTokensCounted() throws Exception {
        Map<String, Double> before = scrape();
        long tokens = 0;
        int[] sizes = {1, 7, 40};
        for (int size : sizes) {
            HttpResponse<String> r = post("/v1/plans", request("mrope", 0, text(size), "{\"type\": \"image\", "
                    + "\"grid\": [1, 2, 2]}"));
            assertEquals(200, r.statusCode(), r.body());
            tokens += json(r).get("length").longValue();
        }
        Map<String, Double> after = scrape();

        assertEquals(tokens, delta(before, after, "posplan_tokens_planned_total", "scheme", "mrope"));
        String[] ok = {"endpoint", "/v1/plans", "scheme", "mrope", "status", "200"};
        assertEquals(sizes.length, delta(before, after, "posplan_request_duration_seconds_count", ok));
        assertTrue(delta(before, after, "posplan_request_duration_seconds_sum", ok) > 0);
        // A histogram: cumulative buckets up to +Inf, which holds every request.
        double previous = 0;
        for (String le : List.of("0.001", "0.01", "0.1", "1.0", "10.0", "+Inf")) {
            double bucket = sample(after, "posplan_request_duration_seconds_bucket", "endpoint", "/v1/plans",
                    "scheme", "mrope", "status", "200", "le", le);
            assertTrue(bucket >= previous, "bucket le=" + le + " below the one before it");
            previous = bucket;
        }
        assertEquals(sample(after, "posplan_request_duration_seconds_count", ok), previous);
        assertEquals(0, sample(after, "posplan_requests_in_flight"));
        // a request naming a model is labelled with the model's scheme
        assertEquals(200, post("/v1/plans", "{\"model\": \"qwen2-vl\", \"sequences\": [{\"parts\": [" + text(4)
                + "]}]}").statusCode());
        assertEquals(1, delta(after, scrape(), "posplan_request_duration_seconds_count", ok));
        assertTrue(after.containsKey("posplan_requests_in_flight{}"), "in-flight gauge exported");
    }

    @Test
    void refusalsAreCountedByReasonWithoutEchoingClientInput() throws Exception {
        String hostileScheme = "x".repeat(10_000);
        Map<String, Double> before = scrape();
        assertEquals(400, post("/v1/plans", "{\"scheme\": \"mrope\", ").statusCode());
        assertEquals(413, post("/v1/plans", request("mrope", 1_000_000, text(3))).statusCode());
        assertEquals(422, post("/v1/plans", request(hostileScheme, 0, text(3))).statusCode());
        assertEquals(422, post("/v1/plans", request("mrope", 0, "{\"type\": \"image\", \"grid\": [1, 0, 2]}"))
                .statusCode());
        assertEquals(405, get("/v1/plans").statusCode());
        Map<String, Double> after = scrape();

        String plan = "/v1/plans";
        assertEquals(1, delta(before, after, "posplan_requests_refused_total", "endpoint", plan, "reason",
                "unreadable"));
        assertEquals(1, delta(before, after, "posplan_requests_refused_total", "endpoint", plan, "reason", "limit"));
        assertEquals(2, delta(before, after, "posplan_requests_refused_total", "endpoint", plan, "reason",
                "invalid_field"));
        assertEquals(1, delta(before, after, "posplan_requests_refused_total", "endpoint", "unmatched", "reason",
                "other"));
        // The scheme label: none before the body is read, the name once read, "unknown" for unregistered names.
        String duration = "posplan_request_duration_seconds_count";
        assertEquals(1, delta(before, after, duration, "endpoint", plan, "scheme", "none", "status", "400"));
        assertEquals(1, delta(before, after, duration, "endpoint", plan, "scheme", "mrope", "status", "413"));
        assertEquals(1, delta(before, after, duration, "endpoint", plan, "scheme", "unknown", "status", "422"));
        assertEquals(1, delta(before, after, duration, "endpoint", plan, "scheme", "mrope", "status", "422"));
        assertFalse(get("/actuator/prometheus").body().contains(hostileScheme.substring(0, 100)));
    }

    @Test
    void probesAndScrapesAreNotCountedAsTraffic() throws Exception {
        get("/actuator/health/readiness");
        assertTrue(scrape().keySet().stream().filter(k -> k.startsWith("posplan_"))
                .noneMatch(k -> k.contains("endpoint=/actuator")), "actuator requests counted as API traffic");
    }
}
