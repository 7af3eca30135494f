package dev.posplan.planners.allocation;

import dev.posplan.multimodal.ApiNamed;

/**
 * Which two channels of a head rotary pair {@code j} rotates together. The angle of pair j is the same
 * either way; what differs is where its two channels sit, which a client applying the rotation needs.
 */
public enum ChannelPairing implements ApiNamed {
    /** Channels {@code (j, j + D/2)}: HF {@code rotate_half}, vLLM {@code is_neox_style=True}. */
    NEOX("neox"),
    /**
     * Channels {@code (2j, 2j + 1)}: GPT-J style, vLLM {@code is_neox_style=False} (GLM-4V, ERNIE-4.5-VL,
     * Bailing).
     */
    GPTJ("gptj");

    private final String apiName;

    ChannelPairing(String apiName) {
        this.apiName = apiName;
    }

    @Override
    public String apiName() {
        return apiName;
    }

    /** The two channels pair {@code j} of a {@code rotaryDim}-channel rotation rotates, first then second. */
    public int[] channels(int j, int rotaryDim) {
        return this == NEOX ? new int[] {j, j + rotaryDim / 2} : new int[] {2 * j, 2 * j + 1};
    }

    /** The pair channel {@code c} of a {@code rotaryDim}-channel rotation belongs to: the inverse of {@link #channels}. */
    public int pairOf(int c, int rotaryDim) {
        return this == NEOX ? c % (rotaryDim / 2) : c / 2;
    }
}
