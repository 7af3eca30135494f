package dev.posplan.web;

import dev.posplan.multimodal.InvalidInputException;

/**
 * A video part given by its source: {@code frames} at {@code fps}, {@code width x height} pixels, each checked
 * against the limits before any processor math runs (the samplers allocate per sampled frame, never per source
 * frame, but a frame count past 2^20 is no real video).
 *
 * @param frames frames of the source video
 * @param fps    frame rate of the source video
 * @param width  frame width in pixels
 * @param height frame height in pixels
 */
record VideoSize(int frames, double fps, int width, int height) {

    /** Most source frames a request may name. */
    static final int MAX_FRAMES = 1 << 20;

    /** Highest source frame rate a request may name. */
    static final double MAX_FPS = 1000;

    /** The fields of a part at {@code at}, each refused by its own JSON Pointer. */
    static VideoSize of(V1PlanRequest.Part part, String at) {
        int width = WireParts.positive(part.width(), at + "/width");
        int height = WireParts.positive(part.height(), at + "/height");
        int frames = WireParts.positive(part.frames(), at + "/frames");
        if (frames > MAX_FRAMES) {
            throw InvalidInputException.at(at + "/frames", "must be at most " + MAX_FRAMES);
        }
        Double fps = part.fps();
        if (fps == null) {
            throw InvalidInputException.at(at + "/fps", "is required");
        }
        if (!(fps > 0) || fps > MAX_FPS) {
            throw InvalidInputException.at(at + "/fps", "must be in (0, " + (int) MAX_FPS + "], got " + fps);
        }
        return new VideoSize(frames, fps, width, height);
    }
}
