package dev.posplan.deploy;

import static dev.posplan.deploy.DeployFiles.at;
import static dev.posplan.deploy.DeployFiles.list;
import static dev.posplan.deploy.DeployFiles.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml: the service by default; Prometheus under the observability profile; two replicas behind
 * nginx under the scaled profile. Paths and ports are checked against the application in {@link
 * DeployedPathsTest}.
 */
class ComposeFileTest {

    private static List<?> profiles(Map<String, Object> service) {
        return service.containsKey("profiles") ? list(service.get("profiles")) : List.of();
    }

    @Test
    void theServiceStartsWithoutAProfileBuiltFromTheDockerfile() throws Exception {
        Map<String, Object> posplan = ComposeFile.service("posplan");
        assertEquals(List.of(), profiles(posplan));
        assertEquals(".", at(posplan, "build"));
        assertTrue(list(at(posplan, "healthcheck", "test")).get(0).toString().startsWith("CMD"));
    }

    @Test
    void prometheusRunsUnderTheObservabilityProfileAndScrapesEveryPosplanService() throws Exception {
        Map<String, Object> prometheus = ComposeFile.service("prometheus");
        assertEquals(List.of("observability"), profiles(prometheus));
        assertTrue(list(at(prometheus, "volumes")).contains("./deploy/prometheus.yml:/etc/prometheus/prometheus.yml:ro"));
        List<?> scraped = list(at(DeployedPaths.prometheusJob(), "dns_sd_configs", 0, "names"));
        assertEquals(ComposeFile.services().entrySet().stream()
                .filter(e -> "posplan:local".equals(map(e.getValue()).get("image"))).map(Map.Entry::getKey)
                .toList(), scraped);
    }

    @Test
    void twoReplicasRunBehindTheLoadBalancerUnderTheScaledProfile() throws Exception {
        Map<String, Object> replicas = ComposeFile.service("posplan-replica");
        Map<String, Object> lb = ComposeFile.service("lb");
        assertEquals(List.of("scaled"), profiles(replicas));
        assertEquals(List.of("scaled"), profiles(lb));
        assertEquals(2, at(replicas, "deploy", "replicas"));
        assertFalse(replicas.containsKey("ports"), "replicas publish no host port; only the load balancer does");
        assertEquals("service_healthy", at(lb, "depends_on", "posplan-replica", "condition"));
        assertTrue(list(at(lb, "volumes")).contains("./deploy/nginx.conf:/etc/nginx/nginx.conf:ro"));
        assertEquals("posplan-replica", NginxConf.upstreamServer().group(1));
        assertTrue(NginxConf.text().contains("proxy_pass http://" + NginxConf.upstream().group(1) + ";"),
                "the server proxies to the upstream");
    }

    @Test
    void replicasRunTheSameImageAsTheService() throws Exception {
        Map<String, Object> posplan = ComposeFile.service("posplan");
        Map<String, Object> replicas = ComposeFile.service("posplan-replica");
        for (String key : List.of("build", "image", "environment", "healthcheck", "mem_limit")) {
            assertEquals(posplan.get(key), replicas.get(key), key);
        }
    }

    @Test
    void everyMountedFileExists() throws Exception {
        for (Map.Entry<String, Object> service : ComposeFile.services().entrySet()) {
            Object volumes = map(service.getValue()).get("volumes");
            for (Object volume : volumes == null ? List.of() : list(volumes)) {
                String source = volume.toString().split(":")[0];
                assertTrue(Files.isRegularFile(DeployFiles.root().resolve(source)), service.getKey() + ": " + source);
            }
        }
    }
}
