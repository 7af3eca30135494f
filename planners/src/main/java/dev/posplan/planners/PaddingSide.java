package dev.posplan.planners;

/** Where a batch pads its shorter rows ({@link BatchPlanner}); a scheme declares its host's side. */
public enum PaddingSide {
    /** Before the prompt: what {@code generate()} needs, the Qwen-VL hosts' side. */
    LEFT,
    /** After the prompt: training collators such as 2D-TPE's. */
    RIGHT
}
