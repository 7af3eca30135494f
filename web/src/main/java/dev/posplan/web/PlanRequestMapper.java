package dev.posplan.web;

import dev.posplan.api.CameraPart;
import dev.posplan.api.PlanPart;
import dev.posplan.api.PlanRequest;
import dev.posplan.api.TimestampTokens;
import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.HostFormat;
import dev.posplan.multimodal.HostFormats;
import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.multimodal.PromptPart;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.multimodal.camera.CameraView;
import dev.posplan.multimodal.camera.Intrinsics;
import dev.posplan.multimodal.camera.LensModel;
import dev.posplan.multimodal.camera.Pose;
import dev.posplan.multimodal.table.Table;
import dev.posplan.multimodal.table.TableGrid;
import dev.posplan.multimodal.table.TableSeparators;
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
     * @throws InvalidInputException       for a missing or invalid field
     * @throws LimitExceededException      for a request over a configured limit
     * @throws HostFormats.UnknownFormatException for an unknown {@code format}
     */
    PlanInput toInput(PlanRequest request) {
        String scheme = required(request.scheme(), "scheme");
        HostFormat format = HostFormats.byName(required(request.format(), "format"));
        List<PlanPart> parts = required(request.parts(), "parts");
        if (parts.isEmpty()) {
            throw InvalidInputException.at("parts", "must hold at least one part");
        }
        if (parts.size() > limits.maxParts()) {
            throw new LimitExceededException("max-parts", "parts", limits.maxParts(), "parts has " + parts.size()
                    + " entries, more than the limit of " + limits.maxParts());
        }
        if (request.leftPadding() < 0) {
            throw InvalidInputException.at("leftPadding", "must be >= 0, got " + request.leftPadding());
        }
        checkDecodeSteps(request.decodeSteps());
        checkParts(parts, format, request.leftPadding());

        List<PromptPart> prompt = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            String at = "parts[" + i + "]";
            try {
                prompt.add(toPromptPart(parts.get(i), at));
            } catch (InvalidInputException e) {
                // the domain names the part's field it rejects; the path to the part is the wire's
                if (e.field() != null && e.field().startsWith(at)) {
                    throw e;
                }
                String field = e.field() == null ? at : at + "." + e.field();
                String message = e.field() != null && e.getMessage().startsWith(e.field()) ? at + "." + e.getMessage()
                        : at + ": " + e.getMessage();
                throw new InvalidInputException(field, message);
            }
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
                    throw InvalidInputException.at(at + ".tokens", "must be >= 0, got " + t.tokens());
                }
                tokens += t.tokens();
            } else if (part instanceof PlanPart.Image img) {
                int[] g = imageGrid(img, at);
                if (g[0] != 1 && !format.imageTilesOnT() && !format.multiSliceImages()) {
                    throw InvalidInputException.at(at + ".grid", "must have t = 1: an image is one slice in format "
                            + format.apiName() + " (several frames are a video), got " + Arrays.toString(g));
                }
                tokens += (long) g[0] * g[1] * g[2];
                blocks++;
            } else if (part instanceof PlanPart.Video v) {
                int[] g = grid(v.grid(), at + ".grid");
                tokens += (long) g[0] * g[1] * g[2] + timestampTokens(v.timestampTokens(), g[0], at);
                blocks += g[0];
            } else if (part instanceof PlanPart.Table table) {
                tokens += tableTokens(table.cells(), at + ".cells");
                blocks++;
            }
            checkTokens(tokens, at);
            if (blocks > limits.maxBlocks()) {
                throw new LimitExceededException("max-blocks", at, limits.maxBlocks(), at + ": the prompt exceeds "
                        + "the limit of " + limits.maxBlocks() + " visual blocks (images plus video temporal patches)");
            }
        }
    }

    /** Builds the domain part of an already {@link #checkParts checked} wire part. */
    private static PromptPart toPromptPart(PlanPart part, String at) {
        if (part instanceof PlanPart.Text t) {
            return new PromptPart.Text(t.tokens());
        }
        if (part instanceof PlanPart.Image img) {
            return img.camera() != null ? PromptPart.Image.posed(camera(img.camera(), at + ".camera"))
                    : new PromptPart.Image(toGrid(img.grid()));
        }
        if (part instanceof PlanPart.Table table) {
            return new PromptPart.Table(TableGrid.serialise(Table.ofCounts(cells(table.cells())), null,
                    TableSeparators.MINICPM));
        }
        PlanPart.Video v = (PlanPart.Video) part;
        Grid grid = toGrid(v.grid());
        return PromptPart.Video.of(grid, v.secondPerGridT(), timestampCounts(v.timestampTokens(), grid.t()));
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
            throw InvalidInputException.at("decodeSteps", "must be >= 0, got " + steps);
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
            throw InvalidInputException.at(field, "must be [t, h, w], got " + grid.size() + " values");
        }
        int[] g = new int[3];
        for (int k = 0; k < 3; k++) {
            Integer side = grid.get(k);
            if (side == null || side < 1 || side > Grid.MAX_SIDE) {
                throw InvalidInputException.at(field, "sides must be integers in 1.." + Grid.MAX_SIDE + ", got "
                        + grid);
            }
            g[k] = side;
        }
        return g;
    }

    private static Grid toGrid(List<Integer> grid) {
        return new Grid(grid.get(0), grid.get(1), grid.get(2));
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
                throw InvalidInputException.at(field, "must be >= 0, got " + ts.everyPatch());
            }
            return (long) ts.everyPatch() * t;
        }
        List<Integer> list = ts.perPatch();
        if (list.size() != t) {
            throw InvalidInputException.at(field, "must hold one count per temporal patch (grid t = " + t + "), got "
                    + list.size());
        }
        long sum = 0;
        for (int k = 0; k < t; k++) {
            Integer c = list.get(k);
            if (c == null || c < 0) {
                throw InvalidInputException.at(field + "[" + k + "]", "must be an integer >= 0, got " + c);
            }
            sum += c;
        }
        return sum;
    }

    /**
     * The grid of an image: its camera's token grid for a posed image (a given {@code grid} must equal it), else
     * the given grid.
     */
    private static int[] imageGrid(PlanPart.Image img, String at) {
        if (img.camera() == null) {
            return grid(img.grid(), at + ".grid");
        }
        Grid g = camera(img.camera(), at + ".camera").tokenGrid();
        int[] sides = {g.t(), g.h(), g.w()};
        if (img.grid() != null && !Arrays.equals(grid(img.grid(), at + ".grid"), sides)) {
            throw InvalidInputException.at(at + ".grid", "must be the camera's token grid " + Arrays.toString(sides)
                    + " (image size / (patch_size * spatial_merge)), got " + img.grid());
        }
        return sides;
    }

    /** The camera view of a wire camera; its own checks become errors at {@code field}. */
    private static CameraView camera(CameraPart c, String field) {
        int width = required(c.imageWidth(), field + ".image_width");
        int height = required(c.imageHeight(), field + ".image_height");
        int patch = required(c.patchSize(), field + ".patch_size");
        List<Double> pose = required(c.pose(), field + ".pose");
        if (pose.size() != 16 || pose.contains(null)) {
            throw InvalidInputException.at(field + ".pose", "must be 16 numbers (a 4x4 row-major matrix)");
        }
        List<Double> ks = c.intrinsics();
        if (ks != null && (ks.size() != 4 || ks.contains(null))) {
            throw InvalidInputException.at(field + ".intrinsics", "must be [fx, fy, cx, cy]");
        }
        Pose.Direction direction = switch (c.direction()) {
            case "camera-to-world" -> Pose.Direction.CAMERA_TO_WORLD;
            case "world-to-camera" -> Pose.Direction.WORLD_TO_CAMERA;
            default -> throw InvalidInputException.at(field + ".direction",
                    "must be camera-to-world or world-to-camera");
        };
        Pose.Axes axes = switch (c.axes()) {
            case "opencv" -> Pose.Axes.OPENCV;
            case "opengl" -> Pose.Axes.OPENGL;
            default -> throw InvalidInputException.at(field + ".axes", "must be opencv or opengl");
        };
        double[] m = pose.stream().mapToDouble(Double::doubleValue).toArray();
        try {
            Intrinsics k = ks == null ? null : Intrinsics.pixels(ks.get(0), ks.get(1), ks.get(2), ks.get(3));
            LensModel lens = c.xi() == null ? LensModel.pinhole() : LensModel.unified(c.xi());
            return new CameraView(width, height, patch, c.spatialMerge(), k, new Pose(m, direction, axes), lens);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.at(field, e.getMessage());
        }
    }

    /**
     * Tokens of a table of {@code cells[row][column]} token counts: the cells plus one separator token for every
     * other item of its 2R x (2C+1) grid. Rows must be non-empty and of equal length.
     */
    private static long tableTokens(List<List<Integer>> cells, String field) {
        required(cells, field);
        if (cells.isEmpty()) {
            throw InvalidInputException.at(field, "must hold at least one row");
        }
        int columns = required(cells.get(0), field + "[0]").size();
        if (columns == 0 || (long) cells.size() * columns > Grid.MAX_SIDE * (long) Grid.MAX_SIDE) {
            throw InvalidInputException.at(field, "rows must have 1.." + Grid.MAX_SIDE + " cells");
        }
        long tokens = 2L * cells.size() * (2L * columns + 1) - (long) cells.size() * columns;
        for (int r = 0; r < cells.size(); r++) {
            List<Integer> row = required(cells.get(r), field + "[" + r + "]");
            if (row.size() != columns) {
                throw InvalidInputException.at(field + "[" + r + "]", "has " + row.size() + " cells, row 0 has "
                        + columns + " (a table is rectangular)");
            }
            for (int c = 0; c < columns; c++) {
                Integer n = row.get(c);
                if (n == null || n < 0) {
                    throw InvalidInputException.at(field + "[" + r + "][" + c + "]", "must be an integer >= 0, got "
                            + n);
                }
                tokens += n;
            }
        }
        return tokens;
    }

    /** The {@link #tableTokens validated} cell counts as {@code int[row][column]}. */
    private static int[][] cells(List<List<Integer>> cells) {
        int[][] out = new int[cells.size()][];
        for (int r = 0; r < out.length; r++) {
            out[r] = cells.get(r).stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
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
            throw InvalidInputException.at(field, "is required");
        }
        return value;
    }
}
