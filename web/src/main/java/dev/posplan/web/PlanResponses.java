package dev.posplan.web;

import dev.posplan.api.FrequencyInfo;
import dev.posplan.api.PlanResponse;
import dev.posplan.api.PositionValues;
import dev.posplan.api.TensorValues;
import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.planners.DType;
import dev.posplan.planners.OutputTensor;
import dev.posplan.planners.PositionPlan;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.allocation.FrequencyAllocation;
import dev.posplan.planners.allocation.ChannelAllocation;
import dev.posplan.planners.allocation.HeadAllocation;
import dev.posplan.planners.allocation.PairAllocation;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a plan as its wire record. Values keep the plan's dtype: int32 plans become JSON integers, float32
 * plans float32 numbers; nothing is recomputed here.
 */
final class PlanResponses {

    private PlanResponses() {
    }

    static PlanResponse of(Scheme scheme, PositionPlan plan, int decodeSteps) {
        boolean ints = plan.dtype() == DType.INT32;
        boolean positioned = plan.axes() > 0;
        return new PlanResponse(scheme.name(), scheme.parameters(), plan.dtype().name().toLowerCase(Locale.ROOT),
                plan.axisNames(), plan.length(), positions(plan), positioned ? number(plan.ropeDelta(), ints) : null,
                positioned ? number(plan.maxPosition(), ints) : null, decode(plan, decodeSteps),
                frequencies(scheme.frequencies()), tensors(plan));
    }

    /** The plan's output tensors by name, flat row-major as the plan holds them. */
    private static Map<String, TensorValues> tensors(PositionPlan plan) {
        Map<String, TensorValues> out = new LinkedHashMap<>();
        for (OutputTensor t : plan.tensors()) {
            Object data = t instanceof OutputTensor.F32 f ? f.data() : ((OutputTensor.I32) t).data();
            out.put(t.name(), new TensorValues(t.dtype().name().toLowerCase(Locale.ROOT), t.shape(), data));
        }
        return out;
    }

    /** The axis-major plan as {@code [axes][length]} rows, one copy per axis. */
    private static PositionValues positions(PositionPlan plan) {
        if (plan instanceof PositionPlan.Int32 ints) {
            int[][] rows = new int[plan.axes()][];
            for (int a = 0; a < rows.length; a++) {
                rows[a] = ints.axisValues(a);
            }
            return new PositionValues.Ints(rows);
        }
        PositionPlan.Float32 floats = (PositionPlan.Float32) plan;
        float[][] rows = new float[plan.axes()][];
        for (int a = 0; a < rows.length; a++) {
            rows[a] = floats.axisValues(a);
        }
        return new PositionValues.Floats(rows);
    }

    /** Decode positions {@code [steps][axes]} in the plan's dtype. */
    private static PositionValues decode(PositionPlan plan, int steps) {
        double[][] d = plan.decodePositions(steps);
        if (plan.dtype() == DType.FLOAT32) {
            float[][] rows = new float[steps][plan.axes()];
            for (int k = 0; k < steps; k++) {
                for (int a = 0; a < plan.axes(); a++) {
                    rows[k][a] = (float) d[k][a];
                }
            }
            return new PositionValues.Floats(rows);
        }
        int[][] rows = new int[steps][plan.axes()];
        for (int k = 0; k < steps; k++) {
            for (int a = 0; a < plan.axes(); a++) {
                if (d[k][a] > Integer.MAX_VALUE || d[k][a] < Integer.MIN_VALUE) {
                    throw InvalidInputException.at("decodeSteps", "too many: generated token " + k
                            + " would leave the int32 range of the positions (" + (long) d[k][a] + ")");
                }
                rows[k][a] = (int) d[k][a];
            }
        }
        return new PositionValues.Ints(rows);
    }

    /** An integral JSON number for int32 plans (their maximum and delta are integral), else a float32. */
    private static Number number(double v, boolean ints) {
        return ints ? (Number) (long) v : (Number) (float) v;
    }

    private static FrequencyInfo frequencies(FrequencyAllocation allocation) {
        if (allocation instanceof PairAllocation f) {
            return new FrequencyInfo(f.rule(), f.headDim(), f.rotaryDim(), f.theta(), f.invFreq(), f.pairAxis(), null,
                    f.pairing().apiName());
        }
        if (allocation instanceof HeadAllocation f) {
            return new FrequencyInfo(f.rule(), f.headDim(), f.rotaryDim(), f.theta(), f.invFreq(), null,
                    f.kvHeadAxis(), f.pairing().apiName());
        }
        if (allocation instanceof ChannelAllocation f) {
            // this older answer has no per-channel field: /v1 answers give channel_axis
            return new FrequencyInfo(f.rule(), f.headDim(), f.rotaryDim(), f.theta(), f.invFreq(), null, null,
                    f.pairing().apiName());
        }
        return new FrequencyInfo(allocation.rule(), allocation.headDim(), 0, 0, new float[0], null, null, null);
    }
}
