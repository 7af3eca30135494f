package dev.posplan.web;

import dev.posplan.multimodal.text.ModelTokenizers;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads the configured model tokenizers once, at start-up. */
@Configuration(proxyBeanMethods = false)
class TokenizerConfig {

    @Bean(destroyMethod = "close")
    ModelTokenizers modelTokenizers(ModelSettings settings) {
        Map<String, Path> dirs = new LinkedHashMap<>();
        settings.models().forEach((model, s) -> {
            if (s != null && s.tokenizer() != null && !s.tokenizer().isBlank()) {
                dirs.put(model, Path.of(s.tokenizer()));
            }
        });
        return new ModelTokenizers(dirs);
    }
}
