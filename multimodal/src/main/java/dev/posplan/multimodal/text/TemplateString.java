package dev.posplan.multimodal.text;

import java.util.ArrayList;
import java.util.List;

/**
 * A string with the Python {@code str} methods that Hugging Face chat templates call ({@code startswith},
 * {@code endswith}, {@code strip}, {@code lstrip}, {@code rstrip}, {@code split}): Jinjava resolves method calls
 * on Java objects, and {@link String} has none of these names.
 */
public final class TemplateString implements CharSequence, Comparable<TemplateString> {

    private static final String WHITESPACE = " \t\n\r\u000b\f";

    private final String value;

    public TemplateString(String value) {
        this.value = value;
    }

    public boolean startswith(String prefix) {
        return value.startsWith(prefix);
    }

    public boolean endswith(String suffix) {
        return value.endsWith(suffix);
    }

    public TemplateString strip() {
        return strip(WHITESPACE);
    }

    public TemplateString strip(String chars) {
        return lstrip(chars).rstrip(chars);
    }

    public TemplateString lstrip() {
        return lstrip(WHITESPACE);
    }

    public TemplateString lstrip(String chars) {
        int i = 0;
        while (i < value.length() && chars.indexOf(value.charAt(i)) >= 0) {
            i++;
        }
        return new TemplateString(value.substring(i));
    }

    public TemplateString rstrip() {
        return rstrip(WHITESPACE);
    }

    public TemplateString rstrip(String chars) {
        int end = value.length();
        while (end > 0 && chars.indexOf(value.charAt(end - 1)) >= 0) {
            end--;
        }
        return new TemplateString(value.substring(0, end));
    }

    /** Python {@code str.split(sep)} with a literal separator (Java's {@code split} takes a regex). */
    public List<TemplateString> split(String separator) {
        if (separator.isEmpty()) {
            throw new IllegalArgumentException("empty separator");
        }
        List<TemplateString> parts = new ArrayList<>();
        int from = 0;
        for (int at; (at = value.indexOf(separator, from)) >= 0; from = at + separator.length()) {
            parts.add(new TemplateString(value.substring(from, at)));
        }
        parts.add(new TemplateString(value.substring(from)));
        return parts;
    }

    @Override
    public int length() {
        return value.length();
    }

    @Override
    public char charAt(int index) {
        return value.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return value.subSequence(start, end);
    }

    @Override
    public int compareTo(TemplateString o) {
        return value.compareTo(o.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CharSequence s && value.contentEquals(s);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
