package dev.posplan.web;

import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.web.V1PlanController.AnswerFormat;
import java.util.List;

/**
 * Finds the field behind a planning error that names none: a rule the planners check while walking a batch (a
 * position past int32 from an extreme {@code second_per_grid_t} or {@code temporal_stride}, a part type the
 * scheme cannot place) knows the token, not the request field. The request is planned again one row at a time,
 * and a failing parts row as its shortest failing prefix of parts (a binary search: positions only grow along a
 * row), which names {@code /sequences/i/parts/p}. Runs only on that error path and plans no more than the
 * refused request did, about log2(parts) times.
 */
final class FailureLocator {

    private final V1PlanWriter writer;

    FailureLocator(V1PlanWriter writer) {
        this.writer = writer;
    }

    /** Plans the request; an error without a field comes back with the field it was found at. */
    V1PlanAnswer plan(V1PlanRequest request, AnswerFormat answer) {
        try {
            return writer.plan(request, answer);
        } catch (LimitExceededException e) {
            throw e;
        } catch (InvalidInputException e) {
            if (e.field() != null || request.sequences() == null) {
                throw e;
            }
            String field = locate(request, answer);
            throw field == null ? e : new InvalidInputException(field, field + ": " + e.getMessage());
        }
    }

    private String locate(V1PlanRequest r, AnswerFormat answer) {
        List<V1PlanRequest.Sequence> rows = r.sequences();
        for (int i = 0; i < rows.size(); i++) {
            V1PlanRequest.Sequence s = rows.get(i);
            if (s == null || s.parts() == null) {
                continue; // input_ids rows share the batch's grids, and messages rows are one rendering
            }
            if (!fails(r, s.parts(), answer)) {
                continue;
            }
            int lo = 1;
            int hi = s.parts().size(); // the whole row fails
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (fails(r, s.parts().subList(0, mid), answer)) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return "/sequences/" + i + "/parts/" + (lo - 1);
        }
        return null;
    }

    /** Whether one row of these parts, alone in the request, fails with an error that names no field. */
    private boolean fails(V1PlanRequest r, List<V1PlanRequest.Part> parts, AnswerFormat answer) {
        V1PlanRequest one = new V1PlanRequest(r.model(), r.scheme(), r.params(), r.format(),
                List.of(new V1PlanRequest.Sequence(parts, null, null, null)), null, null, null, r.paddingSide(),
                r.decodeSteps(), null, r.dtype(), null, null, null, null);
        try {
            writer.plan(one, answer);
            return false;
        } catch (InvalidInputException e) {
            return e.field() == null;
        } catch (LimitExceededException e) {
            return false;
        }
    }
}
