package dev.posplan.deploy;

import static dev.posplan.deploy.DeployFiles.at;
import static dev.posplan.deploy.DeployFiles.list;
import static dev.posplan.deploy.DeployFiles.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/k8s: a Deployment with probes and resources, a Service and a PodDisruptionBudget selecting its pods,
 * an HorizontalPodAutoscaler scaling it. Probe paths are checked against the application in {@link
 * DeployedPathsTest}.
 */
class KubernetesManifestsTest {

    private static Map<String, Object> podLabels() throws Exception {
        return map(at(KubernetesManifests.deployment(), "spec", "template", "metadata", "labels"));
    }

    @Test
    void theKustomizationListsEveryManifestOfTheDirectory() throws Exception {
        List<?> resources = list(at(DeployFiles.yaml(KubernetesManifests.DIR + "kustomization.yaml"), "resources"));
        try (Stream<Path> files = Files.list(DeployFiles.root().resolve(KubernetesManifests.DIR))) {
            assertEquals(files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("kustomization.yaml"))
                    .sorted().toList(), resources.stream().map(Object::toString).sorted().toList());
        }
        for (Map<String, Object> o : KubernetesManifests.objects()) {
            assertNotNull(o.get("apiVersion"), o.toString());
            assertEquals("posplan", at(o, "metadata", "name"), "one name for every object");
        }
    }

    @Test
    void theDeploymentSelectsItsOwnPods() throws Exception {
        assertEquals(podLabels(), at(KubernetesManifests.deployment(), "spec", "selector", "matchLabels"));
    }

    @Test
    void everyProbeIsAnHttpGetOnTheNamedPort() throws Exception {
        Map<String, Object> container = KubernetesManifests.container();
        String port = (String) at(container, "ports", 0, "name");
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertEquals(port, at(container, probe, "httpGet", "port"), probe);
        }
        assertTrue(((String) at(container, "livenessProbe", "httpGet", "path")).endsWith("/liveness"));
        assertTrue(((String) at(container, "readinessProbe", "httpGet", "path")).endsWith("/readiness"));
    }

    @Test
    void resourcesAreSetAndTheHeapFollowsTheMemoryLimit() throws Exception {
        Map<String, Object> container = KubernetesManifests.container();
        assertNotNull(at(container, "resources", "requests", "cpu"));
        assertNotNull(at(container, "resources", "requests", "memory"));
        assertNotNull(at(container, "resources", "limits", "memory"));
        String options = (String) at(container, "env", 0, "value");
        assertEquals("JDK_JAVA_OPTIONS", at(container, "env", 0, "name"));
        assertEquals(DeployedPaths.env("JDK_JAVA_OPTIONS"), options, "the same JVM flags as the image");
    }

    @Test
    void podsRunAsTheImagesNonRootUserOnAReadOnlyRoot() throws Exception {
        Map<String, Object> pod = map(at(KubernetesManifests.deployment(), "spec", "template", "spec"));
        assertEquals(true, at(pod, "securityContext", "runAsNonRoot"));
        String imageUser = DockerfileInstructions.last(DeployedPaths.dockerfile().runtime(), "USER").split(":")[0];
        assertEquals(Integer.parseInt(imageUser), at(pod, "securityContext", "runAsUser"));
        Map<String, Object> container = KubernetesManifests.container();
        assertEquals(true, at(container, "securityContext", "readOnlyRootFilesystem"));
        assertEquals(false, at(container, "securityContext", "allowPrivilegeEscalation"));
        assertEquals("/tmp", at(container, "volumeMounts", 0, "mountPath"), "Tomcat's work directory is writable");
    }

    @Test
    void theServiceAndTheDisruptionBudgetSelectThePods() throws Exception {
        Map<String, Object> service = KubernetesManifests.only("Service");
        assertEquals(podLabels(), at(service, "spec", "selector"));
        assertEquals(at(KubernetesManifests.container(), "ports", 0, "name"), at(service, "spec", "ports", 0,
                "targetPort"));
        assertEquals(podLabels(), at(KubernetesManifests.only("PodDisruptionBudget"), "spec", "selector",
                "matchLabels"));
    }

    @Test
    void theAutoscalerTargetsTheDeploymentOnCpuItRequests() throws Exception {
        Map<String, Object> hpa = KubernetesManifests.only("HorizontalPodAutoscaler");
        Map<String, Object> deployment = KubernetesManifests.deployment();
        assertEquals("autoscaling/v2", hpa.get("apiVersion"));
        assertEquals(deployment.get("apiVersion"), at(hpa, "spec", "scaleTargetRef", "apiVersion"));
        assertEquals("Deployment", at(hpa, "spec", "scaleTargetRef", "kind"));
        assertEquals(at(deployment, "metadata", "name"), at(hpa, "spec", "scaleTargetRef", "name"));
        int min = (Integer) at(hpa, "spec", "minReplicas");
        int max = (Integer) at(hpa, "spec", "maxReplicas");
        assertTrue(min >= 2 && min <= max, min + ".." + max);
        assertEquals(at(deployment, "spec", "replicas"), min, "the Deployment starts at the autoscaler's minimum");
        assertEquals("cpu", at(hpa, "spec", "metrics", 0, "resource", "name"));
        // Utilisation is a percentage of the request: without a CPU request the autoscaler cannot act.
        assertFalse(String.valueOf(at(KubernetesManifests.container(), "resources", "requests", "cpu")).isBlank());
    }
}
