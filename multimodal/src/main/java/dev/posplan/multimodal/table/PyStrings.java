package dev.posplan.multimodal.table;

import java.util.ArrayList;
import java.util.List;

/** The few Python {@code str} operations the TableInstruct parsing relies on, with Python's semantics. */
final class PyStrings {

    private PyStrings() {
    }

    /** Python {@code str.isspace()} for one char (Java's whitespace plus the no-break spaces and U+0085). */
    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }

    /** {@code s.split(sep)}: every piece, empty ones included. */
    static List<String> split(String s, String sep) {
        return split(s, sep, Integer.MAX_VALUE);
    }

    /** {@code s.split(sep, maxsplit)}. */
    static List<String> split(String s, String sep, int maxsplit) {
        List<String> out = new ArrayList<>();
        int from = 0;
        int at;
        while (out.size() < maxsplit && (at = s.indexOf(sep, from)) >= 0) {
            out.add(s.substring(from, at));
            from = at + sep.length();
        }
        out.add(s.substring(from));
        return out;
    }

    /** {@code s.strip(chars)}: removes any of {@code chars} from both ends. */
    static String strip(String s, String chars) {
        int b = 0;
        int e = s.length();
        while (b < e && chars.indexOf(s.charAt(b)) >= 0) {
            b++;
        }
        while (e > b && chars.indexOf(s.charAt(e - 1)) >= 0) {
            e--;
        }
        return s.substring(b, e);
    }

    /** {@code s.strip()}: removes whitespace from both ends. */
    static String strip(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && isSpace(s.charAt(b))) {
            b++;
        }
        while (e > b && isSpace(s.charAt(e - 1))) {
            e--;
        }
        return s.substring(b, e);
    }
}
