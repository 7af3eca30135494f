package dev.posplan.multimodal.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Qwen tokenizer: ids read from its vocabulary, no truncation, special tokens as single ids. */
class HfTokenizerTest {

    @Test
    void encodesVisionTokensAndTextWithTheVocabularyIds() {
        // vocab: Describe 74785, Ġthis 419, '.' 13; vision tokens 151652/151655/151653
        assertArrayEquals(new int[] {151652, 151655, 151653, 74785, 419, 13},
                QwenTokenizerFixture.tokenizer().encode("<|vision_start|><|image_pad|><|vision_end|>Describe this."));
    }

    @Test
    void neverTruncates() {
        String text = "word ".repeat(3000);
        // "word" then 2999 × "Ġword", then the trailing space: 3001 tokens, far past DJL's default 512
        assertEquals(3001, QwenTokenizerFixture.tokenizer().encode(text).length);
    }

    @Test
    void looksUpSpecialTokensAndTheChatTemplate() {
        HfTokenizer t = QwenTokenizerFixture.tokenizer();
        assertEquals(151644, t.id("<|im_start|>"));
        assertEquals(151645, t.id("<|im_end|>"));
        assertEquals(151656, t.id("<|video_pad|>"));
        assertThrows(IllegalArgumentException.class, () -> t.id("two words"));
        assertTrue(t.chatTemplate().orElseThrow().contains("<|im_start|>"));
    }

    @Test
    void oneTokenizerServesManyThreads() throws Exception {
        HfTokenizer t = QwenTokenizerFixture.tokenizer();
        String[] texts = {"position ids", "視覚 token grid", "<|im_start|>user\nhi<|im_end|>", "café ".repeat(300)};
        int[][] expected = new int[texts.length][];
        for (int i = 0; i < texts.length; i++) {
            expected[i] = t.encode(texts[i]);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<?>> runs = new java.util.ArrayList<>();
            for (int k = 0; k < 400; k++) {
                int i = k % texts.length;
                runs.add(pool.submit(() -> assertArrayEquals(expected[i], t.encode(texts[i]))));
            }
            for (java.util.concurrent.Future<?> f : runs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aDirectoryWithoutTokenizerIsAClearError(@TempDir Path empty) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HfTokenizer.load(empty));
        assertTrue(e.getMessage().contains("no tokenizer.json"), e.getMessage());
    }
}
