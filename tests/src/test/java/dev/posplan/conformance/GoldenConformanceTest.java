package dev.posplan.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every golden file of every supported folder must match posplan exactly, in both roots ({@code golden} and
 * {@code golden-incoming}, {@link GoldenDir#roots()}). A folder of {@code golden} must be supported; an
 * unsupported incoming folder is listed, not failed (it arrives before its family is supported).
 */
class GoldenConformanceTest {

    private static final Conformance CONFORMANCE = Conformance.standard();

    @TestFactory
    Stream<DynamicContainer> everyGoldenFileMatches() throws IOException {
        List<DynamicContainer> out = new ArrayList<>();
        for (Path root : GoldenDir.roots()) {
            for (String folder : folders(root)) {
                if (CONFORMANCE.supports(folder)) {
                    out.add(container(root, folder));
                }
            }
        }
        return out.stream();
    }

    private static DynamicContainer container(Path root, String folder) {
        return DynamicContainer.dynamicContainer(root.getFileName() + "/" + folder,
                Conformance.caseFiles(root.resolve(folder)).stream().map(file -> DynamicTest.dynamicTest(
                        file.getFileName().toString(), () -> {
                            Conformance.CaseResult r = CONFORMANCE.check(folder, file);
                            r.difference().ifPresent(d -> fail(folder + "/" + r.file() + ": " + d));
                        })));
    }

    @Test
    void everyGoldenFolderIsSupported() throws IOException {
        Set<String> unsupported = new TreeSet<>(folders(GoldenDir.locate()));
        unsupported.removeIf(CONFORMANCE::supports);
        assertEquals(Set.of(), unsupported, "golden folders with no checker");
    }

    /** Listed, as bin/conformance does: these families are not supported yet. */
    @Test
    void unsupportedIncomingFoldersAreListed() throws IOException {
        for (Path incoming : GoldenDir.incoming().stream().toList()) {
            for (String folder : folders(incoming)) {
                if (!CONFORMANCE.supports(folder)) {
                    System.out.println(incoming.getFileName() + "/" + folder + ": not supported");
                }
            }
        }
    }

    /** Each supported folder has cases in one of the roots: a checker is never vacuously green. */
    @Test
    void supportedFoldersHaveCases() {
        for (String folder : CONFORMANCE.folders()) {
            List<Path> files = Conformance.caseFiles(GoldenDir.folder(folder));
            assertTrue(files.size() > 0, folder + " has no golden files in " + GoldenDir.roots());
        }
    }

    private static Set<String> folders(Path root) throws IOException {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> s = Files.list(root)) {
            s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).forEach(out::add);
        }
        return out;
    }
}
