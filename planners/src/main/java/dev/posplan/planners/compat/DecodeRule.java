package dev.posplan.planners.compat;

import dev.posplan.multimodal.ApiNamed;
import dev.posplan.planners.RowFacts;
import java.util.Arrays;

/**
 * Where generated tokens continue after a prompt (qwen-mrope.md §4, §9 #5). With M the prompt's max
 * position, n its unpadded and L its padded length, generated token k gets:
 */
public enum DecodeRule implements ApiNamed {

    /**
     * {@code M + 1 + k} on every axis, computed as the host does ({@link RowFacts#decodePosition}): vLLM
     * ({@code j + delta}) and HF 4.x ({@code L + k + rope_deltas}); the Qwen team's rule.
     */
    DELTA("delta"),

    /**
     * HF main {@code generate()}: every axis continues from the value in the row's last slot, {@code last + 1 + k}.
     * Equals {@link #DELTA} when the prompt ends on text; differs when it ends on a vision token, when text
     * after a video reuses positions ({@code resume = spatial-extent}), and on right-padded rows (the last
     * slot is padding).
     */
    LAST_PLUS_ONE("last-plus-one"),

    /**
     * HF main {@code forward()} with a KV cache and neither position ids nor mask:
     * {@code L + k + (M + 1 - n)} on every axis, wrong by the pad count for left-padded rows.
     */
    FORWARD_NO_MASK("forward-no-mask");

    private final String apiName;

    DecodeRule(String apiName) {
        this.apiName = apiName;
    }

    @Override

    public String apiName() {
        return apiName;
    }

    public static DecodeRule byName(String name) {
        return ApiNamed.parse(DecodeRule.class, name, "decode rule");
    }

    /**
     * The row's facts with this rule's decode start (step 1); {@code last} is read only by
     * {@link #LAST_PLUS_ONE}, so a window or a row's blocks need not hold the last slot.
     */
    public RowFacts apply(RowFacts facts, RowFacts.LastSlot last) {
        if (this == DELTA) {
            return facts.withHostDecode();
        }
        double[] start = new double[facts.axes()];
        switch (this) {
            case LAST_PLUS_ONE -> {
                for (int a = 0; a < start.length; a++) {
                    start[a] = facts.length() == 0 ? facts.maxPosition() + 1 : last.value(a) + 1;
                }
            }
            case FORWARD_NO_MASK -> Arrays.fill(start, facts.length() + facts.ropeDeltaUnpadded());
        }
        return facts.withDecode(start, 1);
    }
}
