package dev.posplan.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The text tokens before each temporal patch of a video, written in JSON either as a list with one count
 * per patch ({@code [5, 5, 6]}) or as one integer that holds for every patch ({@code 5}). Exactly one of the
 * components is non-null.
 *
 * @param perPatch one count per temporal patch, or null
 * @param everyPatch the count before every patch, or null
 */
public record TimestampTokens(List<Integer> perPatch, Integer everyPatch) {

    /** Not a JSON creator: the JSON is a list or an integer, never an object. */
    @JsonCreator(mode = JsonCreator.Mode.DISABLED)
    public TimestampTokens {
        if ((perPatch == null) == (everyPatch == null)) {
            throw new IllegalArgumentException("exactly one of perPatch and everyPatch must be given");
        }
        perPatch = perPatch == null ? null : Collections.unmodifiableList(new ArrayList<>(perPatch));
    }

    /** JSON {@code [5, 5, 6]}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static TimestampTokens of(List<Integer> counts) {
        return new TimestampTokens(counts, null);
    }

    /** JSON {@code 5}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static TimestampTokens of(int count) {
        return new TimestampTokens(null, count);
    }

    /** The JSON form: the list or the single integer. */
    @JsonValue
    Object json() {
        return perPatch != null ? perPatch : everyPatch;
    }
}
