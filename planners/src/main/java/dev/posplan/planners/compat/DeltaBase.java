package dev.posplan.planners.compat;

import dev.posplan.multimodal.ApiNamed;
/**
 * Which length {@code rope_deltas = M + 1 - length} subtracts (qwen-mrope.md §4, §9 #4). Schemes that
 * model a host read theirs from the parameter {@code rope_deltas} and set it on their plans
 * ({@link dev.posplan.planners.RowFacts#withDeltaBase}); every other plan counts the padded length.
 */
public enum DeltaBase implements ApiNamed {

    /** The padded row length L: HF transformers 4.x. */
    PADDED("padded"),

    /** The unpadded token count n: HF main and vLLM (which never pads). */
    UNPADDED("unpadded");

    /** Name of the scheme parameter that holds a scheme's base. */
    public static final String PARAMETER = "rope_deltas";

    private final String apiName;

    DeltaBase(String apiName) {
        this.apiName = apiName;
    }

    @Override

    public String apiName() {
        return apiName;
    }

    public static DeltaBase byName(String name) {
        return ApiNamed.parse(DeltaBase.class, name, "rope_deltas base");
    }
}
