package dev.posplan.multimodal;

import dev.posplan.multimodal.processor.FamilyImageProcessor;
import dev.posplan.multimodal.processor.OmniModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link FamilyPreset}s: constants from the golden-incoming READMEs (which quote the transformers configs
 * they ran with) and the transformers config classes; docs/models.md lists each with its source.
 */
final class FamilyPresets {

    private static final int MERGE = 2;

    private FamilyPresets() {
    }

    /** GLM-4.1V-9B-Thinking: transformers {@code Glm4vConfig} ids, the checkpoint's rotary values (glm4v README). */
    static final FamilyPreset GLM_4_1V = glm("glm-4.1v", "zai-org/GLM-4.1V-9B-Thinking", 151343, 151344,
            "GLM-4.1V-9B-Thinking rotary values as the glm4v golden README quotes them");

    /** GLM-4.5V: transformers {@code Glm4vMoeConfig} ids (image 151363); the same rope index and rotary layout. */
    static final FamilyPreset GLM_4_5V = glm("glm-4.5v", "zai-org/GLM-4.5V", 151363, 151364,
            "ids from transformers Glm4vMoeConfig defaults; rotary values as GLM-4.1V's (Glm4vMoeTextConfig "
                    + "defaults: partial 0.5, theta 1e4, [8,12,12], 65536), not re-read from the checkpoint");

    /** ERNIE-4.5-VL-28B-A3B: the transformers config defaults (= that checkpoint) the ernie45_vl README quotes. */
    static final FamilyPreset ERNIE_4_5_VL = new FamilyPreset("ernie-4.5-vl", "baidu/ERNIE-4.5-VL-28B-A3B-PT",
            "ernie45-vl", params(128, 500_000.0, List.of(22, 22, 20), "compat", "transformers"),
            ErnieFormat.ERNIE45_VL, 131072,
            ids("image", 100295, "video", 103367, "image_start", 101304, "image_end", 101305, "video_start", 101306,
                    "video_end", 101307),
            FamilyImageProcessor.ERNIE45_VL, null, FamilyPresets::ernieRows,
            "mm_token_type_ids are derived from the ids as the processor sets them (image 1, video 2); "
                    + "mrope_section [22,22,20] is the rotary class default (the checkpoint config was not readable)");

    /** Ming (BailingMoeV2Config ids), interleaved frame timestamps (Ming's default); vLLM's Bailing rotary tests. */
    static final FamilyPreset MING = new FamilyPreset("ming", "inclusionAI/Ming-Lite-Omni", "bailing",
            bailingParams(), BailingFormat.BAILING_INTERLEAVED, 32768,
            ids("image_patch", 157157, "video_patch", 157175, "image_start", 157158, "image_end", 157159,
                    "video_start", 157160, "video_end", 157161),
            FamilyImageProcessor.MING, null, FamilyPresets::bailingRows,
            "rotary head 64 / theta 6e6 / [8,12,12] are vLLM's Bailing test values, not re-read from a checkpoint; "
                    + "images by pixel size go through the image processor alone (sides below 28 are refused), "
                    + "not also through bailingmm_utils.fetch_image's earlier resize; videos by frames/fps/size "
                    + "follow bailingmm_utils.fetch_video (at most 128 frames) and, in the interleaved format, need "
                    + "timestamp_tokens (the frame time text is not counted without a tokenizer); format bailing plans "
                    + "use_interleaved_frame_timestamp=False");

    /** Qwen2.5-Omni-7B thinker (qwen_omni README constants). */
    static final FamilyPreset QWEN2_5_OMNI = new FamilyPreset("qwen2.5-omni", "Qwen/Qwen2.5-Omni-7B",
            "qwen2.5-omni", params(128, 1_000_000.0, List.of(16, 24, 24)), QwenOmniFormat.QWEN2_5_OMNI, 32768,
            omniIds(151646, 151647, 151648), FamilyImageProcessor.QWEN2_5_OMNI, OmniModel.QWEN2_5_OMNI,
            FamilyPresets::omniRows, "videos by frames/fps/size follow qwen-omni-utils fetch_video with "
                    + "second_per_grid_t = 2 / 2.0 (the processor's fps kwarg default); give second_per_grid_t to "
                    + "override it");

    /** Qwen3-Omni-30B-A3B thinker (qwen_omni README constants): float32 positions. */
    static final FamilyPreset QWEN3_OMNI = new FamilyPreset("qwen3-omni", "Qwen/Qwen3-Omni-30B-A3B-Instruct",
            "qwen3-omni", params(128, 1_000_000.0, List.of(24, 20, 20)), QwenOmniFormat.QWEN3_OMNI, 65536,
            omniIds(151675, 151669, 151670), FamilyImageProcessor.QWEN3_OMNI, OmniModel.QWEN3_OMNI,
            FamilyPresets::omniRows, "videos by frames/fps/size are not served (the video processor its checkpoint "
                    + "applies after qwen-omni-utils is not among the references read; give grid_thw and "
                    + "second_per_grid_t); the image pixel budget was not re-read from the checkpoint");

    /** HunyuanOCR (HunYuanVLConfig defaults, the hunyuan_vl README): 4-axis XD-RoPE, images only. */
    static final FamilyPreset HUNYUAN_VL = new FamilyPreset("hunyuan-vl", "tencent/HunyuanOCR", "hunyuan-vl",
            params(128, 10_000.0, null, "alpha", 1000, "xdrope_section", List.of(16, 16, 16, 16)),
            HunyuanFormat.HUNYUAN_VL, 32768,
            ids("image_start", 120118, "image_end", 120119, "image", 120120, "image_newline", 120121, "pad", 120002),
            FamilyImageProcessor.HUNYUAN_VL, null, FamilyPresets::hunyuanRows,
            "images by grid, grid_thw or pixel size (the transformers image processor's class defaults: patch 16, "
                    + "merge 2, 512² .. 2048² pixels; the checkpoint's preprocessor_config.json was not read); "
                    + "the processor has no video path");

    static final List<FamilyPreset> ALL = List.of(GLM_4_1V, GLM_4_5V, ERNIE_4_5_VL, MING, QWEN2_5_OMNI, QWEN3_OMNI,
            HUNYUAN_VL);

    private static FamilyPreset glm(String name, String checkpoint, int image, int video, String notes) {
        Map<String, Object> params = params(128, 10_000.0, List.of(8, 12, 12));
        params.put("partial_rotary_factor", 0.5);
        return new FamilyPreset(name, checkpoint, "glm4v", params, GlmFormat.GLM4V, 65536,
                ids("image", image, "video", video, "image_start", 151339, "image_end", 151340, "video_start", 151341,
                        "video_end", 151342),
                FamilyImageProcessor.GLM4V, null, FamilyPresets::glmRows, notes);
    }

    private static Map<String, Object> params(int headDim, double theta, List<Integer> section, Object... more) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("head_dim", headDim);
        m.put("rope_theta", theta);
        if (section != null) {
            m.put("mrope_section", section);
        }
        for (int i = 0; i < more.length; i += 2) {
            m.put((String) more[i], more[i + 1]);
        }
        return m;
    }

    private static Map<String, Object> bailingParams() {
        Map<String, Object> m = params(64, 6_000_000.0, List.of(8, 12, 12));
        m.put("max_position_embeddings", 32768);
        return m;
    }

    private static Map<String, Integer> ids(Object... pairs) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Integer) pairs[i + 1]);
        }
        return m;
    }

    private static Map<String, Integer> omniIds(int audio, int audioStart, int audioEnd) {
        return ids("image", 151655, "video", 151656, "audio", audio, "vision_start", 151652, "vision_end", 151653,
                "audio_start", audioStart, "audio_end", audioEnd, "pad", 151643);
    }

    // ------------------------------------------------------------------------------------------------
    // block detection, one per family

    private static List<TokenStream> glmRows(FamilyPreset m, FamilyIds.Batch b, HostFormat format) {
        GlmInputIds.TokenIds ids = new GlmInputIds.TokenIds(m.tokenId("image"), m.tokenId("video_start"),
                m.tokenId("video_end"));
        return GlmInputIds.rows(ids, b.inputIds(), b.attentionMask(), b.imageGridThw(), b.videoGridThw(), MERGE);
    }

    /** The processor's {@code mm_token_type_ids}: 1 on image placeholders, 2 on video placeholders. */
    private static List<TokenStream> ernieRows(FamilyPreset m, FamilyIds.Batch b, HostFormat format) {
        int image = m.tokenId("image");
        int video = m.tokenId("video");
        int[][] types = new int[b.inputIds().length][];
        for (int r = 0; r < types.length; r++) {
            int[] row = b.inputIds()[r];
            types[r] = new int[row.length];
            for (int i = 0; i < row.length; i++) {
                types[r][i] = row[i] == image ? TokenTypeRuns.IMAGE : row[i] == video ? TokenTypeRuns.VIDEO
                        : TokenTypeRuns.TEXT;
            }
        }
        return ErnieInputIds.rows(types, b.attentionMask(), b.imageGridThw(), b.videoGridThw(), MERGE,
                m.images().videoTemporalMerge());
    }

    private static List<TokenStream> bailingRows(FamilyPreset m, FamilyIds.Batch b, HostFormat format) {
        return BailingInputIds.rows(new BailingInputIds.TokenIds(m.tokenId("image_patch"), m.tokenId("video_patch")),
                b.inputIds(), b.attentionMask(), b.imageGridThw(), b.videoGridThw(), MERGE,
                format != BailingFormat.BAILING);
    }

    private static List<TokenStream> hunyuanRows(FamilyPreset m, FamilyIds.Batch b, HostFormat format) {
        if (b.videoGridThw() != null && b.videoGridThw().length > 0) {
            throw InvalidInputException.at("/video_grid_thw", "HunyuanVL plans images only");
        }
        return HunyuanInputIds.rows(new HunyuanInputIds.TokenIds(m.tokenId("image_start")), b.inputIds(),
                b.attentionMask(), b.imageGridThw(), MERGE);
    }

    private static List<TokenStream> omniRows(FamilyPreset m, FamilyIds.Batch b, HostFormat format) {
        QwenOmniFormat omni = format instanceof QwenOmniFormat f ? f : (QwenOmniFormat) m.hostFormat();
        OmniInputIds.TokenIds ids = new OmniInputIds.TokenIds(m.tokenId("image"), m.tokenId("video"),
                m.tokenId("audio"), m.tokenId("vision_start"), m.tokenId("audio_start"), m.tokenId("audio_end"));
        return OmniInputIds.rows(omni, ids, new OmniInputIds.Inputs(b.inputIds(), b.attentionMask(),
                b.imageGridThw(), b.videoGridThw(), b.secondPerGrid(), b.audioSeqlens(), b.useAudioInVideo(), MERGE));
    }
}
