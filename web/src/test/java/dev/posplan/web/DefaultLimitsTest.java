package dev.posplan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.posplan.multimodal.text.ModelTokenizers;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With the default limits each one is reachable: no other limit always fires first. The visual-block limit is
 * counted per part, before the row's tokens meet the answer's token budget.
 */
class DefaultLimitsTest {

    private static final PlanLimits DEFAULTS = PlanLimits.defaults();

    private static LimitExceededException refused(String json, long maxTokens, String limit) {
        V1PlanRequest r = PosplanCli.JSON.readValue(json, V1PlanRequest.class);
        try (ModelTokenizers none = new ModelTokenizers(Map.of())) {
            V1PlanMapper mapper = new V1PlanMapper(DEFAULTS, none);
            return assertThrows(LimitExceededException.class, () -> mapper.toJob(r, maxTokens, limit));
        }
    }

    private static String video(int t) {
        return "{\"scheme\":\"mrope\",\"sequences\":[{\"parts\":[{\"type\":\"video\",\"grid\":[" + t + ",1,1]}]}]}";
    }

    @Test
    void visualBlocksBeforeJsonTokensAndBeforeTokens() {
        int blocks = DEFAULTS.maxBlocks();
        LimitExceededException json = refused(video(blocks + 1), DEFAULTS.maxJsonTokens(), "max-json-tokens");
        assertEquals("posplan.limits.max-blocks", json.limit());
        LimitExceededException binary = refused(video(blocks + 1), DEFAULTS.maxTokens(), "max-tokens");
        assertEquals("posplan.limits.max-blocks", binary.limit());
        // at the limit the blocks pass and the JSON budget (smaller than the block limit) is what refuses
        assertEquals("posplan.limits.max-json-tokens",
                refused(video(blocks), DEFAULTS.maxJsonTokens(), "max-json-tokens").limit());
    }

    @Test
    void theOtherDefaultsRefuseJustPastThemselves() {
        assertEquals("posplan.limits.max-decode-steps", refused("{\"scheme\":\"mrope\",\"decode_steps\":"
                + (DEFAULTS.maxDecodeSteps() + 1) + ",\"sequences\":[{\"parts\":[{\"type\":\"text\",\"tokens\":1}]}]}",
                DEFAULTS.maxTokens(), "max-tokens").limit());
        assertEquals("posplan.limits.max-tokens", refused("{\"scheme\":\"mrope\",\"sequences\":[{\"parts\":"
                + "[{\"type\":\"text\",\"tokens\":" + (DEFAULTS.maxTokens() + 1) + "}]}]}", DEFAULTS.maxTokens(),
                "max-tokens").limit());
        assertEquals("posplan.limits.max-json-tokens", refused("{\"scheme\":\"mrope\",\"sequences\":[{\"parts\":"
                + "[{\"type\":\"text\",\"tokens\":" + (DEFAULTS.maxJsonTokens() + 1) + "}]}]}", DEFAULTS.maxJsonTokens(),
                "max-json-tokens").limit());
    }
}
