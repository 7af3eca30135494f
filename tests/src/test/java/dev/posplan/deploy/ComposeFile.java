package dev.posplan.deploy;

import static dev.posplan.deploy.DeployFiles.at;
import static dev.posplan.deploy.DeployFiles.map;

import java.io.IOException;
import java.util.Map;

/** docker-compose.yml, parsed. */
final class ComposeFile {

    private ComposeFile() {
    }

    static Map<String, Object> services() throws IOException {
        return map(at(DeployFiles.yaml("docker-compose.yml"), "services"));
    }

    static Map<String, Object> service(String name) throws IOException {
        return map(at(services(), name));
    }
}
