package dev.posplan.multimodal.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.posplan.multimodal.processor.Qwen3Timestamps;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QwenTimestampTokensTest {

    @Test
    void digitsPlusFourAsTheTokenizerCounts() {
        HfTokenizer t = QwenTokenizerFixture.tokenizer();
        Random rnd = new Random(5);
        double[] fixed = {0, 0.05, 0.25, 9.95, 99.95, 999.9, 3599.75, 12345.6};
        for (double s : fixed) {
            assertEquals(t.encode(Qwen3Timestamps.text(s)).length, QwenTimestampTokens.count(s), "seconds " + s);
        }
        for (int i = 0; i < 300; i++) {
            double s = Math.pow(10, rnd.nextDouble() * 6) * rnd.nextDouble();
            assertEquals(t.encode(Qwen3Timestamps.text(s)).length, QwenTimestampTokens.count(s), "seconds " + s);
        }
    }

    @Test
    void handCountedExamples() {
        assertEquals(6, QwenTimestampTokens.count(0.25)); // < 0 . 2 " seconds" >
        assertEquals(9, QwenTimestampTokens.count(3599.75)); // < 3 5 9 9 . 8 " seconds" >
        assertEquals(8, QwenTimestampTokens.count(99.95)); // "<100.0 seconds>": 99.95 rounds up in binary
        assertThrows(IllegalArgumentException.class, () -> QwenTimestampTokens.count(Double.NaN));
    }
}
