package dev.posplan.conformance;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The conformance checker: runs posplan on every golden file of every supported folder and compares.
 * As a command ({@code bin/conformance DIR}) it prints one line per folder, the first difference of each
 * failing case, and ends with {@code N passed, M failed} (see {@link #run}); the exit status is 0 only when
 * at least one case was checked and nothing failed.
 */
public final class Conformance {

    private final Map<String, FolderChecker> checkers;

    public Conformance(Map<String, FolderChecker> checkers) {
        this.checkers = new TreeMap<>(checkers);
    }

    /** The checker with every folder posplan supports. */
    public static Conformance standard() {
        return new Conformance(Checkers.ALL);
    }

    public boolean supports(String folder) {
        return checkers.containsKey(folder);
    }

    public java.util.Set<String> folders() {
        return checkers.keySet();
    }

    /** Result of one golden file. */
    public record CaseResult(String folder, String file, Optional<String> difference) {
        public boolean passed() {
            return difference.isEmpty();
        }
    }

    /** Checks one file with the folder's checker; exceptions other than mismatches count as failures. */
    public CaseResult check(String folder, Path file) {
        FolderChecker checker = checkers.get(folder);
        if (checker == null) {
            throw new IllegalArgumentException("folder not supported: " + folder);
        }
        String name = file.getFileName().toString();
        try {
            checker.check(name, Golden.read(file));
            return new CaseResult(folder, name, Optional.empty());
        } catch (Mismatch m) {
            return new CaseResult(folder, name, Optional.of(m.getMessage()));
        } catch (RuntimeException e) {
            return new CaseResult(folder, name, Optional.of("error: " + e));
        }
    }

    /** Golden case files of a folder (JSON files, sorted); schema and index files are left out. */
    public static List<Path> caseFiles(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().equals("INDEX.json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What {@link #run} saw: cases passed and failed, folders it has no checker for (listed, not counted) and
     * supported folders that hold no case file.
     */
    public record Summary(int passed, int failed, List<String> unsupported, List<String> empty) {

        public Summary {
            unsupported = List.copyOf(unsupported);
            empty = List.copyOf(empty);
        }

        /** Cases checked at all. */
        public int checked() {
            return passed + failed;
        }

        /**
         * 0 only when at least one case was checked and none failed: a directory with no case of a supported
         * folder (a wrong path, renamed folders) must not look like a pass.
         */
        public int exitStatus() {
            return failed == 0 && checked() > 0 ? 0 : 1;
        }
    }

    /**
     * Runs every folder under {@code root}, printing one line per folder: {@code folder: N passed, M failed}
     * followed by the first difference of each failing case, {@code folder: not supported} for a folder
     * without a checker (not counted), {@code folder: no case files} for a supported folder that is empty;
     * then {@code N passed, M failed}, and a last line saying so when no case was checked.
     */
    public Summary run(Path root, PrintStream out) throws IOException {
        List<Path> folders;
        try (Stream<Path> s = Files.list(root)) {
            folders = s.filter(Files::isDirectory).sorted().toList();
        }
        int passed = 0;
        int failed = 0;
        List<String> unsupported = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        for (Path folder : folders) {
            String name = folder.getFileName().toString();
            if (!supports(name)) {
                out.println(name + ": not supported");
                unsupported.add(name);
                continue;
            }
            List<Path> files = caseFiles(folder);
            if (files.isEmpty()) {
                out.println(name + ": no case files");
                empty.add(name);
                continue;
            }
            List<CaseResult> results = new ArrayList<>();
            for (Path file : files) {
                results.add(check(name, file));
            }
            long ok = results.stream().filter(CaseResult::passed).count();
            out.println(name + ": " + ok + " passed, " + (results.size() - ok) + " failed");
            for (CaseResult r : results) {
                r.difference().ifPresent(d -> out.println("  " + r.file() + ": " + d));
            }
            passed += (int) ok;
            failed += results.size() - (int) ok;
        }
        out.println(passed + " passed, " + failed + " failed");
        Summary summary = new Summary(passed, failed, unsupported, empty);
        if (summary.checked() == 0) {
            out.println("no case checked: " + root + " has no case file in a supported folder");
        }
        return summary;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: bin/conformance GOLDEN_DIR");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        if (!Files.isDirectory(root)) {
            System.err.println("not a directory: " + root);
            System.exit(2);
        }
        System.exit(standard().run(root, System.out).exitStatus());
    }
}
