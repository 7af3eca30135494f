package dev.posplan.multimodal;

import java.util.Objects;

/**
 * One multimodal item as vLLM's processor records it: its modality and the index, in the unpadded row,
 * where its placeholder starts (the first pad token; for Qwen3-VL videos the first timestamp token).
 */
public record Placeholder(Modality modality, int offset) {

    public Placeholder {
        Objects.requireNonNull(modality, "modality");
        if (offset < 0) {
            throw InvalidInputException.of("placeholder offset must be >= 0, got " + offset);
        }
    }
}
