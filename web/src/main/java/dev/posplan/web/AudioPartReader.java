package dev.posplan.web;

import dev.posplan.multimodal.FamilyPreset;
import dev.posplan.multimodal.HostFormat;
import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.multimodal.PromptPart;
import dev.posplan.multimodal.QwenOmniFormat;
import dev.posplan.multimodal.VisionModel;
import dev.posplan.multimodal.processor.OmniModel;

/**
 * Reads the audio of a {@code /v1/plans} row: {@code {"type": "audio"}} parts and the {@code audio} track of a
 * video part ({@code use_audio_in_video}), each by placeholder {@code tokens} or by {@code mel_frames} through the
 * model's length formula ({@link OmniModel#audioTokens}). Only host formats with audio take them.
 */
final class AudioPartReader {

    /** Mel frames accepted per audio: 10 hours at 100 frames per second. */
    static final int MAX_MEL_FRAMES = 3_600_000;

    private AudioPartReader() {
    }

    /** Placeholder tokens of an audio part at {@code at}. */
    static int tokens(V1PlanRequest.Part part, String at, VisionModel model, HostFormat format) {
        requireAudioFormat(format, at + "/type", "audio parts");
        return count(part.tokens(), part.melFrames(), at, model);
    }

    /** Placeholder tokens of a video part's audio track, or 0 when it has none. */
    static int trackTokens(V1PlanRequest.Part part, String at, VisionModel model, HostFormat format) {
        V1PlanRequest.AudioTrack track = part.audio();
        if (track == null) {
            return 0;
        }
        requireAudioFormat(format, at + "/audio", "a video's audio track");
        return count(track.tokens(), track.melFrames(), at + "/audio", model);
    }

    /** The audio part as the host format takes it. */
    static PromptPart.Audio part(V1PlanRequest.Part part, String at, VisionModel model, HostFormat format) {
        return new PromptPart.Audio(tokens(part, at, model, format));
    }

    /** The video, with its audio track interleaved when the part has one. */
    static PromptPart withTrack(PromptPart.Video video, V1PlanRequest.Part part, String at, VisionModel model,
            HostFormat format) {
        if (part.audio() == null) {
            return video;
        }
        return new PromptPart.VideoWithAudio(video, trackTokens(part, at, model, format));
    }

    private static int count(Integer tokens, Integer melFrames, String at, VisionModel model) {
        if ((tokens == null) == (melFrames == null)) {
            throw InvalidInputException.at(at, "must give exactly one of tokens or mel_frames");
        }
        if (tokens != null) {
            if (tokens < 1) {
                throw InvalidInputException.at(at + "/tokens", "must be >= 1, got " + tokens);
            }
            return tokens;
        }
        if (melFrames < 1 || melFrames > MAX_MEL_FRAMES) {
            throw InvalidInputException.at(at + "/mel_frames", "must be in 1.." + MAX_MEL_FRAMES + ", got "
                    + melFrames);
        }
        OmniModel encoder = model instanceof FamilyPreset f ? f.audio() : null;
        if (encoder == null) {
            throw InvalidInputException.at(at + "/mel_frames", "needs a model with an audio encoder (qwen2.5-omni, "
                    + "qwen3-omni) for its length formula; give tokens instead");
        }
        int n = encoder.audioTokens(melFrames);
        if (n < 1) {
            throw InvalidInputException.at(at + "/mel_frames", melFrames + " mel frames make no audio token in "
                    + "model " + model.apiName());
        }
        return n;
    }

    private static void requireAudioFormat(HostFormat format, String at, String what) {
        if (!(format instanceof QwenOmniFormat)) {
            throw InvalidInputException.at(at, "host format " + format.apiName() + " has no " + what
                    + " (formats with audio: qwen2.5-omni, qwen3-omni)");
        }
    }
}
