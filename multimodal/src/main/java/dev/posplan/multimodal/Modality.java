package dev.posplan.multimodal;

/** What a visual block shows. Frames of a video that a host format splits into separate blocks stay {@link #VIDEO}. */
public enum Modality {
    IMAGE,
    VIDEO
}
