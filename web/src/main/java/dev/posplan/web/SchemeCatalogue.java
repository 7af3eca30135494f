package dev.posplan.web;

import dev.posplan.api.ParameterInfo;
import dev.posplan.api.SchemeInfo;
import dev.posplan.planners.OnDemand;
import dev.posplan.planners.Parameter;
import dev.posplan.planners.SchemeDeclaration;
import java.util.Locale;

/** The catalogue entry of an encoding ({@code GET /v1/schemes}), straight from its declaration. */
final class SchemeCatalogue {

    private SchemeCatalogue() {
    }

    static SchemeInfo info(SchemeDeclaration d) {
        SchemeDeclaration.Reference r = d.reference();
        return new SchemeInfo(d.name(), d.summary(), d.paper(), new SchemeInfo.Reference(r.repo(), r.path(), r.commit()),
                d.axes(), d.dtype().name().toLowerCase(Locale.ROOT), d.formats(), d.parts(), d.outputs(),
                d.parameters().stream().map(SchemeCatalogue::parameter).toList(), onDemand(d.onDemand()));
    }

    private static SchemeInfo.OnDemand onDemand(OnDemand o) {
        return new SchemeInfo.OnDemand(o.slicing().apiName(), o.blocks(), o.note());
    }

    private static ParameterInfo parameter(Parameter<?> p) {
        Parameter.Allowed a = p.allowed();
        ParameterInfo.Allowed allowed = new ParameterInfo.Allowed(a.min(), a.min() == null ? null : a.minExclusive(),
                a.max(), a.values());
        return new ParameterInfo(p.name(), p.type().apiName(), p.defaultValue(), allowed, p.description());
    }
}
