package dev.posplan.multimodal;

import java.util.List;

/**
 * How a model family writes images and videos into its token sequence (wrapper tokens, per-frame
 * blocks, timestamps). Formats turn {@link PromptPart}s into a {@link TokenStream}.
 */
public interface HostFormat {

    /** Stable name used in the API. */
    String apiName();

    /** Expands the prompt parts, preceded by {@code leftPadding} padding tokens. */
    TokenStream expand(List<PromptPart> parts, int leftPadding);

    default TokenStream expand(List<PromptPart> parts) {
        return expand(parts, 0);
    }
}
