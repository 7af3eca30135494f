package dev.posplan.conformance;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared golden files: the {@code posplan.golden} system property, else {@code shared/golden}
 * next to the repository (the first ancestor of the working directory that has one).
 */
public final class GoldenDir {

    private GoldenDir() {
    }

    /** The golden directory; fails with a clear message when there is none (never a silent skip). */
    public static Path locate() {
        String configured = System.getProperty("posplan.golden");
        if (configured != null) {
            Path p = Path.of(configured).toAbsolutePath();
            if (!Files.isDirectory(p)) {
                throw new IllegalStateException("posplan.golden=" + p + " is not a directory");
            }
            return p;
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
}
