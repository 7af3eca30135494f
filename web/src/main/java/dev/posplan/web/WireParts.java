package dev.posplan.web;

import dev.posplan.api.CameraPart;
import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.multimodal.camera.CameraView;
import dev.posplan.multimodal.camera.Intrinsics;
import dev.posplan.multimodal.camera.LensModel;
import dev.posplan.multimodal.camera.Pose;
import java.util.List;

/**
 * Checks of the part fields that need more than a bound: grids, posed cameras and table cells, each refused as an
 * {@link InvalidInputException} at the field it names, and built only once valid.
 */
final class WireParts {

    private WireParts() {
    }

    /** A grid {@code [t, h, w]} with every side in {@code 1..Grid.MAX_SIDE}. */
    static int[] grid(List<Integer> grid, String field) {
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

    /** The camera view of a wire camera; its own checks become errors at {@code field}. */
    static CameraView camera(CameraPart c, String field) {
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
    static long tableTokens(List<List<Integer>> cells, String field) {
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
    static int[][] cells(List<List<Integer>> cells) {
        int[][] out = new int[cells.size()][];
        for (int r = 0; r < out.length; r++) {
            out[r] = cells.get(r).stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    /** A required integer field of at least 1. */
    static int positive(Integer value, String field) {
        if (required(value, field) < 1) {
            throw InvalidInputException.at(field, "must be >= 1, got " + value);
        }
        return value;
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw InvalidInputException.at(field, "is required");
        }
        return value;
    }
}
