package dev.posplan.deploy;

import static dev.posplan.deploy.DeployFiles.at;
import static dev.posplan.deploy.DeployFiles.list;
import static dev.posplan.deploy.DeployFiles.map;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The manifests of deploy/k8s, as kustomization.yaml lists them. */
final class KubernetesManifests {

    static final String DIR = "deploy/k8s/";

    private KubernetesManifests() {
    }

    /** Every object of every manifest the kustomization lists. */
    static List<Map<String, Object>> objects() throws IOException {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object resource : list(at(DeployFiles.yaml(DIR + "kustomization.yaml"), "resources"))) {
            objects.addAll(DeployFiles.yamlDocuments(DIR + resource));
        }
        return objects;
    }

    /** The only object of {@code kind}. */
    static Map<String, Object> only(String kind) throws IOException {
        List<Map<String, Object>> found = objects().stream().filter(o -> kind.equals(o.get("kind"))).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + ", found " + found.size());
        }
        return found.get(0);
    }

    static Map<String, Object> deployment() throws IOException {
        return only("Deployment");
    }

    /** The Deployment's only container. */
    static Map<String, Object> container() throws IOException {
        List<?> containers = list(at(deployment(), "spec", "template", "spec", "containers"));
        if (containers.size() != 1) {
            throw new AssertionError("expected one container, found " + containers.size());
        }
        return map(containers.get(0));
    }
}
