package dev.posplan.conformance;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Folder wiring that the golden files alone do not pin down. */
class CheckersTest {

    private static ObjectNode file(String folder, String name) {
        return (ObjectNode) Golden.read(GoldenDir.locate().resolve(folder).resolve(name));
    }

    /**
     * The Qwen2-VL-format folders take head_dim and theta from the file: another theta is compared as the file's
     * own (no "theta" mismatch) and changes inv_freq, which then differs.
     */
    @Test
    void qwen2VlFoldersReadTheRotaryConstantsFromTheFile() {
        for (String folder : new String[] {"qwen2vl_mrope", "videorope", "hope"}) {
            ObjectNode g = file(folder, "c02_worked_t3_img1x2x3_t2.json");
            FolderChecker checker = Checkers.ALL.get(folder);
            assertDoesNotThrow(() -> checker.check(g));
            ((ObjectNode) g.get("frequency_allocation")).put("theta", 10_000.0);
            Mismatch m = assertThrows(Mismatch.class, () -> checker.check(g));
            assertTrue(m.getMessage().startsWith("inv_freq[1]: expected"), folder + ": " + m.getMessage());
        }
    }
}
