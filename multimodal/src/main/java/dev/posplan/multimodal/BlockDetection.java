package dev.posplan.multimodal;

/**
 * How an implementation finds the vision blocks in {@code input_ids} (qwen-mrope.md §3.6, §9 #6 and #8).
 * The rules agree on every prompt a processor produces and differ on hand-made ones (bare pads, adjacent
 * images).
 */
public enum BlockDetection implements ApiNamed {

    /**
     * HF transformers 4.x {@code get_rope_index}: the number of images (videos) is the number of
     * {@code <|vision_start|>} tokens directly followed by an image (video) pad; each block then starts at
     * the earliest remaining pad at or after the cursor and is as long as its grid. Pads not preceded by
     * {@code <|vision_start|>} are text, and their grids are never consumed.
     */
    TOKEN_SCAN("token-scan"),

    /**
     * HF transformers main ({@code mm_token_type_ids}): every maximal run of image (video) pads is one
     * block and takes the next grid of its modality. Two images with no token between them merge into one
     * run whose length disagrees with the grid: HF raises, and so does posplan.
     */
    TOKEN_TYPE_RUNS("token-type-runs"),

    /**
     * vLLM: blocks sit at the processor's placeholder offsets (first pad token; for Qwen3-VL videos, any
     * index before the first frame, each frame being the first video pad between the next
     * {@code <|vision_start|>} and {@code <|vision_end|>}). Without explicit offsets, each run of pads is
     * split into consecutive items by the grid sizes, which is where the processor puts them.
     */
    PLACEHOLDER_OFFSETS("placeholder-offsets");

    private final String apiName;

    BlockDetection(String apiName) {
        this.apiName = apiName;
    }

    @Override

    public String apiName() {
        return apiName;
    }

    public static BlockDetection byName(String name) {
        return ApiNamed.parse(BlockDetection.class, name, "block detection");
    }
}
