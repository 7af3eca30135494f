package dev.posplan.multimodal.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.multimodal.QwenFormats;
import dev.posplan.multimodal.QwenTokenIds;
import dev.posplan.multimodal.processor.ProcessorPreset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Qwen2-VL and Qwen2.5-VL render chat with their own template (default system message, vision markers), not the
 * Qwen3 one of the tokenizer package. Expected ids are spelled out from the vocabulary of {@code tokenizer.json}
 * (system 8948, You 2610, Ġare 525, Ġa 264, Ġhelpful 10950, Ġassistant 17847, '.' 13, user 872, assistant 77091,
 * \n 198, Describe 74785, Ġthis 419, What 3838, Ġis 374, '?' 30, Hi 13048), piece by piece.
 */
class ChatTemplatesTest {

    private static final int IM_START = 151644, IM_END = 151645, NL = 198, SYSTEM = 8948, USER = 872,
            ASSISTANT = 77091;
    private static final int VS = 151652, VE = 151653, IMG = 151655;
    /** "You are a helpful assistant." */
    private static final int[] HELPFUL = {2610, 525, 264, 10950, 17847, 13};

    private static ModelTokenizers tokenizers() {
        Path dir = QwenTokenizerFixture.directory();
        return new ModelTokenizers(Map.of("qwen2-vl", dir, "qwen2.5-vl", dir, "qwen3-vl", dir));
    }

    private static ChatEncoder encoder(ModelTokenizers t, String model, ProcessorPreset processor) {
        return new ChatEncoder(t.require(model, "/x"), new ChatTemplate(t.chatTemplate(model).orElseThrow()),
                processor, QwenFormats.QWEN2_VL, QwenTokenIds.QWEN);
    }

    private static int[] concat(int[]... parts) {
        return java.util.Arrays.stream(parts).flatMapToInt(IntStream::of).toArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"qwen2-vl", "qwen2.5-vl"})
    void anImageAndTextGetTheDefaultSystemMessage(String model) {
        ProcessorPreset processor = model.equals("qwen2-vl") ? ProcessorPreset.QWEN2_VL : ProcessorPreset.QWEN2_5_VL;
        try (ModelTokenizers t = tokenizers()) {
            // 56 x 56 is min_pixels exactly: grid_thw [1, 4, 4], merged 2 x 2 = 4 pads
            ChatTokens chat = encoder(t, model, processor).encode(List.of(new ChatMessage("user",
                    List.of(new ChatMessage.Image(56, 56), new ChatMessage.Text("Describe this.")))), true, 1000);
            assertArrayEquals(concat(
                    new int[] {IM_START, SYSTEM, NL}, HELPFUL, new int[] {IM_END, NL},
                    new int[] {IM_START, USER, NL, VS, IMG, IMG, IMG, IMG, VE, 74785, 419, 13, IM_END, NL},
                    new int[] {IM_START, ASSISTANT, NL}), chat.inputIds());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"qwen2-vl", "qwen2.5-vl"})
    void aGivenSystemMessageReplacesTheDefault(String model) {
        try (ModelTokenizers t = tokenizers()) {
            ChatTokens chat = encoder(t, model, ProcessorPreset.QWEN2_5_VL).encode(List.of(
                    ChatMessage.text("system", "Hi"), ChatMessage.text("user", "What is this?")), false, 1000);
            assertArrayEquals(new int[] {IM_START, SYSTEM, NL, 13048, IM_END, NL,
                    IM_START, USER, NL, 3838, 374, 419, 30, IM_END, NL}, chat.inputIds());
        }
    }

    @Test
    void qwen3VlKeepsTheTokenizersTemplate() {
        try (ModelTokenizers t = tokenizers()) {
            assertEquals(t.require("qwen3-vl", "/x").chatTemplate(), t.chatTemplate("qwen3-vl"));
            ChatTokens chat = new ChatEncoder(t.require("qwen3-vl", "/x"),
                    new ChatTemplate(t.chatTemplate("qwen3-vl").orElseThrow()), ProcessorPreset.QWEN3_VL,
                    QwenFormats.QWEN3_VL, QwenTokenIds.QWEN).encode(List.of(ChatMessage.text("user", "Hi")), true, 100);
            // no default system message in Qwen3's template
            assertArrayEquals(new int[] {IM_START, USER, NL, 13048, IM_END, NL, IM_START, ASSISTANT, NL},
                    chat.inputIds());
        }
    }

    @Test
    void aConfiguredTemplateOverridesTheShippedOne(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("t.jinja"), "{% for m in messages %}[{{ m.content }}]{% endfor %}");
        try (ModelTokenizers t = new ModelTokenizers(Map.of(), Map.of("qwen2-vl", file))) {
            assertEquals("[a]", new ChatTemplate(t.chatTemplate("qwen2-vl").orElseThrow())
                    .render(List.of(Map.entry("user", "a")), false));
            assertEquals(ChatTemplates.builtIn("qwen2.5-vl"), t.chatTemplate("qwen2.5-vl"));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ModelTokenizers(Map.of(), Map.of("qwen2.5-vl", dir.resolve("missing.jinja"))));
        assertTrue(e.getMessage().startsWith("posplan.models[qwen2.5-vl].chat-template: "), e.getMessage());
    }

    /**
     * The processor hands the template typed content parts; posplan hands it each message's text with the vision
     * markers already in place. jinja2 rendering the former equals Jinjava rendering the latter.
     */
    @ParameterizedTest
    @ValueSource(strings = {"qwen2-vl", "qwen2.5-vl"})
    void rendersAsJinja2RendersTheProcessorsTypedMessages(String model) throws Exception {
        String template = ChatTemplates.builtIn(model).orElseThrow();
        Map<String, Object> image = Map.of("type", "image");
        Map<String, Object> video = Map.of("type", "video");
        List<List<Map<String, Object>>> conversations = List.of(
                List.of(message("user", List.of(image, text("Describe this.")))),
                List.of(message("system", "Be brief."), message("user", List.of(text("Q "), video, text(" and"))),
                        message("assistant", "A"), message("user", List.of(image, image, text("and these?")))),
                List.of(message("user", "plain\n\n text "), message("assistant", List.of(text("ok")))),
                List.of(message("assistant", "first"), message("tool", "result")));
        List<Map<String, Object>> cases = new ArrayList<>();
        for (List<Map<String, Object>> c : conversations) {
            for (boolean gen : new boolean[] {false, true}) {
                cases.add(Map.of("m", c, "g", gen));
            }
        }
        List<String> expected = ChatTemplateTest.jinja2(template, cases);
        ChatTemplate jinjava = new ChatTemplate(template);
        for (int i = 0; i < cases.size(); i++) {
            List<Map.Entry<String, String>> flat = conversations.get(i / 2).stream().map(ChatTemplatesTest::flat)
                    .toList();
            assertEquals(expected.get(i), jinjava.render(flat, i % 2 == 1), model + " case " + i);
        }
        assertTrue(expected.get(0).startsWith("<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n"),
                expected.get(0));
    }

    private static Map<String, Object> text(String text) {
        return Map.of("type", "text", "text", text);
    }

    private static Map<String, Object> message(String role, Object content) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", role);
        m.put("content", content);
        return m;
    }

    /** A typed message as posplan's encoder hands it to the template: text with the vision markers in place. */
    @SuppressWarnings("unchecked")
    private static Map.Entry<String, String> flat(Map<String, Object> m) {
        if (m.get("content") instanceof String s) {
            return Map.entry((String) m.get("role"), s);
        }
        StringBuilder out = new StringBuilder();
        for (Map<String, Object> c : (List<Map<String, Object>>) m.get("content")) {
            out.append(switch ((String) c.get("type")) {
                case "image" -> "<|vision_start|><|image_pad|><|vision_end|>";
                case "video" -> "<|vision_start|><|video_pad|><|vision_end|>";
                default -> (String) c.get("text");
            });
        }
        return Map.entry((String) m.get("role"), out.toString());
    }
}
