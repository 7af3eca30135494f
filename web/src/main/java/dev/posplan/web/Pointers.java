package dev.posplan.web;

/**
 * JSON Pointers (RFC 6901) for the {@code field} of a problem: the library and the old API name fields as
 * dotted paths ({@code parts[2].grid}, {@code params.head_dim}); the v1 contract names them as pointers
 * ({@code /parts/2/grid}).
 */
final class Pointers {

    private Pointers() {
    }

    /** {@code base} plus a dotted path. */
    static String under(String base, String dotted) {
        if (dotted == null || dotted.isEmpty()) {
            return base.isEmpty() ? null : base;
        }
        return base + of(dotted);
    }

    /** {@code params.head_dim} → {@code /params/head_dim}, {@code parts[2].grid} → {@code /parts/2/grid}. */
    static String of(String dotted) {
        if (dotted == null) {
            return null;
        }
        if (dotted.isEmpty()) {
            return dotted;
        }
        StringBuilder sb = new StringBuilder();
        StringBuilder token = new StringBuilder();
        for (int i = 0; i < dotted.length(); i++) {
            char c = dotted.charAt(i);
            if (c == '/' || c == '.' || c == '[' || c == ']') {
                flush(sb, token);
            } else {
                token.append(c);
            }
        }
        flush(sb, token);
        return sb.toString();
    }

    private static void flush(StringBuilder sb, StringBuilder token) {
        if (!token.isEmpty()) {
            sb.append('/').append(token.toString().replace("~", "~0").replace("/", "~1"));
            token.setLength(0);
        }
    }
}
