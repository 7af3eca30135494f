package dev.posplan.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Cross-origin access to {@code /v1/**} for the origins in {@code posplan.cors.allowed-origins}; none by default. */
@Configuration(proxyBeanMethods = false)
class V1CorsConfig implements WebMvcConfigurer {

    private final String[] origins;

    V1CorsConfig(@Value("${posplan.cors.allowed-origins:}") String[] origins) {
        this.origins = java.util.Arrays.stream(origins).map(String::trim).filter(o -> !o.isEmpty())
                .toArray(String[]::new);
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        if (origins.length > 0) {
            registry.addMapping("/v1/**").allowedOrigins(origins).allowedMethods("GET", "POST")
                    .exposedHeaders("Content-Type");
        }
    }
}
