package dev.posplan.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    /** Folders the open issues have not reached yet; this set only ever shrinks. */
    private static final Set<String> PENDING = Set.of(
            "qwen", "vrope", "v2pe", "videorope", "hope", "mr_videorope", "mr_hope", "mr_circlerope", "mr_v2pe",
            "mr_ilrope", "mr_omnirope", "mr_mmrope", "mr_grape", "tpe2d");

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
    void everyGoldenFolderIsSupportedOrKnownPending() throws IOException {
        Set<String> unsupported = new TreeSet<>();
        try (Stream<Path> s = Files.list(GoldenDir.locate())) {
            s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(f -> !CONFORMANCE.supports(f)).forEach(unsupported::add);
        }
        unsupported.removeAll(PENDING);
        assertEquals(Set.of(), unsupported, "golden folders with no checker");
        for (String f : PENDING) {
            assertFalse(CONFORMANCE.supports(f), f + " is supported now: remove it from PENDING");
        }
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
