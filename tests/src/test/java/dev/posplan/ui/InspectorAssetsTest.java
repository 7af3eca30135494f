package dev.posplan.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.web.PosplanApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Without a browser: `/` serves the inspector's page, and every ES module it loads — followed through the static
 * imports of each module — is served with a JavaScript content type (browsers refuse modules served otherwise)
 * and names no other origin (the page works offline).
 */
class InspectorAssetsTest {

    private static final Pattern SCRIPT = Pattern.compile("<script type=\"module\" src=\"([^\"]+)\"");
    private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*(?:import|export)\\s[^;]*?from\\s+'([^']+)'");
    private static final Pattern REMOTE = Pattern.compile("(?i)(src|href)=\"(https?:)?//");

    private static ConfigurableApplicationContext app;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        app = new SpringApplicationBuilder(PosplanApplication.class).run("--server.port=0");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageAndEveryModuleItImportsAreServed() throws Exception {
        URI root = URI.create("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + "/");
        HttpResponse<String> page = get(root);
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(!REMOTE.matcher(page.body()).find(), "the page loads nothing from another origin");
        Matcher script = SCRIPT.matcher(page.body());
        assertTrue(script.find(), "the page loads its main module");

        Set<URI> seen = new LinkedHashSet<>();
        Deque<URI> todo = new ArrayDeque<>();
        todo.add(root.resolve(script.group(1)));
        while (!todo.isEmpty()) {
            URI module = todo.poll();
            if (!seen.add(module)) continue;
            HttpResponse<String> r = get(module);
            assertEquals(200, r.statusCode(), module.toString());
            String type = r.headers().firstValue("Content-Type").orElse("");
            assertTrue(type.startsWith("text/javascript") || type.startsWith("application/javascript"), module + ": " + type);
            assertTrue(r.body().startsWith("// @ts-check"), module + " is type-checked");
            Matcher m = IMPORT.matcher(r.body());
            while (m.find()) {
                assertTrue(m.group(1).startsWith("."), module + " imports " + m.group(1) + ": only the page's own modules");
                todo.add(module.resolve(m.group(1)));
            }
        }
        assertTrue(seen.size() >= 8, "main.js and its imports: " + seen);
    }
}
