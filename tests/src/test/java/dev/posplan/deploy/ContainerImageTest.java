package dev.posplan.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Builds the image from the repository's Dockerfile, starts it and plans a prompt through it. Needs a Docker
 * engine; without one (as on the project's build machines) the class is skipped.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerImageTest {

    private static final Path ROOT = DeployFiles.root();

    @Container
    private static final GenericContainer<?> SERVICE = new GenericContainer<>(
            new ImageFromDockerfile("posplan-test", true)
                    .withFileFromPath(".", ROOT)
                    .withDockerfile(ROOT.resolve("Dockerfile")))
            .withExposedPorts(8080)
            .waitingFor(Wait.forHttp("/actuator/health/readiness").forStatusCode(200)
                    .withStartupTimeout(Duration.ofMinutes(3)));

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static URI uri(String path) {
        return URI.create("http://" + SERVICE.getHost() + ":" + SERVICE.getMappedPort(8080) + path);
    }

    @Test
    void theImagePlansAPrompt() throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(uri("/v1/plans"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"scheme\": \"mrope\", \"format\": \"bare\", "
                        + "\"sequences\": [{\"parts\": [{\"type\": \"text\", \"tokens\": 5}]}]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"length\":5"), r.body());
    }

    @Test
    void theImageIsHealthyAndExportsItsMetrics() throws Exception {
        for (String path : new String[] {"/actuator/health/liveness", "/actuator/health/readiness"}) {
            HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(uri(path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), path);
        }
        HttpResponse<String> metrics = CLIENT.send(HttpRequest.newBuilder(uri("/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(metrics.body().contains("posplan_requests_in_flight"), metrics.body());
    }

    @Test
    void theImageRunsAsItsNonRootUser() throws Exception {
        assertEquals("10001", SERVICE.execInContainer("id", "-u").getStdout().strip());
    }
}
