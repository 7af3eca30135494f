package dev.posplan.multimodal;

import dev.posplan.multimodal.processor.OmniModel;
import java.util.ArrayList;
import java.util.List;

/**
 * The Qwen-Omni thinkers' token layouts (golden-incoming/qwen_omni/README.md): an image or video is
 * {@code <vision_bos>} pads {@code <vision_eos>} (one block, time on t as Qwen2.5-VL), an audio
 * {@code <audio_bos>} pads {@code <audio_eos>} positioned like text. A video with its audio track
 * ({@code use_audio_in_video}) is {@code <vision_bos><audio_bos>} the interleaved video and audio pads
 * {@code <audio_eos><vision_eos>}:
 * <ul>
 *   <li>{@link #QWEN2_5_OMNI}: in 2-second chunks ({@code get_chunked_index}: over each modality's time values
 *       a counter c, starting at 1, opens a new chunk at the first token whose value is at least
 *       {@code c · 2 · pps} and moves once per token), video chunk 0, audio chunk 0, video chunk 1, …; both bos
 *       tokens share one position and so do both eos tokens (the first of each pair is
 *       {@link TextRole#SHARED}).</li>
 *   <li>{@link #QWEN3_OMNI}: merged by time, whole frames first on ties; bos and eos take consecutive
 *       positions.</li>
 * </ul>
 */
public enum QwenOmniFormat implements HostFormat {
    QWEN2_5_OMNI("qwen2.5-omni", OmniModel.QWEN2_5_OMNI),
    QWEN3_OMNI("qwen3-omni", OmniModel.QWEN3_OMNI);

    /** Seconds per audio-in-video chunk (Qwen2.5-Omni's {@code seconds_per_chunk}). */
    private static final int SECONDS_PER_CHUNK = 2;

    private final String apiName;
    private final OmniModel model;

    QwenOmniFormat(String apiName, OmniModel model) {
        this.apiName = apiName;
        this.model = model;
    }

    @Override
    public String apiName() {
        return apiName;
    }

    public OmniModel model() {
        return model;
    }

    /** Whether the two bos (and the two eos) tokens around a video with audio share one position. */
    public boolean sharedWrappers() {
        return this == QWEN2_5_OMNI;
    }

    @Override
    public void appendImage(TokenStream.Builder b, VisualBlock image) {
        b.text(1, TextRole.VISION_START).add(image).text(1, TextRole.VISION_END);
    }

    @Override
    public void appendVideo(TokenStream.Builder b, PromptPart.Video video, int source) {
        appendImage(b, video.block(source));
    }

    @Override
    public void appendAudio(TokenStream.Builder b, PromptPart.Audio audio) {
        b.text(1, TextRole.AUDIO_START).text(audio.tokens(), TextRole.AUDIO).text(1, TextRole.AUDIO_END);
    }

    @Override
    public void appendVideoWithAudio(TokenStream.Builder b, PromptPart.VideoWithAudio av, int source) {
        VisualBlock video = av.video().block(source);
        TextRole outer = sharedWrappers() ? TextRole.SHARED : TextRole.VISION_START;
        b.text(1, outer).text(1, TextRole.AUDIO_START);
        b.add(new AudioVideoBlock(video, av.audioTokens(), runs(video, av.audioTokens())));
        b.text(1, sharedWrappers() ? TextRole.SHARED : TextRole.AUDIO_END).text(1, TextRole.VISION_END);
    }

    /** The processor's interleave of a video's tokens and its audio's, as alternating run lengths. */
    int[] runs(VisualBlock video, int audioTokens) {
        Grid g = video.grid();
        float spg = video.hasSecondsPerGrid() ? video.secondsPerGrid() : 1.0f;
        return this == QWEN2_5_OMNI ? chunked(g, spg, audioTokens) : mergedByTime(g, spg, audioTokens);
    }

    /** 2.5: each modality cut into chunks by its time values, then chunk i of video, chunk i of audio, …. */
    private int[] chunked(Grid g, float spg, int audioTokens) {
        double perChunk = model.positionsPerSecond() * SECONDS_PER_CHUNK;
        List<Integer> video = new ArrayList<>();
        int c = 1;
        int open = 0;
        int perFrame = g.tokensPerSlice();
        for (int k = 0; k < g.t(); k++) {
            // the processor's values are float64 and untruncated
            double value = k * (double) spg * model.positionsPerSecond();
            for (int i = 0; i < perFrame; i++) {
                if (value >= c * perChunk) {
                    video.add(open);
                    open = 0;
                    c++;
                }
                open++;
            }
        }
        video.add(open);
        List<Integer> audio = new ArrayList<>();
        c = 1;
        open = 0;
        for (int j = 0; j < audioTokens; j++) {
            if (j >= c * perChunk) {
                audio.add(open);
                open = 0;
                c++;
            }
            open++;
        }
        audio.add(open);
        int n = Math.max(video.size(), audio.size());
        int[] runs = new int[2 * n];
        for (int i = 0; i < n; i++) {
            runs[2 * i] = i < video.size() ? video.get(i) : 0;
            runs[2 * i + 1] = i < audio.size() ? audio.get(i) : 0;
        }
        return runs;
    }

    /** 3: the next whole frame goes first while its time is at most the next audio token's. */
    private int[] mergedByTime(Grid g, float spg, int audioTokens) {
        List<Integer> runs = new ArrayList<>();
        int k = 0;
        int j = 0;
        int videoRun = 0;
        int audioRun = 0;
        while (k < g.t() || j < audioTokens) {
            boolean frameFirst = j >= audioTokens
                    || k < g.t() && (float) model.sliceTime(k, spg) <= (float) j;
            if (frameFirst) {
                if (audioRun > 0) {
                    runs.add(videoRun);
                    runs.add(audioRun);
                    videoRun = 0;
                    audioRun = 0;
                }
                videoRun += g.tokensPerSlice();
                k++;
            } else {
                audioRun++;
                j++;
            }
        }
        runs.add(videoRun);
        runs.add(audioRun);
        return runs.stream().mapToInt(Integer::intValue).toArray();
    }
}
