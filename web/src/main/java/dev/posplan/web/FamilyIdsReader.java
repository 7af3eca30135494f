package dev.posplan.web;

import dev.posplan.multimodal.FamilyIds;
import dev.posplan.multimodal.FamilyPreset;
import dev.posplan.multimodal.HostFormat;
import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.multimodal.TokenStream;
import java.util.List;

/**
 * The {@code input_ids} rows of a request for a {@link FamilyPreset}: the batch-level grids, Qwen-Omni's
 * {@code second_per_grid_ts} (held as the float32 tensor the model sees), {@code audio_seqlens} (mel frames of
 * every audio, as {@code forward} sums {@code feature_attention_mask}) and {@code use_audio_in_video}, handed
 * to the family's block detection ({@link FamilyPreset#ids()}).
 */
final class FamilyIdsReader {

    private FamilyIdsReader() {
    }

    static List<TokenStream> rows(FamilyPreset model, HostFormat format, V1PlanRequest r, int[][] inputIds,
            int[][] mask, int[][] images, int[][] videos, String at) {
        boolean audio = model.audio() != null;
        float[] spg = null;
        if (r.secondPerGridTs() != null) {
            if (!audio) {
                throw InvalidInputException.at("/second_per_grid_ts", "is not read by model " + model.apiName()
                        + " (its positions do not scale with time)");
            }
            int n = videos == null ? 0 : videos.length;
            if (r.secondPerGridTs().size() != n) {
                throw InvalidInputException.at("/second_per_grid_ts", "must hold one value per video_grid_thw row ("
                        + n + "), got " + r.secondPerGridTs().size());
            }
            spg = new float[n];
            for (int i = 0; i < n; i++) {
                Double v = r.secondPerGridTs().get(i);
                if (v == null || !(v > 0) || v > 3600) {
                    throw InvalidInputException.at("/second_per_grid_ts/" + i, "must be a number in (0, 3600]");
                }
                spg[i] = v.floatValue();
            }
        }
        int[] seqlens = null;
        if (r.audioSeqlens() != null) {
            if (!audio) {
                throw InvalidInputException.at("/audio_seqlens", "model " + model.apiName() + " has no audio");
            }
            seqlens = new int[r.audioSeqlens().size()];
            for (int i = 0; i < seqlens.length; i++) {
                Integer v = r.audioSeqlens().get(i);
                if (v == null || v < 1 || v > AudioPartReader.MAX_MEL_FRAMES) {
                    throw InvalidInputException.at("/audio_seqlens/" + i, "must be mel frames in 1.."
                            + AudioPartReader.MAX_MEL_FRAMES);
                }
                seqlens[i] = v;
            }
        }
        boolean audioInVideo = Boolean.TRUE.equals(r.useAudioInVideo());
        if (audioInVideo && !audio) {
            throw InvalidInputException.at("/use_audio_in_video", "model " + model.apiName() + " has no audio");
        }
        try {
            return model.ids().rows(model, new FamilyIds.Batch(inputIds, mask, images, videos, spg, seqlens,
                    audioInVideo), format);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(at, at + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(at, at + ": " + e.getMessage());
        }
    }

    /** The Omni batch fields are only read for rows given as input_ids. */
    static void requireIdsRows(V1PlanRequest r, long idsRows) {
        if (idsRows > 0) {
            return;
        }
        if (r.audioSeqlens() != null) {
            throw InvalidInputException.at("/audio_seqlens", "is only read for sequences given as input_ids (a "
                    + "part gives its own mel_frames)");
        }
        if (Boolean.TRUE.equals(r.useAudioInVideo())) {
            throw InvalidInputException.at("/use_audio_in_video", "is only read for sequences given as input_ids (a "
                    + "video part takes its track as audio)");
        }
    }
}
