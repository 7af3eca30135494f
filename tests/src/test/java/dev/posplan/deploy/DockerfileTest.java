package dev.posplan.deploy;

import static dev.posplan.deploy.DockerfileInstructions.all;
import static dev.posplan.deploy.DockerfileInstructions.last;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.deploy.DockerfileInstructions.Instruction;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;

/** The Dockerfile builds on a JDK 17, runs on a JRE 17 as a non-root user with a health check and heap flags. */
class DockerfileTest {

    private final DockerfileInstructions dockerfile = DeployedPaths.dockerfile();

    DockerfileTest() throws Exception {
    }

    /** A stage's base image, with ARG defaults declared before the first FROM substituted. */
    private String baseImage(List<Instruction> stage) {
        String from = last(stage, "FROM").split("\\s+")[0];
        for (String arg : all(dockerfile.stages().get(0), "ARG")) {
            String[] kv = arg.split("=", 2);
            if (kv.length == 2) {
                from = from.replace("${" + kv[0] + "}", kv[1]);
            }
        }
        return from;
    }

    @Test
    void buildsOnAJdk17AndRunsOnAJre17() {
        assertTrue(dockerfile.stages().size() >= 2, "multi-stage");
        List<Instruction> build = dockerfile.stages().get(0);
        assertTrue(baseImage(build).matches("maven:[^ ]*temurin-17.*"), baseImage(build));
        assertTrue(baseImage(dockerfile.runtime()).matches("eclipse-temurin:17-jre.*"), baseImage(dockerfile.runtime()));
        assertTrue(all(build, "RUN").stream().anyMatch(r -> r.contains("mvn ") && r.contains("-pl web -am")),
                "the build stage builds the web module with the modules it needs");
        assertTrue(all(dockerfile.runtime(), "COPY").stream().allMatch(c -> c.startsWith("--from=")),
                "the runtime stage takes only build outputs, no sources");
    }

    @Test
    void everyModuleOfTheReactorHasItsPomCopiedBeforeTheDependencyDownload() throws Exception {
        NodeList modules = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(DeployFiles.file("pom.xml").toFile()).getElementsByTagName("module");
        List<String> copied = all(dockerfile.stages().get(0), "COPY");
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < modules.getLength(); i++) {
            String module = modules.item(i).getTextContent().strip();
            if (!copied.contains(module + "/pom.xml " + module + "/")) {
                missing.add(module);
            }
        }
        assertEquals(List.of(), missing, "COPY <module>/pom.xml <module>/ lines missing from the Dockerfile");
    }

    @Test
    void runsAsANumericNonRootUser() {
        String user = last(dockerfile.runtime(), "USER");
        Matcher uid = Pattern.compile("(\\d+)(?::\\d+)?").matcher(user);
        assertTrue(uid.matches(), "numeric USER, so Kubernetes' runAsNonRoot can check it: " + user);
        assertNotEquals(0, Integer.parseInt(uid.group(1)));
        List<Instruction> runtime = dockerfile.runtime();
        int userAt = runtime.stream().map(Instruction::keyword).toList().lastIndexOf("USER");
        assertTrue(runtime.subList(userAt, runtime.size()).stream().noneMatch(i -> i.keyword().equals("RUN")),
                "nothing runs as root after USER");
    }

    @Test
    void healthCheckUsesAToolTheRuntimeImageIsCheckedToHave() {
        String healthcheck = last(dockerfile.runtime(), "HEALTHCHECK");
        Matcher cmd = Pattern.compile("CMD\\s+(\\S+)").matcher(healthcheck);
        assertTrue(cmd.find(), healthcheck);
        String tool = cmd.group(1);
        assertTrue(all(dockerfile.runtime(), "RUN").stream().anyMatch(r -> r.contains("command -v " + tool)),
                "the runtime stage fails its build when " + tool + " is missing");
        assertTrue(healthcheck.contains("/actuator/health/"), healthcheck);
    }

    @Test
    void jvmSizesItsHeapFromTheContainerLimit() throws Exception {
        String options = DeployedPaths.env("JDK_JAVA_OPTIONS");
        assertTrue(options.contains("-XX:MaxRAMPercentage="), options);
        assertTrue(options.contains("-XX:+ExitOnOutOfMemoryError"), options);
        assertFalse(options.matches(".*-Xmx\\S*.*"), "a fixed -Xmx ignores the container's memory limit");
        assertTrue(last(dockerfile.runtime(), "ENTRYPOINT").startsWith("[\"java\""), "exec form: java is PID 1 "
                + "and receives SIGTERM for the graceful shutdown");
    }

    @Test
    void buildOutputsStayOutOfTheBuildContext() throws Exception {
        List<String> ignored = Files.readAllLines(DeployFiles.file(".dockerignore"));
        assertTrue(ignored.contains("**/target/"), ignored.toString());
    }
}
