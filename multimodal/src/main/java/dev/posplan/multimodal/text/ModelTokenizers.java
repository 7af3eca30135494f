package dev.posplan.multimodal.text;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The tokenizers of the model presets, read once at start-up from configured local directories (models that
 * share a directory share one tokenizer). A model without one cannot take text as a string: {@link #require}
 * says so, naming the model and the setting.
 */
public final class ModelTokenizers implements AutoCloseable {

    /**
     * The setting that names a model's tokenizer directory, {@code posplan.models.<name>.tokenizer} (a name with a
     * dot in brackets, as Spring binds map keys: {@code posplan.models[qwen2.5-vl].tokenizer}).
     */
    public static String property(String model) {
        return "posplan.models" + (model.contains(".") ? "[" + model + "]" : "." + model) + ".tokenizer";
    }

    private final Map<String, HfTokenizer> byModel = new LinkedHashMap<>();

    /**
     * @param directories model name to tokenizer directory (or {@code tokenizer.json} path)
     * @throws IllegalArgumentException if a configured directory has no tokenizer: a misconfiguration fails at
     *                                  start-up instead of at the first request
     */
    public ModelTokenizers(Map<String, Path> directories) {
        Map<Path, HfTokenizer> byPath = new HashMap<>();
        directories.forEach((model, dir) -> {
            try {
                Path d = dir.toAbsolutePath().normalize();
                Path key = java.nio.file.Files.isDirectory(d) ? d : d.getParent();
                byModel.put(model, byPath.computeIfAbsent(key, HfTokenizer::load));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(property(model) + ": " + e.getMessage(), e);
            }
        });
    }

    /** The model's tokenizer, if one is configured. */
    public Optional<HfTokenizer> find(String model) {
        return Optional.ofNullable(byModel.get(model));
    }

    /**
     * The model's tokenizer.
     *
     * @param field what needs it, for the message (such as {@code /sequences/0/parts/1/text})
     * @throws IllegalArgumentException naming the model when none is configured
     */
    public HfTokenizer require(String model, String field) {
        HfTokenizer t = byModel.get(model);
        if (t == null) {
            throw new IllegalArgumentException(field + ": model '" + model + "' has no tokenizer loaded (setting "
                    + property(model) + "), so text cannot be given as a string; give it as a token count");
        }
        return t;
    }

    @Override
    public void close() {
        byModel.values().stream().distinct().forEach(HfTokenizer::close);
    }
}
