package dev.posplan.multimodal;

/**
 * Why a run of text tokens is there. Every role is plain text for position purposes; the role lets a
 * reader (or the UI) tell wrapper tokens from prompt text.
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
    FRAME_SEPARATOR
}
