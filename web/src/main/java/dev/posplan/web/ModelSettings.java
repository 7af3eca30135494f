package dev.posplan.web;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Per-model settings, {@code posplan.models.<name>.*}: so far the directory of the model's tokenizer
 * ({@code tokenizer.json}, {@code tokenizer_config.json}). A blank or missing path means no tokenizer; nothing is
 * ever downloaded.
 *
 * @param models model name to its settings
 */
@ConfigurationProperties("posplan")
public record ModelSettings(Map<String, Model> models) {

    public ModelSettings {
        models = models == null ? Map.of() : Map.copyOf(models);
    }

    /** @param tokenizer tokenizer directory, or blank */
    public record Model(String tokenizer) {
    }
}
