package dev.posplan.multimodal.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

/** Jinjava renders chat templates as jinja2 does: small cases by hand, the real Qwen template against jinja2. */
class ChatTemplateTest {

    private static List<Map.Entry<String, String>> msgs(String... roleThenContent) {
        List<Map.Entry<String, String>> out = new java.util.ArrayList<>();
        for (int i = 0; i < roleThenContent.length; i += 2) {
            out.add(Map.entry(roleThenContent[i], roleThenContent[i + 1]));
        }
        return out;
    }

    @Test
    void whitespaceControlStripsAroundExpressionsAndBlocks() {
        String t = "A  \n  {{- 'b' -}}  \n C{%- if true -%}\n  D  {%- endif %}";
        assertEquals("AbC" + "D", new ChatTemplate(t).render(msgs(), false));
    }

    @Test
    void reversedSliceNamespaceAndPythonStringMethods() {
        String t = "{%- set ns = namespace(last=messages|length - 1, seen=0) -%}"
                + "{%- for m in messages[::-1] %}{{ m.role }}{% endfor %}|{{ ns.last }}|"
                + "{%- for m in messages %}{% if m.content.startswith('<x>') %}{% set ns.seen = ns.seen + 1 %}{% endif %}"
                + "{{ m.content.split('</t>')[-1].lstrip('\\n') }};{% endfor %}{{ ns.seen }}"
                + "{% if messages[0].content is string %}S{% endif %}";
        assertEquals("assistantuser|1|<x>a;b;1S",
                new ChatTemplate(t).render(msgs("user", "<x>a", "assistant", "<t>r</t>\n\nb"), false));
    }

    @Test
    void aBrokenTemplateIsOurError() {
        assertThrows(IllegalStateException.class, () -> new ChatTemplate("{{ messages[0].content.nope() }}")
                .render(msgs("user", "x"), false));
    }

    @Test
    void realQwenTemplateMatchesJinja2() throws Exception {
        String template = QwenTokenizerFixture.tokenizer().chatTemplate().orElseThrow();
        List<List<Map.Entry<String, String>>> conversations = List.of(
                msgs("user", "Hi <|vision_start|><|image_pad|><|vision_end|> there"),
                msgs("system", "Be brief.", "user", "Q1", "assistant", "<think>\nmull\n</think>\n\nA1", "user", "Q2"),
                msgs("user", "Q", "assistant", "<think>\nwhy\n</think>\n\nA"),
                msgs("system", "S", "user", "Q", "assistant", "plain", "tool", "result 1", "tool", "result 2"),
                msgs("user", "  spaced\n\n", "assistant", "\n\nlead"));
        List<Map<String, Object>> cases = new java.util.ArrayList<>();
        for (List<Map.Entry<String, String>> c : conversations) {
            for (boolean gen : new boolean[] {false, true}) {
                cases.add(Map.of("m", c.stream().map(e -> Map.of("role", e.getKey(), "content", e.getValue())).toList(),
                        "g", gen));
            }
        }
        List<String> expected = jinja2(template, cases);
        ChatTemplate jinjava = new ChatTemplate(template);
        for (int i = 0; i < cases.size(); i++) {
            List<Map.Entry<String, String>> c = conversations.get(i / 2);
            assertEquals(expected.get(i), jinjava.render(c, i % 2 == 1), c + " generation prompt " + (i % 2 == 1));
        }
    }

    /**
     * Renders every case in one python3 run with HF's {@code apply_chat_template} environment: a sandboxed jinja2
     * with trim_blocks and lstrip_blocks.
     */
    static List<String> jinja2(String template, List<Map<String, Object>> cases)
            throws IOException, InterruptedException {
        String script = "import json,sys\nfrom jinja2.sandbox import ImmutableSandboxedEnvironment\n"
                + "a=json.load(sys.stdin)\nenv=ImmutableSandboxedEnvironment(trim_blocks=True,lstrip_blocks=True)\n"
                + "t=env.from_string(a['t'])\n"
                + "json.dump([t.render(messages=c['m'],add_generation_prompt=c['g']) for c in a['c']],sys.stdout)\n";
        Process p;
        try {
            p = new ProcessBuilder("python3", "-c", script).start();
        } catch (IOException e) {
            Assumptions.abort("python3 is not installed: cannot compare with jinja2");
            throw e;
        }
        ObjectMapper json = new ObjectMapper();
        p.getOutputStream().write(json.writeValueAsBytes(Map.of("t", template, "c", cases)));
        p.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(p.waitFor(60, TimeUnit.SECONDS), "python3 timed out");
        assumeTrue(p.exitValue() == 0 || !err.contains("No module named 'jinja2'"),
                "python3-jinja2 is not installed (Debian: apt-get install python3-jinja2; .ci/run does)");
        assertEquals(0, p.exitValue(), err);
        return java.util.Arrays.asList(json.readValue(out.toByteArray(), String[].class));
    }
}
