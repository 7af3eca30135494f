package dev.posplan.web;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ProblemDetail;

/**
 * The OpenAPI document ({@code /v3/api-docs}, UI at {@code /swagger-ui/index.html}). The wire records in
 * {@code api} carry only Jackson annotations, so their {@code @JsonPropertyDescription}s become the property
 * descriptions here, and problems are described by the JSON Spring writes for them.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    static {
        SpringDocUtils.getConfig().replaceWithSchema(ProblemDetail.class, problemSchema());
    }

    /** RFC 9457 members plus the extension members {@link ProblemAdvice} adds; Spring writes them at the top level. */
    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .addProperty("type", new StringSchema().format("uri"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema().description("What is wrong, naming the field."))
                .addProperty("instance", new StringSchema().format("uri"))
                .addProperty("field", new StringSchema()
                        .description("JSON Pointer to the offending request field, e.g. /sequences/0/parts/2/grid or "
                                + "/params/head_dim."))
                .addProperty("parameter", new StringSchema().description("The scheme parameter at fault."))
                .addProperty("limit", new StringSchema().description("The posplan.limits.* property exceeded."))
                .addProperty("max", new IntegerSchema().format("int64").description("The value of that limit."));
    }

    /**
     * Copies a property's {@code @JsonPropertyDescription} into its schema. swagger-core resolves a container's
     * items (or map values) first, with the same annotations, so the description is taken off them again when
     * the container itself arrives.
     */
    @Bean
    PropertyCustomizer jsonPropertyDescriptions() {
        return (schema, type) -> {
            if (schema == null || type.getCtxAnnotations() == null) {
                return schema;
            }
            for (var a : type.getCtxAnnotations()) {
                if (a instanceof JsonPropertyDescription d) {
                    schema.setDescription(d.value());
                    clearIfSame(schema.getItems(), d.value());
                    if (schema.getAdditionalProperties() instanceof Schema<?> values) {
                        clearIfSame(values, d.value());
                    }
                }
            }
            return schema;
        };
    }

    private static void clearIfSame(Schema<?> inner, String description) {
        if (inner != null && description.equals(inner.getDescription())) {
            inner.setDescription(null);
        }
    }

    @Bean
    OpenAPI posplanOpenApi() {
        return new OpenAPI().info(new Info().title("posplan").version("0.1.0")
                .description("Exact multimodal rotary position IDs and frequency allocations of batches given as "
                        + "parts, input_ids or chat messages, answered as JSON (capped in size), safetensors, npy or "
                        + "npz. Contract: specs/api-v1.md."));
    }
}
