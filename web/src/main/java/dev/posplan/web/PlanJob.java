package dev.posplan.web;

import dev.posplan.api.encode.TensorDType;
import dev.posplan.multimodal.VisionModel;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.planners.PaddingSide;
import dev.posplan.planners.Scheme;
import java.util.List;

/**
 * A {@code /v1/plans} request in the planners' terms, checked and within the limits.
 *
 * @param preset      the model the request named, or null
 * @param scheme      the built scheme
 * @param format      host format API name
 * @param rows        one token stream per batch row (unpadded; the batch planner pads)
 * @param inputIds    the token ids of each row when known (input_ids and messages rows), else null entries
 * @param side        where shorter rows are padded
 * @param decodeSteps generated tokens to return positions for
 * @param dtype       the answer's element type of positions
 * @param returnInputIds whether to answer the rows' token ids
 * @param range       {@code [start, length]} of the token slots to answer, or null for all
 * @param blocks      answer rows in the block form instead of per-token values
 */
record PlanJob(VisionModel preset, Scheme scheme, String format, List<TokenStream> rows, List<int[]> inputIds,
        PaddingSide side, int decodeSteps, TensorDType dtype, boolean returnInputIds, int[] range,
        boolean blocks) {

    /** First slot answered. */
    int start() {
        return range == null ? 0 : range[0];
    }
}
