package dev.posplan.web;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The settings of {@code bin/posplan --config FILE}: the service's own properties ({@code posplan.limits.*},
 * {@code posplan.models.<name>.tokenizer}) read from a {@code .properties} file and bound by Spring's binder with
 * the service's classes, so that a file the service runs with means the same to the command line (relaxed names,
 * {@code 1MB} sizes, {@code ${ENV:default}} placeholders). Without a file, the service's defaults and the
 * {@code POSPLAN_QWEN_TOKENIZER} environment variable.
 *
 * @param limits     the request limits
 * @param tokenizers model name to tokenizer directory
 */
record CliSettings(PlanLimits limits, Map<String, Path> tokenizers) {

    static CliSettings load(Path file, Map<String, String> env) {
        StandardEnvironment environment = new StandardEnvironment();
        if (file != null) {
            Properties properties = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(in);
            } catch (IOException e) {
                throw new PosplanCli.UsageException("cannot read --config " + file + ": " + e.getMessage());
            }
            environment.getPropertySources().addFirst(new PropertiesPropertySource(file.toString(), properties));
        }
        Binder binder = Binder.get(environment);
        PlanLimits limits;
        try {
            limits = binder.bind("posplan.limits", PlanLimits.class).orElseGet(PlanLimits::defaults);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new PosplanCli.UsageException("--config " + file + ": posplan.limits: " + cause.getMessage());
        }
        Map<String, Path> tokenizers = new LinkedHashMap<>(PosplanCli.tokenizerDirectories(env));
        binder.bind("posplan", ModelSettings.class).ifBound(settings -> settings.models().forEach((model, s) -> {
            if (s != null && s.tokenizer() != null && !s.tokenizer().isBlank()) {
                tokenizers.put(model, Path.of(s.tokenizer()));
            }
        }));
        return new CliSettings(limits, tokenizers);
    }
}
