package dev.posplan.planners;

import dev.posplan.planners.scheme.Bailing;
import dev.posplan.planners.scheme.Ernie45Vl;
import dev.posplan.planners.scheme.Glm4v;
import dev.posplan.planners.scheme.Hope;
import dev.posplan.planners.scheme.HopeMr;
import dev.posplan.planners.scheme.CircleRope;
import dev.posplan.planners.scheme.Grape;
import dev.posplan.planners.scheme.Ilrope;
import dev.posplan.planners.scheme.Mhrope;
import dev.posplan.planners.scheme.Mmrope;
import dev.posplan.planners.scheme.Mrope;
import dev.posplan.planners.scheme.MropeAbsoluteTime;
import dev.posplan.planners.scheme.MropeInterleave;
import dev.posplan.planners.scheme.Tpe2d;
import dev.posplan.planners.scheme.Omnirope;
import dev.posplan.planners.scheme.Qwen25Omni;
import dev.posplan.planners.scheme.Qwen3Omni;
import dev.posplan.planners.scheme.V2pe;
import dev.posplan.planners.scheme.V2peMr;
import dev.posplan.planners.scheme.VanillaRope;
import dev.posplan.planners.scheme.VideoRope;
import dev.posplan.planners.scheme.VideoRopeMr;
import dev.posplan.planners.scheme.Vrope;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every scheme by name. Adding a scheme is one line in {@link #FACTORIES}; nothing dispatches on
 * names anywhere else.
 */
public final class SchemeRegistry {

    private static final Map<String, SchemeFactory> FACTORIES = index(
            new VanillaRope.Factory(),
            new Mrope.Factory(),
            new MropeAbsoluteTime.Factory(),
            new MropeInterleave.Factory(),
            new MropeInterleave.ResetFactory(),
            new Mhrope.Factory(),
            new Tpe2d.Factory(),
            new VideoRope.Factory(),
            new VideoRopeMr.Factory(),
            new Hope.Factory(),
            new HopeMr.Factory(),
            new Vrope.Factory(),
            new V2pe.Factory(),
            new V2peMr.Factory(),
            new CircleRope.Factory(),
            new Ilrope.Factory(),
            new Omnirope.Factory(),
            new Mmrope.Factory(),
            new Grape.Factory(),
            new Glm4v.Factory(),
            new Ernie45Vl.Factory(),
            new Bailing.Factory(),
            new Qwen25Omni.Factory(),
            new Qwen3Omni.Factory());

    private SchemeRegistry() {
    }

    private static Map<String, SchemeFactory> index(SchemeFactory... factories) {
        Map<String, SchemeFactory> m = new LinkedHashMap<>();
        for (SchemeFactory f : factories) {
            if (m.put(f.name(), f) != null) {
                throw new IllegalStateException("duplicate scheme name " + f.name());
            }
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    public static Collection<SchemeFactory> all() {
        return FACTORIES.values();
    }

    public static boolean contains(String name) {
        return FACTORIES.containsKey(name);
    }

    /** Builds a scheme; unknown names and parameters are rejected with a message that names them. */
    public static Scheme create(String name, SchemeParams params) {
        SchemeFactory f = FACTORIES.get(name);
        if (f == null) {
            throw new UnknownSchemeException(name, FACTORIES.keySet());
        }
        Scheme s = f.create(params);
        params.requireAllRead();
        return s;
    }

    public static Scheme create(String name) {
        return create(name, SchemeParams.empty());
    }

    /** No scheme of that name. */
    public static final class UnknownSchemeException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnknownSchemeException(String name, Collection<String> known) {
            super("unknown scheme '" + name + "'; known: " + known);
        }
    }
}
