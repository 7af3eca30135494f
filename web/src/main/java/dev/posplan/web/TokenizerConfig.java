package dev.posplan.web;

import dev.posplan.multimodal.text.ModelTokenizers;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads the configured model tokenizers and chat template overrides once, at start-up. */
@Configuration(proxyBeanMethods = false)
class TokenizerConfig {

    @Bean(destroyMethod = "close")
    ModelTokenizers modelTokenizers(ModelSettings settings) {
        Map<String, Path> dirs = new LinkedHashMap<>();
        Map<String, Path> templates = new LinkedHashMap<>();
        settings.models().forEach((model, s) -> {
            if (s != null && s.tokenizer() != null && !s.tokenizer().isBlank()) {
                dirs.put(model, Path.of(s.tokenizer()));
            }
            if (s != null && s.chatTemplate() != null && !s.chatTemplate().isBlank()) {
                templates.put(model, Path.of(s.chatTemplate()));
            }
        });
        return new ModelTokenizers(dirs, templates);
    }
}
