package dev.posplan.multimodal.text;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.tree.Node;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Hugging Face chat template rendered with Jinjava as {@code apply_chat_template} renders it with jinja2
 * ({@code trim_blocks}, {@code lstrip_blocks}). Where Jinjava's dialect differs, the template source is
 * rewritten once, to the same meaning:
 * <ul>
 *   <li>whitespace control ({@code {{-}, {@code -%}}, …) strips the neighbouring whitespace here, since Jinjava
 *       does not do it for expressions;</li>
 *   <li>{@code x[::-1]} becomes {@code (x|reverse)} (Jinjava has no extended slices);</li>
 *   <li>keyword arguments of {@code namespace(…)} are parenthesised: Jinjava binds {@code name=} tighter than
 *       arithmetic, so {@code n=messages|length - 1} would subtract from the argument itself.</li>
 * </ul>
 * Python's {@code str} methods ({@code strip}, {@code split}, {@code startswith}, …) are resolved on every string
 * through {@link TemplateString}, since Jinjava calls Java methods and {@link String} has none of these names.
 */
public final class ChatTemplate {

    private static final Pattern LEFT_TRIM = Pattern.compile("\\s*(\\{[{%#])-");
    private static final Pattern RIGHT_TRIM = Pattern.compile("-([}%#]\\})\\s*");
    private static final Pattern REVERSED = Pattern.compile("([A-Za-z_][A-Za-z0-9_.]*)\\[::-1\\]");
    private static final Pattern NAMESPACE_CALL = Pattern.compile("namespace\\(");

    private final String source;
    private final Jinjava jinjava;
    /** Parsed once: parsing costs far more than rendering, and a tree renders in any interpreter. */
    private final Node tree;
    /**
     * A root context (the built-in tags, filters and functions) per thread: Jinjava's shared global context keeps
     * a mutable set that concurrent {@code for} loops modify, so renders on several threads must not share it.
     */
    private final ThreadLocal<Context> root = ThreadLocal.withInitial(Context::new);

    public ChatTemplate(String template) {
        this.source = rewrite(template);
        this.jinjava = new Jinjava(JinjavaConfig.newBuilder().withTrimBlocks(true).withLstripBlocks(true)
                .withElResolver(new PythonStringResolver(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY)).build());
        JinjavaInterpreter parser = jinjava.newInterpreter();
        this.tree = parser.parse(source);
        fail(parser.getErrorsCopy());
    }

    /**
     * Renders messages whose content is already a string (vision parts replaced by their markers).
     *
     * @throws IllegalStateException if the template fails: a template we cannot render is our problem, not the
     *                               client's (thread-safe: each call renders in its own interpreter)
     */
    public String render(List<Map.Entry<String, String>> messages, boolean addGenerationPrompt) {
        List<Map<String, Object>> ms = messages.stream().map(m -> {
            Map<String, Object> msg = new LinkedHashMap<>();
            msg.put("role", m.getKey());
            msg.put("content", m.getValue());
            return msg;
        }).toList();
        Map<String, Object> bindings = new HashMap<>();
        bindings.put("messages", ms);
        bindings.put("add_generation_prompt", addGenerationPrompt);
        JinjavaInterpreter interpreter = new JinjavaInterpreter(jinjava,
                new Context(root.get(), bindings), jinjava.getGlobalConfig());
        JinjavaInterpreter.pushCurrent(interpreter);
        try {
            String out = interpreter.render(tree);
            fail(interpreter.getErrorsCopy());
            return out;
        } finally {
            JinjavaInterpreter.popCurrent();
        }
    }

    private static void fail(List<TemplateError> errors) {
        for (TemplateError e : errors) {
            if (e.getSeverity() == TemplateError.ErrorType.FATAL) {
                throw new IllegalStateException("chat template failed: " + e.getMessage());
            }
        }
    }

    /** The template after the dialect rewrites (what Jinjava runs). */
    String source() {
        return source;
    }

    static String rewrite(String template) {
        String s = LEFT_TRIM.matcher(template).replaceAll("$1");
        s = RIGHT_TRIM.matcher(s).replaceAll("$1");
        s = REVERSED.matcher(s).replaceAll("($1|reverse)");
        return parenthesiseNamespaceArguments(s);
    }

    private static String parenthesiseNamespaceArguments(String s) {
        StringBuilder out = new StringBuilder();
        Matcher m = NAMESPACE_CALL.matcher(s);
        int from = 0;
        while (m.find(from)) {
            int open = m.end();
            int close = matchingParen(s, open);
            out.append(s, from, open);
            List<String> args = topLevelSplit(s.substring(open, close));
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                int eq = arg.indexOf('=');
                out.append(i > 0 ? "," : "");
                out.append(eq > 0 ? arg.substring(0, eq + 1) + "(" + arg.substring(eq + 1) + ")" : arg);
            }
            from = close;
        }
        return out.append(s.substring(from)).toString();
    }

    private static int matchingParen(String s, int from) {
        int depth = 1;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                i = s.indexOf(c, i + 1);
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("chat template: unbalanced namespace(…) call");
    }

    private static List<String> topLevelSplit(String args) {
        List<String> out = new java.util.ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < args.length(); i++) {
            char c = args.charAt(i);
            if (c == '\'' || c == '"') {
                i = args.indexOf(c, i + 1);
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(args.substring(start, i));
                start = i + 1;
            }
        }
        out.add(args.substring(start));
        return out;
    }
}
