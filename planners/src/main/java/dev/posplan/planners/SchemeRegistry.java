package dev.posplan.planners;

import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.planners.camera.GtaScheme;
import dev.posplan.planners.camera.PluckerScheme;
import dev.posplan.planners.camera.PropeScheme;
import dev.posplan.planners.camera.UcpeScheme;
import dev.posplan.planners.scheme.Bailing;
import dev.posplan.planners.scheme.Ernie45Vl;
import dev.posplan.planners.scheme.Glm4v;
import dev.posplan.planners.scheme.CircleRope;
import dev.posplan.planners.scheme.Grape;
import dev.posplan.planners.scheme.Hope;
import dev.posplan.planners.scheme.HopeMr;
import dev.posplan.planners.scheme.HunyuanVl;
import dev.posplan.planners.scheme.Ilrope;
import dev.posplan.planners.scheme.Mhrope;
import dev.posplan.planners.scheme.Mmrope;
import dev.posplan.planners.scheme.Mrope;
import dev.posplan.planners.scheme.MropeAbsoluteTime;
import dev.posplan.planners.scheme.MropeInterleave;
import dev.posplan.planners.scheme.Omnirope;
import dev.posplan.planners.scheme.Qwen25Omni;
import dev.posplan.planners.scheme.Qwen3Omni;
import dev.posplan.planners.scheme.V2pe;
import dev.posplan.planners.scheme.V2peMr;
import dev.posplan.planners.scheme.VanillaRope;
import dev.posplan.planners.scheme.VideoRope;
import dev.posplan.planners.scheme.VideoRopeMr;
import dev.posplan.planners.scheme.Vrope;
import dev.posplan.planners.table.Tpe2d;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every encoding by name: each scheme file's {@link SchemeDeclaration}. Adding a scheme is one line in
 * {@link #FACTORIES}; nothing dispatches on names anywhere else.
 */
public final class SchemeRegistry {

    private static final Map<String, SchemeDeclaration> FACTORIES = index(
            VanillaRope.DECLARATION,
            Mrope.DECLARATION,
            MropeAbsoluteTime.DECLARATION,
            MropeInterleave.DECLARATION,
            MropeInterleave.RESET_DECLARATION,
            Mhrope.DECLARATION,
            Tpe2d.DECLARATION,
            VideoRope.DECLARATION,
            VideoRopeMr.DECLARATION,
            Hope.DECLARATION,
            HopeMr.DECLARATION,
            Vrope.DECLARATION,
            V2pe.DECLARATION,
            V2peMr.DECLARATION,
            CircleRope.DECLARATION,
            Ilrope.DECLARATION,
            Omnirope.DECLARATION,
            Mmrope.DECLARATION,
            Grape.DECLARATION,
            Glm4v.DECLARATION,
            Ernie45Vl.DECLARATION,
            Bailing.DECLARATION,
            Qwen25Omni.DECLARATION,
            Qwen3Omni.DECLARATION,
            HunyuanVl.DECLARATION,
            PluckerScheme.DECLARATION,
            PropeScheme.DECLARATION,
            GtaScheme.DECLARATION,
            UcpeScheme.DECLARATION);

    private SchemeRegistry() {
    }

    private static Map<String, SchemeDeclaration> index(SchemeDeclaration... declarations) {
        Map<String, SchemeDeclaration> m = new LinkedHashMap<>();
        for (SchemeDeclaration f : declarations) {
            if (m.put(f.name(), f) != null) {
                throw new IllegalStateException("duplicate scheme name " + f.name());
            }
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Every declaration, in registry order: the catalogue. */
    public static Collection<SchemeDeclaration> all() {
        return FACTORIES.values();
    }

    /**
     * The declaration of {@code name}.
     *
     * @throws UnknownSchemeException listing the known names
     */
    public static SchemeDeclaration declaration(String name) {
        SchemeDeclaration d = FACTORIES.get(name);
        if (d == null) {
            throw new UnknownSchemeException(name, FACTORIES.keySet());
        }
        return d;
    }

    public static boolean contains(String name) {
        return FACTORIES.containsKey(name);
    }

    /** Builds a scheme; unknown names and parameters are rejected with a message that names them. */
    public static Scheme create(String name, SchemeParams params) {
        return declaration(name).create(params);
    }

    public static Scheme create(String name) {
        return create(name, SchemeParams.empty());
    }

    /** No scheme of that name. */
    public static final class UnknownSchemeException extends InvalidInputException {
        private static final long serialVersionUID = 1L;

        UnknownSchemeException(String name, Collection<String> known) {
            super("scheme", "unknown scheme '" + name + "'; known: " + known);
        }
    }
}
