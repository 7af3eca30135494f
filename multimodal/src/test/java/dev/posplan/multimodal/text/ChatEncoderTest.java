package dev.posplan.multimodal.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.posplan.multimodal.QwenFormats;
import dev.posplan.multimodal.QwenTokenIds;
import dev.posplan.multimodal.processor.ProcessorPreset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Token ids derived by hand from the vocabulary (user 872, assistant 77091, \n 198, Describe 74785, Ġthis 419,
 * '.' 13, '<' 27, '>' 29, digits '0'..'9' = 15..24, Ġseconds 6486) and the processor math.
 */
class ChatEncoderTest {

    private static final int IM_START = 151644, IM_END = 151645, NL = 198, USER = 872, ASSISTANT = 77091;
    private static final int VS = 151652, VE = 151653, IMG = 151655, VID = 151656;

    private static ChatEncoder encoder(ProcessorPreset p, QwenFormats f) {
        HfTokenizer t = QwenTokenizerFixture.tokenizer();
        return new ChatEncoder(t, new ChatTemplate(t.chatTemplate().orElseThrow()), p, f, QwenTokenIds.QWEN);
    }

    private static int[] concat(int[]... parts) {
        return java.util.Arrays.stream(parts).flatMapToInt(IntStream::of).toArray();
    }

    private static int[] times(int id, int n) {
        return IntStream.generate(() -> id).limit(n).toArray();
    }

    @Test
    void imageBecomesItsMergedGridOfPads() {
        // Qwen2.5-VL 56x56: already a multiple of 28 and exactly min_pixels -> grid_thw [1,4,4] -> 4 pads
        ChatTokens t = encoder(ProcessorPreset.QWEN2_5_VL, QwenFormats.QWEN2_VL).encode(List.of(new ChatMessage("user",
                List.of(new ChatMessage.Image(56, 56), new ChatMessage.Text("Describe this.")))), true, 1000);
        assertArrayEquals(concat(new int[] {IM_START, USER, NL, VS}, times(IMG, 4),
                new int[] {VE, 74785, 419, 13, IM_END, NL, IM_START, ASSISTANT, NL}), t.inputIds());
        assertArrayEquals(new int[][] {{1, 4, 4}}, t.imageGridThw());
    }

    @Test
    void qwen3VideoBecomesTimestampedFrameBlocks() {
        // 4 frames at 2 fps, 64x64: 4 sampled frames (0..3), grid_thw [2,4,4] -> 2 frames of 2x2 pads;
        // timestamps (0+1)/2/2 = 0.25 -> "<0.2 seconds>" (half to even), (2+3)/2/2 = 1.25 -> "<1.2 seconds>"
        int[] ts0 = {27, 15, 13, 17, 6486, 29};
        int[] ts1 = {27, 16, 13, 17, 6486, 29};
        List<ChatMessage> chat = List.of(new ChatMessage("user", List.of(new ChatMessage.Video(4, 2, 64, 64))));
        int[] frames = concat(ts0, new int[] {VS}, times(VID, 4), new int[] {VE}, ts1, new int[] {VS}, times(VID, 4),
                new int[] {VE});
        ChatTokens hf457 = encoder(ProcessorPreset.QWEN3_VL, QwenFormats.QWEN3_VL).encode(chat, false, 1000);
        assertArrayEquals(concat(new int[] {IM_START, USER, NL}, frames, new int[] {IM_END, NL}), hf457.inputIds());
        assertArrayEquals(new int[][] {{2, 4, 4}}, hf457.videoGridThw());

        ChatTokens hfMain = encoder(ProcessorPreset.QWEN3_VL, QwenFormats.QWEN3_VL_OUTER_WRAP).encode(chat, false, 1000);
        assertArrayEquals(concat(new int[] {IM_START, USER, NL, VS}, frames, new int[] {VE, IM_END, NL}),
                hfMain.inputIds());
    }

    @Test
    void qwen2VideoIsOneBlockWithItsTiming() {
        // Qwen2.5-VL via qwen-vl-utils: 8 frames at 4 fps sampled at 2 fps -> 4 frames; 392x308 (multiples of 28,
        // 120,736 px inside the frame budget 100,352..602,112) -> grid_thw [2,22,28] -> 2*11*14 = 308 pads;
        // sample_fps = 4/8*4 = 2 -> second_per_grid_t = 2/2 = 1
        ChatTokens t = encoder(ProcessorPreset.QWEN2_5_VL, QwenFormats.QWEN2_VL).encode(
                List.of(new ChatMessage("user", List.of(new ChatMessage.Video(8, 4, 392, 308)))), false, 1000);
        assertArrayEquals(concat(new int[] {IM_START, USER, NL, VS}, times(VID, 308), new int[] {VE, IM_END, NL}),
                t.inputIds());
        assertArrayEquals(new int[][] {{2, 22, 28}}, t.videoGridThw());
        assertArrayEquals(new double[] {1.0}, t.secondPerGridTs());
    }

    @Test
    void oneEncoderServesManyThreads() throws Exception {
        ChatEncoder e = encoder(ProcessorPreset.QWEN3_VL, QwenFormats.QWEN3_VL);
        List<List<ChatMessage>> chats = List.of(
                List.of(ChatMessage.text("system", "S"), ChatMessage.text("user", "<think>x</think> q")),
                List.of(new ChatMessage("user", List.of(new ChatMessage.Video(90, 30, 320, 240))),
                        ChatMessage.text("assistant", "<think>\nr\n</think>\n\nA")),
                List.of(new ChatMessage("user", List.of(new ChatMessage.Image(640, 480), new ChatMessage.Text("?")))));
        int[][] expected = chats.stream().map(c -> e.encode(c, true, 100_000).inputIds()).toArray(int[][]::new);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> runs = new java.util.ArrayList<>();
            for (int k = 0; k < 300; k++) {
                int i = k % chats.size();
                runs.add(pool.submit(() -> assertArrayEquals(expected[i], e.encode(chats.get(i), true, 100_000).inputIds())));
            }
            for (java.util.concurrent.Future<?> f : runs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void visionTokensTypedAsTextAndLimitsAreInputErrors() {
        ChatEncoder e = encoder(ProcessorPreset.QWEN2_5_VL, QwenFormats.QWEN2_VL);
        IllegalArgumentException typed = assertThrows(IllegalArgumentException.class, () -> e.encode(
                List.of(ChatMessage.text("user", "look <|image_pad|>")), false, 1000));
        assertEquals(true, typed.getMessage().startsWith("messages:"), typed.getMessage());
        assertThrows(IllegalArgumentException.class, () -> e.encode(List.of(new ChatMessage("user",
                List.of(new ChatMessage.Image(2800, 2800)))), false, 1000));
        assertThrows(IllegalArgumentException.class, () -> e.encode(List.of(ChatMessage.text("user",
                "word ".repeat(2000))), false, 1000));
        assertThrows(IllegalArgumentException.class, () -> ChatMessage.text("robot", "x"));
    }
}
