package dev.posplan.web;

import dev.posplan.api.SchemeInfo;
import dev.posplan.planners.SchemeRegistry;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Lists the schemes the service can plan. */
@RestController
@RequestMapping("/api/schemes")
class SchemeController {

    @GetMapping
    List<SchemeInfo> schemes() {
        return SchemeRegistry.all().stream().map(f -> new SchemeInfo(f.name(), f.summary())).toList();
    }

}
