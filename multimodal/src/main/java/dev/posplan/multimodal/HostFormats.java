package dev.posplan.multimodal;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every {@link HostFormat} by its {@link HostFormat#apiName() API name}. Adding a format is one entry in
 * {@link #FORMATS}; nothing else dispatches on format names.
 */
public final class HostFormats {

    private static final Map<String, HostFormat> FORMATS = index(List.of(
            QwenFormats.QWEN2_VL,
            QwenFormats.QWEN3_VL,
            QwenFormats.QWEN3_VL_OUTER_WRAP,
            InternVlFormat.INTERNVL2,
            BareFormat.BARE,
            GlmFormat.GLM4V,
            ErnieFormat.ERNIE45_VL,
            BailingFormat.BAILING,
            BailingFormat.BAILING_INTERLEAVED,
            QwenOmniFormat.QWEN2_5_OMNI,
            QwenOmniFormat.QWEN3_OMNI,
            HunyuanFormat.HUNYUAN_VL));

    private HostFormats() {
    }

    private static Map<String, HostFormat> index(List<HostFormat> formats) {
        Map<String, HostFormat> m = new LinkedHashMap<>();
        for (HostFormat f : formats) {
            if (m.put(f.apiName(), f) != null) {
                throw new IllegalStateException("duplicate host format name " + f.apiName());
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /** Every format, in a stable order. */
    public static Collection<HostFormat> all() {
        return FORMATS.values();
    }

    /** The API names, in the order of {@link #all()}. */
    public static Collection<String> names() {
        return FORMATS.keySet();
    }

    /**
     * The format with that API name.
     *
     * @throws UnknownFormatException listing the known names
     */
    public static HostFormat byName(String name) {
        HostFormat f = FORMATS.get(name);
        if (f == null) {
            throw new UnknownFormatException(name, FORMATS.keySet());
        }
        return f;
    }

    /** No host format of that name. */
    public static final class UnknownFormatException extends InvalidInputException {
        private static final long serialVersionUID = 1L;

        UnknownFormatException(String name, Collection<String> known) {
            super("format", "unknown host format '" + name + "'; known: " + known);
        }
    }
}
