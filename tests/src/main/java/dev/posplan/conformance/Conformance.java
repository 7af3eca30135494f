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
 * failing case, and ends with {@code N passed, M failed}; the exit status is 0 only when nothing failed.
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

    /** Runs every folder under {@code root}; returns the number of failed cases. */
    public int run(Path root, PrintStream out) throws IOException {
        List<Path> folders;
        try (Stream<Path> s = Files.list(root)) {
            folders = s.filter(Files::isDirectory).sorted().toList();
        }
        int passed = 0;
        int failed = 0;
        for (Path folder : folders) {
            String name = folder.getFileName().toString();
            if (!supports(name)) {
                out.println(name + ": not supported");
                continue;
            }
            List<CaseResult> results = new ArrayList<>();
            for (Path file : caseFiles(folder)) {
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
        return failed;
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
        int failed = standard().run(root, System.out);
        System.exit(failed == 0 ? 0 : 1);
    }
}
