package dev.posplan.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link Conformance#run}'s output lines and exit status on small golden directories built at test time
 * from copies of shared golden files (nothing golden is committed here).
 */
class ConformanceRunTest {

    private static final String C01 = "c01_text_only.json";
    private static final String C02 = "c02_worked_t3_img1x2x3_t2.json";

    @TempDir
    Path root;

    private static Path golden(String folder, String file) {
        return GoldenDir.locate().resolve(folder).resolve(file);
    }

    private Path folder(String name) throws IOException {
        return Files.createDirectories(root.resolve(name));
    }

    private void copy(String folder, String file, Path into) throws IOException {
        Files.copy(golden(folder, file), into.resolve(file));
    }

    /** Runs the standard checker; the output lines and the summary. */
    private Result run() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Conformance.Summary summary;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            summary = Conformance.standard().run(root, out);
        }
        return new Result(bytes.toString(StandardCharsets.UTF_8).lines().toList(), summary);
    }

    private record Result(List<String> lines, Conformance.Summary summary) {
    }

    @Test
    void passingCasesUnknownAndEmptyFolders() throws IOException {
        Path mrope = folder("mr_mrope");
        copy("mr_mrope", C01, mrope);
        copy("mr_mrope", C02, mrope);
        Files.writeString(mrope.resolve("notes.txt"), "not a case");   // only .json files are cases
        copy("mr_mrope", C01, folder("mr_renamed"));                    // no checker for this name
        folder("hope");                                                  // supported, but empty
        Result r = run();
        assertEquals(List.of(
                "hope: no case files",
                "mr_mrope: 2 passed, 0 failed",
                "mr_renamed: not supported",
                "2 passed, 0 failed"), r.lines());
        assertEquals(new Conformance.Summary(2, 0, List.of("mr_renamed"), List.of("hope")), r.summary());
        assertEquals(0, r.summary().exitStatus());
    }

    @Test
    void aFailingCaseShowsItsFirstDifferenceAndFailsTheRun() throws IOException {
        Path mrope = folder("mr_mrope");
        copy("mr_mrope", C01, mrope);
        ObjectNode changed = (ObjectNode) Golden.read(golden("mr_mrope", C02));
        changed.put("rope_deltas", 7.0);
        Files.writeString(mrope.resolve(C02), changed.toString());
        Result r = run();
        assertEquals(List.of(
                "mr_mrope: 1 passed, 1 failed",
                "  " + C02 + ": rope_deltas: expected 7.0, actual -3.0",
                "1 passed, 1 failed"), r.lines());
        assertEquals(1, r.summary().exitStatus());
    }

    /** A wrong directory, or one whose folders were all renamed, must not exit 0. */
    @Test
    void noCheckedCaseIsAFailure() throws IOException {
        copy("mr_mrope", C01, folder("mr_renamed"));
        folder("mr_mrope");
        Result r = run();
        assertEquals(List.of(
                "mr_mrope: no case files",
                "mr_renamed: not supported",
                "0 passed, 0 failed",
                "no case checked: " + root + " has no case file in a supported folder"), r.lines());
        assertEquals(0, r.summary().checked());
        assertEquals(1, r.summary().exitStatus());
    }

    /** Several roots: one section per root, one total; a folder unsupported in either is listed, not failed. */
    @Test
    void severalRootsShareOneTotal() throws IOException {
        Path golden = Files.createDirectories(root.resolve("golden"));
        Path incoming = Files.createDirectories(root.resolve("golden-incoming"));
        Path mrope = Files.createDirectories(golden.resolve("mr_mrope"));
        copy("mr_mrope", C01, mrope);
        copy("mr_mrope", C02, Files.createDirectories(incoming.resolve("mr_mrope")));
        copy("mr_mrope", C01, Files.createDirectories(incoming.resolve("new_family")));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Conformance.Summary summary;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            summary = Conformance.standard().run(List.of(golden, incoming), out);
        }
        assertEquals(List.of(
                "== " + golden,
                "mr_mrope: 1 passed, 0 failed",
                "== " + incoming,
                "mr_mrope: 1 passed, 0 failed",
                "new_family: not supported",
                "2 passed, 0 failed"), bytes.toString(StandardCharsets.UTF_8).lines().toList());
        assertEquals(new Conformance.Summary(2, 0, List.of("new_family"), List.of()), summary);
        assertEquals(0, summary.exitStatus());
    }

    @Test
    void anEmptyDirectoryIsAFailure() throws IOException {
        Result r = run();
        assertEquals("0 passed, 0 failed", r.lines().get(0));
        assertEquals(1, r.summary().exitStatus());
    }
}
