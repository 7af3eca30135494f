package dev.posplan.multimodal.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelTokenizersTest {

    @Test
    void modelsSharingADirectoryShareOneTokenizer() {
        Path dir = QwenTokenizerFixture.directory();
        try (ModelTokenizers t = new ModelTokenizers(Map.of("qwen2-vl", dir, "qwen3-vl", dir.resolve("tokenizer.json")))) {
            assertSame(t.find("qwen2-vl").orElseThrow(), t.find("qwen3-vl").orElseThrow());
            assertArrayEquals(new int[] {151652}, t.require("qwen3-vl", "/x").encode("<|vision_start|>"));
        }
    }

    @Test
    void missingTokenizerNamesTheModelAndTheSetting() {
        try (ModelTokenizers t = new ModelTokenizers(Map.of())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> t.require("internvl2", "/sequences/0/parts/1/text"));
            assertTrue(e.getMessage().startsWith("/sequences/0/parts/1/text: model 'internvl2'"), e.getMessage());
            assertTrue(e.getMessage().contains("posplan.models.internvl2.tokenizer"), e.getMessage());
        }
    }

    @Test
    void aConfiguredDirectoryWithoutTokenizerFailsAtStartUp(@TempDir Path empty) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ModelTokenizers(Map.of("qwen2-vl", empty)));
        assertTrue(e.getMessage().startsWith("posplan.models.qwen2-vl.tokenizer: "), e.getMessage());
    }
}
