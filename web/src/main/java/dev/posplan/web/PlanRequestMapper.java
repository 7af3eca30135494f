package dev.posplan.web;

import dev.posplan.api.PlanPart;
import dev.posplan.api.PlanRequest;
import dev.posplan.api.TimestampTokens;
import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.HostFormat;
import dev.posplan.multimodal.HostFormats;
import dev.posplan.multimodal.PromptPart;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.planners.SchemeParams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Turns a wire {@link PlanRequest} into a {@link PlanInput}, checking every field and every {@link PlanLimits}
 * bound on the way. Two passes keep allocation behind the checks: {@link #checkParts} validates each part and
 * sums its tokens and blocks in {@code long}, stopping at the first bound exceeded, without building
 * anything; only then are the {@link PromptPart}s built and expanded by the host format into a
 * {@link TokenStream} (runs, not tokens), whose exact length (wrapper tokens included) is checked again.
 *
 * <p>Errors name the field as a path into the request JSON ({@code parts[2].grid}).
 */
@Component
class PlanRequestMapper {

    private final PlanLimits limits;

    PlanRequestMapper(PlanLimits limits) {
        this.limits = limits;
    }

    /**
     * The validated input of {@code request}.
     *
     * @throws InvalidFieldException       for a missing or invalid field
     * @throws LimitExceededException      for a request over a configured limit
     * @throws HostFormats.UnknownFormatException for an unknown {@code format}
     */
    PlanInput toInput(PlanRequest request) {
        String scheme = required(request.scheme(), "scheme");
        HostFormat format = HostFormats.byName(required(request.format(), "format"));
        List<PlanPart> parts = required(request.parts(), "parts");
        if (parts.isEmpty()) {
            throw new InvalidFieldException("parts", "must hold at least one part");
        }
        if (parts.size() > limits.maxParts()) {
            throw new LimitExceededException("max-parts", "parts", limits.maxParts(), "parts has " + parts.size()
                    + " entries, more than the limit of " + limits.maxParts());
        }
        if (request.leftPadding() < 0) {
            throw new InvalidFieldException("leftPadding", "must be >= 0, got " + request.leftPadding());
        }
        checkDecodeSteps(request.decodeSteps());
        checkParts(parts, format, request.leftPadding());

        List<PromptPart> prompt = new ArrayList<>(parts.size());
        for (PlanPart part : parts) {
            prompt.add(toPromptPart(part));
        }
        TokenStream stream = format.expand(prompt, request.leftPadding());
        checkTokens(stream.length(), "parts");
        return new PlanInput(scheme, new SchemeParams(request.params()), stream, request.decodeSteps());
    }

    /**
     * Validates every part and counts the request's tokens (left padding, text, timestamp tokens and grid
     * products; host-format wrapper tokens are counted after expansion) and blocks (images plus video temporal
     * patches). Fails at the first part that takes either running count over its limit; since every term is
     * below 2^61 and the sum before it at most {@code max-tokens}, the sum cannot overflow.
     */
    private void checkParts(List<PlanPart> parts, HostFormat format, int leftPadding) {
        checkTokens(leftPadding, "leftPadding");
        long tokens = leftPadding;
        long blocks = 0;
        for (int i = 0; i < parts.size(); i++) {
            String at = "parts[" + i + "]";
            PlanPart part = required(parts.get(i), at);
            if (part instanceof PlanPart.Text t) {
                if (t.tokens() < 0) {
                    throw new InvalidFieldException(at + ".tokens", "must be >= 0, got " + t.tokens());
                }
                tokens += t.tokens();
            } else if (part instanceof PlanPart.Image img) {
                int[] g = grid(img.grid(), at + ".grid");
                if (g[0] != 1 && !format.imageTilesOnT() && !format.multiSliceImages()) {
                    throw new InvalidFieldException(at + ".grid", "must have t = 1: an image is one slice in format "
                            + format.apiName() + " (several frames are a video), got " + Arrays.toString(g));
                }
                tokens += (long) g[0] * g[1] * g[2];
                blocks++;
            } else if (part instanceof PlanPart.Video v) {
                int[] g = grid(v.grid(), at + ".grid");
                float seconds = float32(v.secondPerGridT());
                if (!Float.isNaN(seconds) && !(seconds >= 0 && Float.isFinite(seconds))) {
                    throw new InvalidFieldException(at + ".second_per_grid_t", "must be finite and >= 0, got "
                            + v.secondPerGridT());
                }
                tokens += (long) g[0] * g[1] * g[2] + timestampTokens(v.timestampTokens(), g[0], at);
                blocks += g[0];
            }
            checkTokens(tokens, at);
            if (blocks > limits.maxBlocks()) {
                throw new LimitExceededException("max-blocks", at, limits.maxBlocks(), at + ": the prompt exceeds "
                        + "the limit of " + limits.maxBlocks() + " visual blocks (images plus video temporal patches)");
            }
        }
    }

    /** Builds the domain part of an already {@link #checkParts checked} wire part. */
    private static PromptPart toPromptPart(PlanPart part) {
        if (part instanceof PlanPart.Text t) {
            return new PromptPart.Text(t.tokens());
        }
        if (part instanceof PlanPart.Image img) {
            return new PromptPart.Image(toGrid(img.grid()));
        }
        PlanPart.Video v = (PlanPart.Video) part;
        Grid grid = toGrid(v.grid());
        return new PromptPart.Video(grid, float32(v.secondPerGridT()), timestampCounts(v.timestampTokens(), grid.t()));
    }

    /** Checks a token count reached at {@code field} against {@code max-tokens} and {@code max-json-tokens}. */
    private void checkTokens(long tokens, String field) {
        if (tokens > limits.maxTokens()) {
            throw new LimitExceededException("max-tokens", field, limits.maxTokens(), field + ": the prompt exceeds "
                    + "the limit of " + limits.maxTokens() + " tokens (padding, text, timestamps, grid products and "
                    + "wrapper tokens)");
        }
        if (tokens > limits.maxJsonTokens()) {
            throw new LimitExceededException("max-json-tokens", field, limits.maxJsonTokens(), field + ": the plan "
                    + "would exceed " + limits.maxJsonTokens() + " tokens, the most a JSON answer holds; binary "
                    + "output (safetensors / .npy) for larger plans is a later feature");
        }
    }

    private void checkDecodeSteps(int steps) {
        if (steps < 0) {
            throw new InvalidFieldException("decodeSteps", "must be >= 0, got " + steps);
        }
        if (steps > limits.maxDecodeSteps()) {
            throw new LimitExceededException("max-decode-steps", "decodeSteps", limits.maxDecodeSteps(),
                    "decodeSteps " + steps + " is more than the limit of " + limits.maxDecodeSteps());
        }
    }

    /** A grid {@code [t, h, w]} with every side in {@code 1..Grid.MAX_SIDE}. */
    private static int[] grid(List<Integer> grid, String field) {
        required(grid, field);
        if (grid.size() != 3) {
            throw new InvalidFieldException(field, "must be [t, h, w], got " + grid.size() + " values");
        }
        int[] g = new int[3];
        for (int k = 0; k < 3; k++) {
            Integer side = grid.get(k);
            if (side == null || side < 1 || side > Grid.MAX_SIDE) {
                throw new InvalidFieldException(field, "sides must be integers in 1.." + Grid.MAX_SIDE + ", got "
                        + grid);
            }
            g[k] = side;
        }
        return g;
    }

    private static Grid toGrid(List<Integer> grid) {
        return new Grid(grid.get(0), grid.get(1), grid.get(2));
    }

    /** The float32 the reference's tensor holds for a Python float {@code second_per_grid_t}; NaN when absent. */
    private static float float32(Double seconds) {
        return seconds == null ? Float.NaN : seconds.floatValue();
    }

    /**
     * Validates a video's {@code timestamp_tokens} against its {@code t} temporal patches and returns their sum
     * (0 when absent), without building anything.
     */
    private static long timestampTokens(TimestampTokens ts, int t, String part) {
        String field = part + ".timestamp_tokens";
        if (ts == null) {
            return 0;
        }
        if (ts.everyPatch() != null) {
            if (ts.everyPatch() < 0) {
                throw new InvalidFieldException(field, "must be >= 0, got " + ts.everyPatch());
            }
            return (long) ts.everyPatch() * t;
        }
        List<Integer> list = ts.perPatch();
        if (list.size() != t) {
            throw new InvalidFieldException(field, "must hold one count per temporal patch (grid t = " + t + "), got "
                    + list.size());
        }
        long sum = 0;
        for (int k = 0; k < t; k++) {
            Integer c = list.get(k);
            if (c == null || c < 0) {
                throw new InvalidFieldException(field + "[" + k + "]", "must be an integer >= 0, got " + c);
            }
            sum += c;
        }
        return sum;
    }

    /** One count per temporal patch of a {@link #timestampTokens validated} {@code timestamp_tokens}. */
    private static int[] timestampCounts(TimestampTokens ts, int t) {
        int[] counts = new int[t];
        if (ts != null && ts.everyPatch() != null) {
            Arrays.fill(counts, ts.everyPatch());
        } else if (ts != null) {
            for (int k = 0; k < t; k++) {
                counts[k] = ts.perPatch().get(k);
            }
        }
        return counts;
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new InvalidFieldException(field, "is required");
        }
        return value;
    }
}
