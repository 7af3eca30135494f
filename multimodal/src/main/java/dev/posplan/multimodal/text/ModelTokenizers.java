package dev.posplan.multimodal.text;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The tokenizers of the model presets, read once at start-up from configured local directories (models that
 * share a directory share one tokenizer), and the chat template each model renders messages with. A model without
 * a tokenizer cannot take text as a string: {@link #require} says so, naming the model and the setting.
 */
public final class ModelTokenizers implements AutoCloseable {

    /**
     * The setting that names a model's tokenizer directory, {@code posplan.models.<name>.tokenizer} (a name with a
     * dot in brackets, as Spring binds map keys: {@code posplan.models[qwen2.5-vl].tokenizer}).
     */
    public static String property(String model) {
        return "posplan.models" + (model.contains(".") ? "[" + model + "]" : "." + model) + ".tokenizer";
    }

    /** The setting that names a file overriding a model's chat template, {@code posplan.models.<name>.chat-template}. */
    public static String chatTemplateProperty(String model) {
        return property(model).replaceFirst("\\.tokenizer$", ".chat-template");
    }

    private final Map<String, HfTokenizer> byModel = new LinkedHashMap<>();
    private final Map<String, String> templates = new HashMap<>();

    /**
     * @param directories model name to tokenizer directory (or {@code tokenizer.json} path)
     * @throws IllegalArgumentException if a configured directory has no tokenizer: a misconfiguration fails at
     *                                  start-up instead of at the first request
     */
    public ModelTokenizers(Map<String, Path> directories) {
        this(directories, Map.of());
    }

    /**
     * @param directories   model name to tokenizer directory (or {@code tokenizer.json} path)
     * @param chatTemplates model name to a Jinja file overriding its chat template
     * @throws IllegalArgumentException if a configured directory has no tokenizer or a template file cannot be read
     */
    public ModelTokenizers(Map<String, Path> directories, Map<String, Path> chatTemplates) {
        chatTemplates.forEach((model, file) -> {
            try {
                templates.put(model, java.nio.file.Files.readString(file));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(chatTemplateProperty(model) + ": cannot read " + file, e);
            }
        });
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
     * The chat template {@code model}'s processor renders messages with: the configured override, else the one
     * posplan ships for the model ({@link ChatTemplates}), else its tokenizer's {@code chat_template}.
     */
    public Optional<String> chatTemplate(String model) {
        String configured = templates.get(model);
        if (configured != null) {
            return Optional.of(configured);
        }
        Optional<String> shipped = ChatTemplates.builtIn(model);
        return shipped.isPresent() ? shipped : find(model).flatMap(HfTokenizer::chatTemplate);
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
