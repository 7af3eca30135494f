package dev.posplan.bench;

import dev.posplan.multimodal.QwenFormats;
import dev.posplan.multimodal.QwenTokenIds;
import dev.posplan.multimodal.processor.ProcessorPreset;
import dev.posplan.multimodal.text.ChatEncoder;
import dev.posplan.multimodal.text.ChatMessage;
import dev.posplan.multimodal.text.ChatTemplate;
import dev.posplan.multimodal.text.ChatTokens;
import dev.posplan.multimodal.text.HfTokenizer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Qwen tokenizer (directory from {@code POSPLAN_QWEN_TOKENIZER}, else the .ci/run cache): a short prompt,
 * a 10,000-character text, and a chat of one image, one 1-minute Qwen3-VL video and a question, through the
 * template and placeholder expansion. Loading is measured by {@code bin/bench TokenizerBenchmark.load -bm ss}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class TokenizerBenchmark {

    private HfTokenizer tokenizer;
    private ChatEncoder chat;
    private String longText;
    private List<ChatMessage> messages;

    static Path directory() {
        String env = System.getenv("POSPLAN_QWEN_TOKENIZER");
        return env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache/posplan/tokenizers/qwen3/package/models");
    }

    @Setup
    public void setup() {
        tokenizer = HfTokenizer.load(directory());
        chat = new ChatEncoder(tokenizer, new ChatTemplate(tokenizer.chatTemplate().orElseThrow()),
                ProcessorPreset.QWEN3_VL, QwenFormats.QWEN3_VL, QwenTokenIds.QWEN);
        StringBuilder b = new StringBuilder();
        String[] words = {"position", "rotary", "Übung", "embedding", "視覚", "token", "café", "grid", "frame,"};
        for (int i = 0; b.length() < 10_000; i++) {
            b.append(words[i % words.length]).append(i % 17 == 0 ? ".\n" : " ");
        }
        longText = b.substring(0, 10_000);
        messages = List.of(ChatMessage.text("system", "You are a careful assistant."),
                new ChatMessage("user", List.of(new ChatMessage.Image(1280, 720), new ChatMessage.Video(1800, 30, 640, 360),
                        new ChatMessage.Text("What happens after the door opens?"))));
    }

    @TearDown
    public void close() {
        tokenizer.close();
    }

    @Benchmark
    public int[] encodeShort() {
        return tokenizer.encode("Describe this picture in one sentence, please.");
    }

    @Benchmark
    public int[] encode10kChars() {
        return tokenizer.encode(longText);
    }

    @Benchmark
    public ChatTokens chatWithImageAndVideo() {
        return chat.encode(messages, true, 1 << 22);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 0)
    @Measurement(iterations = 5)
    public HfTokenizer load() {
        HfTokenizer t = HfTokenizer.load(directory());
        t.close();
        return t;
    }
}
