package dev.posplan.web;

import dev.posplan.api.ParameterInfo;
import dev.posplan.api.SchemeInfo;
import dev.posplan.planners.OnDemand;
import dev.posplan.planners.Parameter;
import dev.posplan.planners.SchemeDeclaration;
import dev.posplan.planners.SchemeRegistry;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The catalogue: every encoding with its declaration, straight from the registry. */
@RestController
@RequestMapping("/api/schemes")
class SchemeController {

    @Operation(summary = "Every encoding posplan plans, with its typed parameter declarations and outputs")
    @GetMapping
    List<SchemeInfo> schemes() {
        return SchemeRegistry.all().stream().map(SchemeController::info).toList();
    }

    static SchemeInfo info(SchemeDeclaration d) {
        SchemeDeclaration.Reference r = d.reference();
        return new SchemeInfo(d.name(), d.summary(), d.paper(), new SchemeInfo.Reference(r.repo(), r.path(), r.commit()),
                d.axes(), d.dtype().name().toLowerCase(Locale.ROOT), d.formats(), d.parts(), d.outputs(),
                d.parameters().stream().map(SchemeController::parameter).toList(), onDemand(d.onDemand()));
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
