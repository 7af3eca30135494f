package dev.posplan.web.ops;

import dev.posplan.planners.SchemeDeclaration;
import dev.posplan.planners.SchemeRegistry;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

/** Adds the names of the schemes this build can plan to {@code /actuator/info}. */
@Component
class SchemesInfoContributor implements InfoContributor {

    @Override
    public void contribute(Info.Builder builder) {
        builder.withDetail("schemes", SchemeRegistry.all().stream().map(SchemeDeclaration::name).toList());
    }
}
