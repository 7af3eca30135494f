package dev.posplan.multimodal;

import dev.posplan.multimodal.processor.InternVlTiles;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The constants of InternVL2 with V2PE (docs/models.md, vlm-ropes.md §9): token ids, the dynamic-tiling processor
 * settings and the {@code v2pe} parameters of inference ({@code v2pe_fix}, stride 64, 256 tokens per tile).
 *
 * <p>{@code max_position_embeddings} 32,768 is the InternVL2-2B {@code config.json} value as commonly quoted; it
 * was not re-read from a stored copy of that config (docs/models.md).
 *
 * @param apiName               stable name used in the API
 * @param referenceCheckpoint   checkpoint the constants describe
 * @param imgStart              {@code <img>}
 * @param imgEnd                {@code </img>}
 * @param imgContext            {@code <IMG_CONTEXT>}, one per context token of a tile
 * @param imStart               {@code <|im_start|>}
 * @param imEnd                 {@code <|im_end|>}
 * @param tileSize              side of one tile in pixels
 * @param patchSize             vision patch side in pixels
 * @param tokensPerTile         {@code num_image_token}: (tile/patch)² · 0.5²
 * @param minTiles              {@code min_dynamic_patch}
 * @param maxTiles              {@code max_dynamic_patch}
 * @param thumbnail             a thumbnail tile is added when an image has more than one tile
 * @param headDim               rotary dimension of one head
 * @param ropeTheta             rope base of the language model
 * @param ropePosIdStride       V2PE inference stride (positions one tile spans)
 * @param maxPositionEmbeddings context length of the checkpoint
 */
public record InternVlPreset(String apiName, String referenceCheckpoint, int imgStart, int imgEnd, int imgContext,
        int imStart, int imEnd, int tileSize, int patchSize, int tokensPerTile, int minTiles, int maxTiles,
        boolean thumbnail, int headDim, double ropeTheta, double ropePosIdStride, int maxPositionEmbeddings)
        implements VisionModel {

    /** InternVL2 (2B, InternLM2-chat-1.8B) under V2PE's inference setting. */
    public static final InternVlPreset INTERNVL2 = new InternVlPreset("internvl2", "OpenGVLab/InternVL2-2B", 92544,
            92545, 92546, 92543, 92542, InternVlTiles.TILE_SIZE, 14,
            InternVlTiles.TOKENS_PER_SIDE * InternVlTiles.TOKENS_PER_SIDE, InternVlTiles.MIN_TILES,
            InternVlTiles.MAX_TILES, true, 128, 1_000_000, 64, 32768);

    public InternVlPreset {
        int side = tileSize / patchSize / 2; // pixel shuffle 0.5 halves each side
        if (patchSize < 1 || tileSize % (2 * patchSize) != 0 || side * side != tokensPerTile || minTiles < 1
                || maxTiles < minTiles) {
            throw InvalidInputException.of("bad constants for model preset " + apiName);
        }
    }

    @Override
    public String scheme() {
        return "v2pe";
    }

    @Override
    public Map<String, Object> schemeParams() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("head_dim", headDim);
        m.put("rope_theta", ropeTheta);
        m.put("rope_pos_id_version", "v2pe_fix");
        m.put("num_image_token", tokensPerTile);
        m.put("rope_pos_id_stride", ropePosIdStride);
        return m;
    }

    @Override
    public InternVlFormat hostFormat() {
        return InternVlFormat.INTERNVL2;
    }

    /** Context tokens per tile side. */
    public int tokensPerSide() {
        return tileSize / patchSize / 2;
    }

    /** The grid {@code (tiles, 16, 16)} of an image of {@code width x height} pixels, as dynamic tiling cuts it. */
    public Grid image(int width, int height) {
        int side = tokensPerSide();
        return new Grid(InternVlTiles.tiles(width, height, minTiles, maxTiles, tileSize, thumbnail), side, side);
    }
}
