package dev.posplan.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the shared golden files. Two roots: {@code golden} (every folder posplan supports) and
 * {@code golden-incoming} (folders of families arriving before posplan supports them; they move to
 * {@code golden} once supported). {@code -Dposplan.golden=DIR} and {@code -Dposplan.golden.incoming=DIR}
 * override them; without overrides both are looked up in {@code shared/} next to the repository (the first
 * ancestor of the working directory that has a {@code shared/golden}).
 */
public final class GoldenDir {

    private GoldenDir() {
    }

    /** The golden directory; fails with a clear message when there is none (never a silent skip). */
    public static Path locate() {
        String configured = System.getProperty("posplan.golden");
        if (configured != null) {
            return existing("posplan.golden", configured);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared").resolve("golden");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("golden files not found: expected ../shared/golden beside the repository "
                + "(or -Dposplan.golden=DIR); the conformance tests need them");
    }

    /**
     * The incoming root: {@code posplan.golden.incoming} if set (it must exist), else {@code golden-incoming}
     * beside the golden directory when there is one. Empty only when neither is there: incoming folders are
     * optional, the golden root is not.
     */
    public static Optional<Path> incoming() {
        String configured = System.getProperty("posplan.golden.incoming");
        if (configured != null) {
            return Optional.of(existing("posplan.golden.incoming", configured));
        }
        Path sibling = locate().resolveSibling("golden-incoming");
        return Files.isDirectory(sibling) ? Optional.of(sibling) : Optional.empty();
    }

    /** Both roots, golden first. */
    public static List<Path> roots() {
        List<Path> roots = new ArrayList<>();
        roots.add(locate());
        incoming().ifPresent(roots::add);
        return roots;
    }

    /**
     * The directory of {@code folder}: in the golden root if it is there, else in the incoming root (a folder
     * found in neither resolves against the golden root, so a missing folder fails where it is expected).
     */
    public static Path folder(String folder) {
        for (Path root : roots()) {
            Path candidate = root.resolve(folder);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return locate().resolve(folder);
    }

    private static Path existing(String property, String configured) {
        Path p = Path.of(configured).toAbsolutePath();
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException(property + "=" + p + " is not a directory");
        }
        return p;
    }
}
