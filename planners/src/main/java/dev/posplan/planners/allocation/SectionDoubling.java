package dev.posplan.planners.allocation;

import dev.posplan.multimodal.ApiNamed;

/**
 * How an XD-RoPE reference stretches its {@code xdrope_section} (rotary pairs per axis, summing to D/2) over
 * the D channels of the duplicated {@code cat(freqs, freqs)} cos/sin table, whose chunk i then reads axis
 * {@code i % axes}. Channel c always keeps frequency {@code c mod D/2}; only which axis it reads differs.
 * The two agree on every channel exactly when one section holds all pairs, and on any token whose axes are
 * all equal (text): then both are plain RoPE.
 */
public enum SectionDoubling implements ApiNamed {

    /**
     * Each section doubled in place, {@code [2 s_0, 2 s_1, …]} (HF transformers' HunyuanVL
     * {@code _apply_rotary_pos_emb_xdrope}, {@code [int(s) * 2 for s in section]}): with neox pairing the two
     * channels of a pair read different axes once there are two sections or more.
     */
    ELEMENT_WISE("element-wise"),

    /**
     * The section list repeated, {@code section * 2} (a transformers fork, and vLLM's {@code XDRotaryEmbedding},
     * which splits the D/2-wide half table by the sections): both channels of pair j read the axis of the chunk
     * j falls in, an ordinary pair allocation.
     */
    LIST_REPETITION("list-repetition");

    private final String apiName;

    SectionDoubling(String apiName) {
        this.apiName = apiName;
    }

    @Override
    public String apiName() {
        return apiName;
    }

    /**
     * The axis of each of the {@code 2 · sum(section)} channels, axis i for section i.
     *
     * @throws IllegalArgumentException for a negative section or more channels than an array holds
     */
    public int[] channelAxis(int[] section) {
        long pairs = 0; // long: entries near Integer.MAX_VALUE must not wrap around
        for (int s : section) {
            if (s < 0) {
                throw new IllegalArgumentException("xdrope_section entries must be >= 0");
            }
            pairs += s;
        }
        if (pairs > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("xdrope_section sums to " + pairs + " pairs, too many channels");
        }
        int[] out = new int[(int) (2 * pairs)];
        int c = 0;
        if (this == ELEMENT_WISE) {
            for (int i = 0; i < section.length; i++) {
                for (int k = 0; k < 2 * section[i]; k++) {
                    out[c++] = i;
                }
            }
        } else {
            for (int copy = 0; copy < 2; copy++) {
                for (int i = 0; i < section.length; i++) {
                    for (int k = 0; k < section[i]; k++) {
                        out[c++] = i;
                    }
                }
            }
        }
        return out;
    }
}
