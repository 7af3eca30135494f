package dev.posplan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeDeclaration;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.SchemeRegistry;
import dev.posplan.multimodal.text.ModelTokenizers;
import dev.posplan.web.V1PlanController.AnswerFormat;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A kept scheme is the one the registry builds from the same parameters (name, effective parameters,
 * frequencies, what it answers on demand), the cache never holds more than its capacity, and refused
 * parameters keep nothing.
 */
class SchemeCacheTest {

    private static final List<String> NAMES = SchemeRegistry.all().stream().map(SchemeDeclaration::name).toList();

    @Property(tries = 100)
    void aKeptSchemeIsTheOneTheRegistryBuildsAndTheCacheStaysBounded(@ForAll Random random) {
        SchemeCache cache = new SchemeCache(3);
        for (int i = 0; i < 12; i++) {
            String name = NAMES.get(random.nextInt(NAMES.size()));
            Map<String, Object> params = new HashMap<>();
            if (random.nextBoolean() && SchemeRegistry.declaration(name).parameters().stream()
                    .anyMatch(p -> p.name().equals("rope_theta"))) {
                params.put("rope_theta", random.nextBoolean() ? 10_000.0 : -1.0); // -1 is refused
            }
            Scheme expected;
            try {
                expected = SchemeRegistry.create(name, new SchemeParams(params));
            } catch (InvalidInputException e) {
                int before = cache.size();
                InvalidInputException refused = assertThrows(InvalidInputException.class,
                        () -> cache.get(name, params));
                assertEquals(e.getMessage(), refused.getMessage());
                assertEquals(before, cache.size());
                continue;
            }
            assertSameScheme(expected, cache.get(name, params));
            assertTrue(cache.size() <= 3, "size " + cache.size());
        }
    }

    @Test
    void equalParametersShareOneSchemeInAnyOrderAndNullMeansAbsent() {
        SchemeCache cache = new SchemeCache(8);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("rope_theta", 10000.0);
        a.put("temporal_stride", 2.0);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("temporal_stride", 2.0);
        b.put("rope_theta", 10000.0);
        Scheme first = cache.get("mrope", a);
        assertSame(first, cache.get("mrope", b));
        assertNotSame(first, cache.get("mrope", Map.of("rope_theta", 10000.0)));
        assertNotSame(first, cache.get("mrope-interleave", Map.of("rope_theta", 10000.0)));

        Map<String, Object> nullTheta = new HashMap<>();
        nullTheta.put("rope_theta", null);
        assertSameScheme(SchemeRegistry.create("mrope"), cache.get("mrope", nullTheta));
        assertEquals(4, cache.size());
    }

    @Test
    void theLeastRecentlyUsedGoesFirst() {
        SchemeCache cache = new SchemeCache(2);
        Scheme a = cache.get("mrope", Map.of("rope_theta", 64.0));
        Scheme b = cache.get("mrope", Map.of("rope_theta", 96.0));
        assertSame(a, cache.get("mrope", Map.of("rope_theta", 64.0))); // a is now the most recent
        cache.get("mrope", Map.of("rope_theta", 32.0)); // b goes
        assertEquals(2, cache.size());
        assertSame(a, cache.get("mrope", Map.of("rope_theta", 64.0)));
        assertNotSame(b, cache.get("mrope", Map.of("rope_theta", 96.0)));
    }

    @Test
    void refusedParametersKeepNothing() {
        SchemeCache cache = new SchemeCache(2);
        List<Runnable> refused = new ArrayList<>();
        refused.add(() -> cache.get("mrope", Map.of("rope_theta", -1.0)));
        refused.add(() -> cache.get("mrope", Map.of("no_such_parameter", 1)));
        refused.add(() -> cache.get("no-such-scheme", Map.of()));
        for (Runnable r : refused) {
            assertThrows(InvalidInputException.class, r::run);
        }
        assertEquals(0, cache.size());
    }

    @Test
    void theWriterAnswersEachSchemesOwnFrequencies() throws Exception {
        PlanLimits limits = new PlanLimits(null, 64, 20_000, 256, 64, 4_000);
        try (ModelTokenizers none = new ModelTokenizers(Map.of())) {
            V1PlanWriter writer = new V1PlanWriter(new V1PlanMapper(limits, none), limits, PosplanCli.JSON);
            for (int round = 0; round < 2; round++) {
                for (String params : List.of("{}", "{\"rope_theta\":10000}", "{\"rope_theta\":500000}")) {
                    for (String scheme : List.of("mrope", "mrope-interleave")) {
                        V1PlanRequest r = PosplanCli.JSON.readValue("{\"scheme\":\"" + scheme + "\",\"params\":"
                                + params + ",\"sequences\":[{\"parts\":[{\"type\":\"text\",\"tokens\":3}]}]}",
                                V1PlanRequest.class);
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        writer.write(writer.plan(r, AnswerFormat.JSON), AnswerFormat.JSON, out);
                        Map<String, Object> given = PosplanCli.JSON.readValue(params, Map.class);
                        Scheme uncached = SchemeRegistry.create(scheme, new SchemeParams(given));
                        JsonNode expected = PosplanCli.JSON.readTree(
                                PosplanCli.JSON.writeValueAsString(V1PlanAnswer.frequencies(uncached.frequencies())));
                        assertEquals(expected, PosplanCli.JSON.readTree(out.toByteArray()).get("frequencies"),
                                scheme + " " + params);
                    }
                }
            }
        }
    }

    private static void assertSameScheme(Scheme expected, Scheme actual) {
        assertEquals(expected.name(), actual.name());
        assertEquals(expected.parameters(), actual.parameters());
        assertEquals(expected.onDemand(), actual.onDemand());
        assertEquals(PosplanCli.JSON.writeValueAsString(V1PlanAnswer.frequencies(expected.frequencies())),
                PosplanCli.JSON.writeValueAsString(V1PlanAnswer.frequencies(actual.frequencies())));
    }
}
