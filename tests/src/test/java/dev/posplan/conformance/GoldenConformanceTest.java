package dev.posplan.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every golden file of every supported folder must match posplan exactly. */
class GoldenConformanceTest {

    private static final Conformance CONFORMANCE = Conformance.standard();

    @TestFactory
    Stream<DynamicContainer> everyGoldenFileMatches() {
        Path root = GoldenDir.locate();
        return CONFORMANCE.folders().stream().map(folder -> DynamicContainer.dynamicContainer(folder,
                Conformance.caseFiles(root.resolve(folder)).stream().map(file -> DynamicTest.dynamicTest(
                        file.getFileName().toString(), () -> {
                            Conformance.CaseResult r = CONFORMANCE.check(folder, file);
                            r.difference().ifPresent(d -> fail(folder + "/" + r.file() + ": " + d));
                        }))));
    }

    @Test
    void everyGoldenFolderIsSupported() throws IOException {
        Set<String> unsupported = new TreeSet<>();
        try (Stream<Path> s = Files.list(GoldenDir.locate())) {
            s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(f -> !CONFORMANCE.supports(f)).forEach(unsupported::add);
        }
        assertEquals(Set.of(), unsupported, "golden folders with no checker");
    }

    @Test
    void supportedFoldersHaveCases() {
        Path root = GoldenDir.locate();
        for (String folder : CONFORMANCE.folders()) {
            List<Path> files = Conformance.caseFiles(root.resolve(folder));
            assertTrue(files.size() > 0, folder + " has no golden files");
        }
    }
}
