package dev.posplan.multimodal.text;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One OpenAI-style chat message: a role and its content, a list of text, image and video parts (a string
 * content is one text part).
 */
public record ChatMessage(String role, List<Content> content) {

    /** Roles the chat templates know; tool calls and tool definitions are not part of a planning request. */
    public static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool");

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("role must be one of " + ROLES + ", got '" + clip(role) + "'");
        }
        content = List.copyOf(content);
    }

    /** A message whose content is a string. */
    public static ChatMessage text(String role, String text) {
        return new ChatMessage(role, List.of(new Text(text)));
    }

    /** A part of a message's content. */
    public sealed interface Content permits Text, Image, Video {
    }

    /** Text, rendered verbatim. */
    public record Text(String text) implements Content {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** An image of {@code width x height} pixels. */
    public record Image(int width, int height) implements Content {
    }

    /** A video of {@code frames} frames at {@code fps}, {@code width x height} pixels. */
    public record Video(int frames, double fps, int width, int height) implements Content {
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
