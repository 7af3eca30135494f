package dev.posplan.planners.scheme;

import dev.posplan.planners.MropeLayout;
import dev.posplan.planners.SchemeParams;
import java.util.Set;
import java.util.function.Supplier;

/** Parameters several schemes read the same way. */
final class Options {

    private Options() {
    }

    /** {@code resume}: {@code max-plus-one} (default, Qwen team / vLLM) or {@code spatial-extent} (HF main). */
    static MropeLayout.Resume resume(SchemeParams p) {
        String r = p.getString("resume", "max-plus-one", Set.of("max-plus-one", "spatial-extent"));
        return r.equals("max-plus-one") ? MropeLayout.Resume.MAX_PLUS_ONE : MropeLayout.Resume.SPATIAL_EXTENT;
    }

    /** Runs an allocation rule, reporting a bad section list against the named parameter. */
    static int[] sections(String name, Supplier<int[]> rule) {
        try {
            return rule.get();
        } catch (IllegalArgumentException e) {
            throw SchemeParams.invalid(name, e.getMessage());
        }
    }
}
