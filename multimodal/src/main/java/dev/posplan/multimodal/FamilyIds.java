package dev.posplan.multimodal;

import java.util.List;

/**
 * How a model family finds its blocks in {@code input_ids}, as its reference {@code get_rope_index} does; one
 * implementation per family, over the batch a backend holds.
 */
@FunctionalInterface
public interface FamilyIds {

    /**
     * Everything a backend passes to the reference position code.
     *
     * @param inputIds        {@code [B][L]}
     * @param attentionMask   {@code [B][L]}, or null for all ones
     * @param imageGridThw    processor grids of every image of the batch in row order, or null
     * @param videoGridThw    processor grids of every video, or null
     * @param secondPerGrid   float32 seconds per temporal grid of every video (Qwen-Omni), or null
     * @param audioSeqlens    mel frames of every audio in order of appearance (Qwen-Omni), or null
     * @param useAudioInVideo a video's audio track is interleaved into it (Qwen-Omni)
     */
    record Batch(int[][] inputIds, int[][] attentionMask, int[][] imageGridThw, int[][] videoGridThw,
            float[] secondPerGrid, int[] audioSeqlens, boolean useAudioInVideo) {
    }

    /**
     * One stream per row.
     *
     * @param model  the preset whose token ids are read
     * @param format the request's host format (it may choose a layout variant)
     */
    List<TokenStream> rows(FamilyPreset model, Batch batch, HostFormat format);
}
