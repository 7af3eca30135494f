package dev.posplan.web;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Per-model settings, {@code posplan.models.<name>.*}: the directory of the model's tokenizer
 * ({@code tokenizer.json}, {@code tokenizer_config.json}) and, optionally, a Jinja file overriding the chat
 * template the model renders messages with (default: the one posplan ships for the model, else the tokenizer's).
 * A blank or missing path means none; nothing is ever downloaded.
 *
 * @param models model name to its settings
 */
@ConfigurationProperties("posplan")
public record ModelSettings(Map<String, Model> models) {

    public ModelSettings {
        models = models == null ? Map.of() : Map.copyOf(models);
    }

    /**
     * @param tokenizer    tokenizer directory, or blank
     * @param chatTemplate chat template file ({@code chat-template}), or blank for the default
     */
    public record Model(String tokenizer, String chatTemplate) {
    }
}
