package dev.posplan.multimodal;

/**
 * Why a run of text tokens is there. Every role except {@link #SHARED} is plain text for position
 * purposes; the role lets a reader (or the UI) tell wrapper tokens from prompt text.
 */
public enum TextRole {
    TEXT,
    VISION_START,
    VISION_END,
    /** Qwen3-VL's {@code "<x.x seconds>"} before each video frame. */
    TIMESTAMP,
    /** InternVL's {@code <img>}. */
    IMAGE_START,
    /** InternVL's {@code </img>}. */
    IMAGE_END,
    /** InternVL's {@code "FrameN:"} text before a video frame. */
    FRAME_PREFIX,
    /** Separator text between InternVL video frames. */
    FRAME_SEPARATOR,
    /** Qwen-Omni's {@code <|audio_bos|>} / {@code <|audio_start|>}. */
    AUDIO_START,
    /** Audio placeholders, which Qwen-Omni positions like text (one step per token on every axis). */
    AUDIO,
    /** Qwen-Omni's {@code <|audio_eos|>} / {@code <|audio_end|>}. */
    AUDIO_END,
    /**
     * Text that takes positions from the current one on without advancing it, so that sibling runs (e.g.
     * alternative answers after one prompt) all start at the same position: VRoPE's
     * {@code VRoPESharedTextShape} (vlm-ropes.md §8.1).
     */
    SHARED;

    /** Whether text of this role moves the next text position past itself (every role but {@link #SHARED}). */
    public boolean advancesPosition() {
        return this != SHARED;
    }
}
