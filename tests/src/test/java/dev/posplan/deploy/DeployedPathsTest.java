package dev.posplan.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.web.PosplanApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.env.PropertySourcesPropertyResolver;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/**
 * Every health and metrics path that the Dockerfile, docker-compose.yml, the Kubernetes manifests and the
 * Prometheus configuration name answers 200 on the real application, and every port they name is the port
 * the application listens on by default.
 */
class DeployedPathsTest {

    private static ConfigurableApplicationContext app;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        app = new SpringApplicationBuilder(PosplanApplication.class).properties("server.port=0").run();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + path);
        return CLIENT.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyPathTheDeploymentFilesProbeAnswers200() throws Exception {
        for (Map.Entry<String, String> e : DeployedPaths.paths().entrySet()) {
            HttpResponse<String> r = get(e.getValue());
            assertEquals(200, r.statusCode(), e.getKey() + " " + e.getValue() + ": " + r.body());
        }
    }

    @Test
    void prometheusScrapesTheServicesOwnMetrics() throws Exception {
        String body = get(DeployedPaths.paths().get("prometheus.yml metrics_path")).body();
        assertTrue(body.contains("posplan_requests_in_flight"), "posplan_ meters in the scrape");
    }

    @Test
    void everyPortTheDeploymentFilesNameIsTheApplicationsDefaultPort() throws Exception {
        // server.port as application.properties sets it when no PORT variable is given.
        Properties props = PropertiesLoaderUtils.loadProperties(new ClassPathResource("application.properties"));
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new PropertiesPropertySource("application.properties", props));
        int defaultPort = new PropertySourcesPropertyResolver(sources).getRequiredProperty("server.port",
                Integer.class);
        for (Map.Entry<String, Integer> e : DeployedPaths.ports().entrySet()) {
            assertEquals(defaultPort, e.getValue(), e.getKey());
        }
    }
}
