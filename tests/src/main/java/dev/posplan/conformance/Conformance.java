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
 * As a command ({@code bin/conformance DIR...}) it prints one line per folder, the first difference of each
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
        return run(List.of(root), out);
    }

    /**
     * As {@link #run(Path, PrintStream)} over several roots (e.g. {@code golden} and {@code golden-incoming}):
     * with more than one, each root's folder lines follow a {@code == root} header; one total ends the run.
     */
    public Summary run(List<Path> roots, PrintStream out) throws IOException {
        Tally tally = new Tally();
        for (Path root : roots) {
            if (roots.size() > 1) {
                out.println("== " + root);
            }
            runRoot(root, out, tally);
        }
        out.println(tally.passed + " passed, " + tally.failed + " failed");
        Summary summary = new Summary(tally.passed, tally.failed, tally.unsupported, tally.empty);
        if (summary.checked() == 0) {
            out.println("no case checked: " + String.join(", ", roots.stream().map(Path::toString).toList())
                    + (roots.size() == 1 ? " has" : " have") + " no case file in a supported folder");
        }
        return summary;
    }

    /** Running counts of {@link #run(List, PrintStream)}. */
    private static final class Tally {
        int passed;
        int failed;
        final List<String> unsupported = new ArrayList<>();
        final List<String> empty = new ArrayList<>();
    }

    private void runRoot(Path root, PrintStream out, Tally tally) throws IOException {
        List<Path> folders;
        try (Stream<Path> s = Files.list(root)) {
            folders = s.filter(Files::isDirectory).sorted().toList();
        }
        for (Path folder : folders) {
            String name = folder.getFileName().toString();
            if (!supports(name)) {
                out.println(name + ": not supported");
                tally.unsupported.add(name);
                continue;
            }
            List<Path> files = caseFiles(folder);
            if (files.isEmpty()) {
                out.println(name + ": no case files");
                tally.empty.add(name);
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
            tally.passed += (int) ok;
            tally.failed += results.size() - (int) ok;
        }
    }

    /** {@code bin/conformance DIR...}: every DIR is a root of golden folders (e.g. golden and golden-incoming). */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: bin/conformance GOLDEN_DIR [GOLDEN_DIR...]");
            System.exit(2);
        }
        List<Path> roots = new ArrayList<>();
        for (String arg : args) {
            Path root = Path.of(arg);
            if (!Files.isDirectory(root)) {
                System.err.println("not a directory: " + root);
                System.exit(2);
            }
            roots.add(root);
        }
        System.exit(standard().run(roots, System.out).exitStatus());
    }
}
