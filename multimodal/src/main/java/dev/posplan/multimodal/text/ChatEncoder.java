package dev.posplan.multimodal.text;

import dev.posplan.multimodal.QwenFormats;
import dev.posplan.multimodal.QwenTokenIds;
import dev.posplan.multimodal.processor.PartSizer;
import dev.posplan.multimodal.processor.ProcessorPreset;
import dev.posplan.multimodal.processor.Qwen3Timestamps;
import dev.posplan.multimodal.processor.SizedVisual;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Chat messages to {@code input_ids} the way a Qwen-VL processor does it (qwen-mrope.md §2): the chat template
 * writes {@code <|vision_start|><|image_pad|><|vision_end|>} (or {@code <|video_pad|>}) for each vision part, the
 * text is tokenized, and each pad becomes the part's {@code t·h·w / merge²} pads; a Qwen3-VL video becomes one
 * {@code "<x.x seconds>"} block per temporal patch, replacing the whole marker triple (HF 4.57, vLLM) or only
 * the pad ({@link QwenFormats#QWEN3_VL_OUTER_WRAP}, HF main).
 *
 * <p>Expanding after tokenizing gives the same ids as tokenizing the expanded text: the vision tokens are added
 * tokens, at which the tokenizer splits before running BPE, so the text between them is encoded on its own.
 * Timestamps are tokenized alone, as vLLM does; HF 4.57 tokenizes the expanded text, which differs only when the
 * text just before a video ends in a space (" <" is one BPE token). The chat templates put a newline there.
 */
public final class ChatEncoder {

    static final String VISION_START = "<|vision_start|>";
    static final String VISION_END = "<|vision_end|>";
    static final String IMAGE_PAD = "<|image_pad|>";
    static final String VIDEO_PAD = "<|video_pad|>";

    private final HfTokenizer tokenizer;
    private final ChatTemplate template;
    private final ProcessorPreset processor;
    private final QwenFormats format;
    private final QwenTokenIds ids;
    private final Map<String, int[]> timestampIds = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @throws IllegalArgumentException if the tokenizer's vision tokens are not the preset's ids
     */
    public ChatEncoder(HfTokenizer tokenizer, ChatTemplate template, ProcessorPreset processor, QwenFormats format,
            QwenTokenIds ids) {
        this.tokenizer = tokenizer;
        this.template = template;
        this.processor = processor;
        this.format = format;
        this.ids = ids;
        QwenTokenIds read = new QwenTokenIds(tokenizer.id(VISION_START), tokenizer.id(VISION_END),
                tokenizer.id(IMAGE_PAD), tokenizer.id(VIDEO_PAD));
        if (!read.equals(ids)) {
            throw new IllegalArgumentException("tokenizer " + tokenizer.directory() + " has vision tokens " + read
                    + ", the model preset expects " + ids);
        }
    }

    /**
     * Renders, tokenizes and expands.
     *
     * @param maxTokens limit on the prompt's length, checked before the ids are allocated
     * @throws IllegalArgumentException for a part the processor math rejects, a prompt over {@code maxTokens}, or
     *                                  a rendered prompt whose pads do not match the parts (pad tokens typed as text)
     */
    public ChatTokens encode(List<ChatMessage> messages, boolean addGenerationPrompt, int maxTokens) {
        List<SizedVisual> images = new ArrayList<>();
        List<SizedVisual> videos = new ArrayList<>();
        List<Map.Entry<String, String>> flat = new ArrayList<>();
        long visualTokens = 0;
        for (ChatMessage m : messages) {
            StringBuilder text = new StringBuilder();
            for (ChatMessage.Content c : m.content()) {
                if (c instanceof ChatMessage.Text t) {
                    text.append(t.text());
                } else if (c instanceof ChatMessage.Image i) {
                    SizedVisual s = PartSizer.image(processor, i.width(), i.height());
                    images.add(s);
                    visualTokens += s.tokens();
                    text.append(VISION_START).append(IMAGE_PAD).append(VISION_END);
                } else if (c instanceof ChatMessage.Video v) {
                    SizedVisual s = PartSizer.video(processor, v.frames(), v.fps(), v.width(), v.height());
                    videos.add(s);
                    visualTokens += s.tokens();
                    text.append(VISION_START).append(VIDEO_PAD).append(VISION_END);
                }
            }
            flat.add(new AbstractMap.SimpleImmutableEntry<>(m.role(), text.toString()));
        }
        if (visualTokens > maxTokens) {
            throw new IllegalArgumentException("messages: the vision parts alone have " + visualTokens
                    + " tokens, over the limit of " + maxTokens);
        }
        int[] rendered = tokenizer.encode(template.render(flat, addGenerationPrompt));
        return new ChatTokens(expand(rendered, images, videos, maxTokens), images, videos);
    }

    private int[] expand(int[] rendered, List<SizedVisual> images, List<SizedVisual> videos, int maxTokens) {
        IntList out = new IntList(rendered.length);
        int image = 0;
        int video = 0;
        for (int i = 0; i < rendered.length; i++) {
            int id = rendered[i];
            if (id == ids.imagePad()) {
                out.repeat(id, pad(images, image++, "image").tokens());
            } else if (id == ids.videoPad()) {
                SizedVisual v = pad(videos, video++, "video");
                if (format == QwenFormats.QWEN2_VL) {
                    out.repeat(id, v.tokens());
                } else {
                    boolean triple = format == QwenFormats.QWEN3_VL && out.last() == ids.visionStart()
                            && i + 1 < rendered.length && rendered[i + 1] == ids.visionEnd();
                    if (triple) {
                        out.dropLast();
                        i++;
                    }
                    frames(out, v);
                }
            } else {
                out.add(id);
            }
            if (out.size() > maxTokens) {
                throw new IllegalArgumentException("messages: the prompt has more than " + maxTokens + " tokens");
            }
        }
        if (image != images.size() || video != videos.size()) {
            throw new IllegalArgumentException("messages: the prompt has " + image + " image and " + video
                    + " video placeholders for " + images.size() + " image and " + videos.size()
                    + " video parts (is a vision token written in the text?)");
        }
        return out.toArray();
    }

    private static SizedVisual pad(List<SizedVisual> parts, int index, String kind) {
        if (index >= parts.size()) {
            throw new IllegalArgumentException("messages: more " + kind + " placeholders than " + kind
                    + " parts (is a vision token written in the text?)");
        }
        return parts.get(index);
    }

    /** Qwen3-VL: {@code "<x.x seconds>" <|vision_start|> pads <|vision_end|>} per temporal patch. */
    private void frames(IntList out, SizedVisual v) {
        double[] ts = v.timestamps();
        int perFrame = v.grid().tokensPerSlice();
        for (int k = 0; k < v.grid().t(); k++) {
            String text = Qwen3Timestamps.text(ts[k]);
            out.addAll(timestampIds.computeIfAbsent(text, tokenizer::encode));
            out.add(ids.visionStart());
            out.repeat(ids.videoPad(), perFrame);
            out.add(ids.visionEnd());
        }
    }

    /** A growable {@code int[]}. */
    private static final class IntList {
        private int[] a;
        private int n;

        IntList(int capacity) {
            a = new int[Math.max(16, capacity)];
        }

        void add(int v) {
            ensure(1);
            a[n++] = v;
        }

        void addAll(int[] vs) {
            ensure(vs.length);
            System.arraycopy(vs, 0, a, n, vs.length);
            n += vs.length;
        }

        void repeat(int v, int count) {
            ensure(count);
            Arrays.fill(a, n, n + count, v);
            n += count;
        }

        int last() {
            return n == 0 ? -1 : a[n - 1];
        }

        void dropLast() {
            n--;
        }

        int size() {
            return n;
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }

        private void ensure(int more) {
            if (n + more > a.length) {
                a = Arrays.copyOf(a, Math.max(n + more, a.length * 2));
            }
        }
    }
}
