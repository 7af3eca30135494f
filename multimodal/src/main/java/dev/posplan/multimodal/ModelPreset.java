package dev.posplan.multimodal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The constants of a released model family that decide its token layout and rotary positions
 * (qwen-mrope.md §1, checkpoint {@code config.json} values, not the HF class defaults).
 *
 * @param apiName               stable name used in the API ({@code qwen2-vl}, …)
 * @param referenceCheckpoint   checkpoint the constants were read from
 * @param scheme                registry name of the position scheme the family uses
 * @param tokenIds              special token ids
 * @param patchSize             vision patch side in pixels
 * @param spatialMergeSize      patches merged per side into one placeholder token ({@code m})
 * @param temporalPatchSize     video frames per temporal patch
 * @param tokensPerSecond       Qwen2.5-VL absolute-time scale; 0 for families without one
 * @param videoFramesAsBlocks   each temporal patch of a video is its own block (Qwen3-VL, §3.5)
 * @param headDim               rotary dimension of one head
 * @param ropeTheta             rope base
 * @param mropeSection          frequency pairs per axis (t, h, w)
 * @param interleaved           Qwen3-VL interleaved allocation instead of chunked (§6.3)
 * @param maxPositionEmbeddings context length of the checkpoint
 */
public record ModelPreset(String apiName, String referenceCheckpoint, String scheme, QwenTokenIds tokenIds,
        int patchSize, int spatialMergeSize, int temporalPatchSize, int tokensPerSecond, boolean videoFramesAsBlocks,
        int headDim, double ropeTheta, int[] mropeSection, boolean interleaved, int maxPositionEmbeddings)
        implements VisionModel {

    /** Qwen2-VL (2B/7B/72B): M-RoPE, chunked {@code [16, 24, 24]}, video t = temporal patch index. */
    public static final ModelPreset QWEN2_VL = new ModelPreset("qwen2-vl", "Qwen/Qwen2-VL-7B-Instruct", "mrope",
            QwenTokenIds.QWEN, 14, 2, 2, 0, false, 128, 1_000_000, new int[] {16, 24, 24}, false, 32768);

    /** Qwen2.5-VL (3B/7B/32B/72B): absolute-time M-RoPE with {@code tokens_per_second = 2}. */
    public static final ModelPreset QWEN2_5_VL = new ModelPreset("qwen2.5-vl", "Qwen/Qwen2.5-VL-7B-Instruct",
            "mrope-abs-time", QwenTokenIds.QWEN, 14, 2, 2, 2, false, 128, 1_000_000, new int[] {16, 24, 24}, false,
            128000);

    /** Qwen3-VL (dense and MoE): interleaved {@code [24, 20, 20]}, videos as per-frame blocks with timestamps. */
    public static final ModelPreset QWEN3_VL = new ModelPreset("qwen3-vl", "Qwen/Qwen3-VL-8B-Instruct",
            "mrope-interleave", QwenTokenIds.QWEN, 16, 2, 2, 0, true, 128, 5_000_000, new int[] {24, 20, 20}, true,
            262144);

    private static final List<ModelPreset> ALL = List.of(QWEN2_VL, QWEN2_5_VL, QWEN3_VL);

    public ModelPreset {
        Objects.requireNonNull(apiName, "apiName");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(tokenIds, "tokenIds");
        mropeSection = mropeSection.clone();
        if (patchSize < 1 || spatialMergeSize < 1 || temporalPatchSize < 1 || tokensPerSecond < 0 || headDim < 2) {
            throw InvalidInputException.of("bad constants for model preset " + apiName);
        }
    }

    public static List<ModelPreset> all() {
        return ALL;
    }

    /** Looks a preset up by its API name. */
    public static ModelPreset byName(String name) {
        for (ModelPreset p : ALL) {
            if (p.apiName.equals(name)) {
                return p;
            }
        }
        throw InvalidInputException.of("unknown model preset '" + name + "'; known: "
                + ALL.stream().map(ModelPreset::apiName).toList());
    }

    @Override
    public int[] mropeSection() {
        return mropeSection.clone();
    }

    /** Whether the family scales video time by {@code second_per_grid_t} (Qwen2.5-VL). */
    public boolean absoluteTime() {
        return tokensPerSecond > 0;
    }

    /** The parameters of {@link #scheme()} that encode this checkpoint's rotary configuration. */
    @Override
    public Map<String, Object> schemeParams() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("head_dim", headDim);
        m.put("rope_theta", ropeTheta);
        m.put("mrope_section", Arrays.stream(mropeSection).boxed().toList());
        if (absoluteTime()) {
            m.put("tokens_per_second", tokensPerSecond);
        }
        return m;
    }

    /** The host format that writes prompt parts the way this family's processor does (HF 4.57 / vLLM). */
    @Override
    public QwenFormats hostFormat() {
        return videoFramesAsBlocks ? QwenFormats.QWEN3_VL : QwenFormats.QWEN2_VL;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelPreset p && apiName.equals(p.apiName) && referenceCheckpoint.equals(p.referenceCheckpoint)
                && scheme.equals(p.scheme) && tokenIds.equals(p.tokenIds) && patchSize == p.patchSize
                && spatialMergeSize == p.spatialMergeSize && temporalPatchSize == p.temporalPatchSize
                && tokensPerSecond == p.tokensPerSecond && videoFramesAsBlocks == p.videoFramesAsBlocks
                && headDim == p.headDim && Double.compare(ropeTheta, p.ropeTheta) == 0
                && Arrays.equals(mropeSection, p.mropeSection) && interleaved == p.interleaved
                && maxPositionEmbeddings == p.maxPositionEmbeddings;
    }

    @Override
    public int hashCode() {
        return Objects.hash(apiName, scheme, tokenIds, headDim, ropeTheta, Arrays.hashCode(mropeSection));
    }

    @Override
    public String toString() {
        return "ModelPreset[" + apiName + ", scheme=" + scheme + ", theta=" + ropeTheta + ", mrope_section="
                + Arrays.toString(mropeSection) + (interleaved ? " interleaved" : " chunked") + "]";
    }
}
