package dev.posplan.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Arrays;
import java.util.Objects;

/**
 * Which position axis drives each rotary frequency: pair {@code j} rotates two channels ({@code pairing}
 * {@code neox}: {@code (j, j + D/2)}; {@code gptj}: {@code (2j, 2j + 1)}) with angle
 * {@code position[axis] * invFreq[j]}. Exactly one of {@code pairAxis} (one axis per pair) and
 * {@code kvHeadAxis} (one axis per KV head, head-wise schemes such as MHRoPE) is present; axis indices
 * refer to the plan's {@code axes}, {@code -1} means no rotation (a NoPE pair or head).
 *
 * @param layout     short name of the allocation rule (chunked, interleaved, headwise, ...)
 * @param headDim    head dimension
 * @param rotaryDim  rotated channels D
 * @param theta      rope base
 * @param invFreq    D/2 float32 inverse frequencies, bit-exact to the reference
 * @param pairAxis   axis per rotary pair, or null
 * @param kvHeadAxis axis per KV head, or null
 * @param pairing    which channels a pair rotates ({@code neox} or {@code gptj}), null without rotary pairs
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FrequencyInfo(
        @JsonPropertyDescription("Short name of the allocation rule.") String layout,
        @JsonPropertyDescription("Head dimension.") int headDim,
        @JsonPropertyDescription("Rotated channels D (head_dim x partial_rotary_factor).") int rotaryDim,
        @JsonPropertyDescription("Rope base.") double theta,
        @JsonPropertyDescription("D/2 float32 inverse frequencies, bit-exact to the reference.") float[] invFreq,
        @JsonPropertyDescription("Axis index (into axes) per rotary pair; -1 = no rotation.") int[] pairAxis,
        @JsonPropertyDescription("Axis index (into axes) per KV head; -1 = no rotation.") int[] kvHeadAxis,
        @JsonPropertyDescription("Channels pair j rotates: neox = (j, j + D/2), gptj = (2j, 2j + 1).")
                String pairing) {

    @Override
    public boolean equals(Object o) {
        return o instanceof FrequencyInfo f && Objects.equals(layout, f.layout) && headDim == f.headDim
                && rotaryDim == f.rotaryDim && Double.compare(theta, f.theta) == 0 && Arrays.equals(invFreq, f.invFreq)
                && Arrays.equals(pairAxis, f.pairAxis) && Arrays.equals(kvHeadAxis, f.kvHeadAxis)
                && Objects.equals(pairing, f.pairing);
    }

    @Override
    public int hashCode() {
        return Objects.hash(layout, headDim, rotaryDim, theta, Arrays.hashCode(invFreq), Arrays.hashCode(pairAxis),
                Arrays.hashCode(kvHeadAxis), pairing);
    }

    @Override
    public String toString() {
        return "FrequencyInfo[" + layout + ", headDim=" + headDim + ", rotaryDim=" + rotaryDim + ", theta=" + theta
                + (pairAxis != null ? ", pairAxis=" + Arrays.toString(pairAxis)
                        : ", kvHeadAxis=" + Arrays.toString(kvHeadAxis)) + ", pairing=" + pairing + "]";
    }
}
