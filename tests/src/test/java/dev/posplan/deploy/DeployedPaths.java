package dev.posplan.deploy;

import static dev.posplan.deploy.DeployFiles.at;
import static dev.posplan.deploy.DeployFiles.list;
import static dev.posplan.deploy.DeployFiles.map;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP paths and ports the deployment files expect the service to answer on, each keyed by where it is
 * written, so a test can check every one of them against the real application.
 */
final class DeployedPaths {

    private static final Pattern URL = Pattern.compile("https?://[^/\\s\"']+:(\\d+)(/[^\\s\"']*)");

    private DeployedPaths() {
    }

    /** Health and metrics paths, by the file and place that names them. */
    static Map<String, String> paths() throws IOException {
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("Dockerfile HEALTHCHECK", url(dockerHealthcheck()).group(2));
        paths.put("docker-compose.yml healthcheck", url(composeHealthcheck()).group(2));
        Map<String, Object> container = KubernetesManifests.container();
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            paths.put("deployment.yaml " + probe, (String) at(container, probe, "httpGet", "path"));
        }
        paths.put("deployment.yaml prometheus.io/path",
                (String) at(KubernetesManifests.deployment(), "spec", "template", "metadata", "annotations",
                        "prometheus.io/path"));
        paths.put("prometheus.yml metrics_path", (String) at(prometheusJob(), "metrics_path"));
        return paths;
    }

    /** Ports the service is expected to listen on, by the file and place that names them. */
    static Map<String, Integer> ports() throws IOException {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("Dockerfile EXPOSE", Integer.parseInt(DockerfileInstructions.last(dockerfile().runtime(),
                "EXPOSE").split("/")[0]));
        ports.put("Dockerfile HEALTHCHECK", Integer.parseInt(url(dockerHealthcheck()).group(1)));
        ports.put("docker-compose.yml healthcheck", Integer.parseInt(url(composeHealthcheck()).group(1)));
        String published = (String) list(at(ComposeFile.service("posplan"), "ports")).get(0);
        ports.put("docker-compose.yml posplan ports", Integer.parseInt(published.substring(published.lastIndexOf(':')
                + 1)));
        Map<String, Object> container = KubernetesManifests.container();
        ports.put("deployment.yaml containerPort", (Integer) at(container, "ports", 0, "containerPort"));
        ports.put("deployment.yaml prometheus.io/port", Integer.parseInt((String) at(KubernetesManifests.deployment(),
                "spec", "template", "metadata", "annotations", "prometheus.io/port")));
        ports.put("prometheus.yml dns_sd_configs port", (Integer) at(prometheusJob(), "dns_sd_configs", 0, "port"));
        ports.put("nginx.conf upstream server", NginxConf.upstreamPort());
        return ports;
    }

    static DockerfileInstructions dockerfile() throws IOException {
        return DockerfileInstructions.parse(DeployFiles.file("Dockerfile"));
    }

    /** The runtime stage's HEALTHCHECK, with the image's own {@code PORT} substituted. */
    static String dockerHealthcheck() throws IOException {
        return DockerfileInstructions.last(dockerfile().runtime(), "HEALTHCHECK").replace("${PORT}", env("PORT"));
    }

    /** The value an {@code ENV} instruction of the runtime stage gives {@code name}. */
    static String env(String name) throws IOException {
        Matcher m = Pattern.compile("(?:^|\\s)" + name + "=(\"[^\"]*\"|\\S+)")
                .matcher(String.join(" ", DockerfileInstructions.all(dockerfile().runtime(), "ENV")));
        if (!m.find()) {
            throw new AssertionError("no ENV " + name + " in the runtime stage");
        }
        return m.group(1).replace("\"", "");
    }

    static String composeHealthcheck() throws IOException {
        return String.join(" ", list(at(ComposeFile.service("posplan"), "healthcheck", "test")).stream()
                .map(String::valueOf).toList());
    }

    static Map<String, Object> prometheusJob() throws IOException {
        return map(list(at(DeployFiles.yaml("deploy/prometheus.yml"), "scrape_configs")).get(0));
    }

    private static Matcher url(String text) {
        Matcher m = URL.matcher(text);
        if (!m.find()) {
            throw new AssertionError("no http URL with a port in: " + text);
        }
        return m;
    }
}
