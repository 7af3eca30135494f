package dev.posplan.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class QwenGoldenCheckerTest {

    private static final JsonNode PROCESSOR = JsonMapper.builder().build().readTree("{\"smart_resize\": {}}");

    @Test
    void processorFilesGoToTheGivenChecker() {
        List<String> seen = new ArrayList<>();
        QwenGoldenChecker checker = new QwenGoldenChecker(g -> seen.add(g.propertyNames().iterator().next()));
        checker.check("processor_smart_resize.json", PROCESSOR);
        assertEquals(List.of("smart_resize"), seen);
        // Without the name the file is not recognised (and never reaches the delegate).
        assertThrows(Mismatch.class, () -> checker.check(PROCESSOR));
        assertEquals(1, seen.size());
    }
}
