package dev.posplan.conformance;

import dev.posplan.multimodal.camera.CameraView;
import dev.posplan.multimodal.camera.Intrinsics;
import dev.posplan.multimodal.camera.LensModel;
import dev.posplan.multimodal.camera.LinAlg;
import dev.posplan.multimodal.camera.Pose;
import dev.posplan.planners.camera.Ucpe;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Checks UCPE's helper-functions file ({@code ucpe/12_helpers_*}, golden/README-table-camera.md): FOV ↔
 * focal conversions, ray grids, azimuth/elevation and their RoPE tables. The file records outputs only, so
 * every input is read from a key name ({@code fx_width52}, {@code d_cam_4x3_fov120_xi0.5},
 * {@code rope_cos_azimuth_featdim8}) or an array length, and each array's shape is checked before its
 * values: a file of another shape is a {@link Mismatch} naming the key, never an index error.
 */
final class UcpeHelpersCheck {

    /**
     * The lens cases (FOV degrees, ξ) the visible file's generator passed to {@code compute_fx_from_fov_xi}
     * (those of {@code ucpe/01, 03, 04}); not recorded in the file, so compared only when its focal array
     * has exactly this many entries.
     */
    static final double[][] VISIBLE_FOV_XI = {{90, 0}, {140, 0.8}, {160, 1.5}};

    /** A ξ derived from float32-rounded outputs may come out a hair below 0 for a pinhole. */
    private static final double XI_SLACK = 1e-5;

    /** Frequency base and scale of {@code rope_precompute_coeffs}' defaults. */
    private static final double ROPE_BASE = 100;
    private static final double ROPE_SCALE = 1;

    private static final Pattern FX = Pattern.compile("fx_width(\\d+)");
    private static final Pattern GRID = Pattern.compile("d_cam_(\\d+)x(\\d+)_fov([\\d.]+)_xi([\\d.]+)");
    private static final Pattern ROPE = Pattern.compile("rope_(cos|sin)_(azimuth|elevation)_featdim(\\d+)");

    private UcpeHelpersCheck() {
    }

    static void check(JsonNode g) {
        focal(g);
        List<double[]> angleGrids = grids(g);
        double[] angles = angles(g, angleGrids);
        ropes(g, angles);
    }

    /**
     * {@code fx_width<W>[i]} = focal of lens case i for width W and {@code fov_roundtrip[i]} = the FOV
     * recovered from it. Per case the lens ξ follows from the pair ({@code ξ = (2fx/W) sin θ − cos θ},
     * θ = fov/2): it must be a valid lens (ξ ≥ 0), and posplan's inverse must bring that focal back to the
     * recorded FOV. A pair alone cannot tell which lens the generator meant, so the values themselves are
     * compared only against the visible lens cases, and only on arrays of their length.
     */
    private static void focal(JsonNode g) {
        String fxKey = only(g, FX);
        Matcher m = FX.matcher(fxKey);
        m.matches();
        int width = (int) parse(fxKey, m.group(1));
        double[] fx = vector(g, fxKey, -1);
        double[] fov = vector(g, "fov_roundtrip", fx.length);
        double[] back = new double[fx.length];
        for (int i = 0; i < fx.length; i++) {
            double theta = Math.toRadians(0.5 * fov[i]);
            double xi = 2 * fx[i] / width * Math.sin(theta) - Math.cos(theta);
            if (!(xi > -XI_SLACK)) {
                throw new Mismatch(fxKey + "[" + i + "] with fov_roundtrip[" + i + "] = " + fov[i]
                        + " implies lens ξ = " + xi + " < 0: no unified-camera lens gives that pair");
            }
            back[i] = new LensModel.UnifiedCamera(Math.max(0, xi)).fovFromFocal(fx[i], width);
        }
        CameraGolden.near("fov_roundtrip (from " + fxKey + " and the ξ it implies)", g.get("fov_roundtrip"), back);
        if (fx.length == VISIBLE_FOV_XI.length) {
            double[] expectedFx = new double[fx.length];
            for (int i = 0; i < fx.length; i++) {
                LensModel.UnifiedCamera lens = new LensModel.UnifiedCamera(VISIBLE_FOV_XI[i][1]);
                expectedFx[i] = lens.focalFromFov(VISIBLE_FOV_XI[i][0], width);
                back[i] = lens.fovFromFocal(fx[i], width);
            }
            CameraGolden.near(fxKey + " (lens cases (FOV, ξ) of ucpe/01, 03, 04)", g.get(fxKey), expectedFx);
            CameraGolden.near("fov_roundtrip (lens cases of ucpe/01, 03, 04)", g.get("fov_roundtrip"), back);
        }
    }

    /**
     * Every {@code d_cam_<W>x<H>_fov<F>_xi<X>}: the {@code [H][W][3]} unit rays of a W×H pixel grid with that
     * lens (identity pose, one token per pixel). Returns each grid's rays.
     */
    private static List<double[]> grids(JsonNode g) {
        List<double[]> out = new ArrayList<>();
        for (String key : all(g, GRID)) {
            Matcher m = GRID.matcher(key);
            m.matches();
            int cols = (int) parse(key, m.group(1));
            int rows = (int) parse(key, m.group(2));
            double fov = parse(key, m.group(3));
            double xi = parse(key, m.group(4));
            shape(g, key, rows, cols, 3);
            double[] rays;
            try {
                LensModel.UnifiedCamera lens = new LensModel.UnifiedCamera(xi);
                Intrinsics k = lens.intrinsicsFromFov(fov, cols, rows);
                rays = Ucpe.cameraRays(new CameraView(cols, rows, 1, 1, k,
                        Pose.cameraToWorld(LinAlg.identity4(), Pose.Axes.OPENCV), lens));
            } catch (IllegalArgumentException e) {
                throw new Mismatch(key + ": posplan rejects the grid its name describes: " + e.getMessage());
            }
            CameraGolden.near(key, g.get(key), rays);
            out.add(rays);
        }
        if (out.isEmpty()) {
            throw new Mismatch("no key matching " + GRID.pattern());
        }
        return out;
    }

    /** {@code azimuth_elevation [..., 2]} of the ray grid with as many rays; (azimuth, elevation) pairs. */
    private static double[] angles(JsonNode g, List<double[]> grids) {
        int values = Golden.flatten(present(g, "azimuth_elevation")).length;
        for (double[] rays : grids) {
            if (rays.length / 3 * 2 == values) {
                double[] angles = Ucpe.azimuthElevation(rays);
                CameraGolden.near("azimuth_elevation", g.get("azimuth_elevation"), angles);
                return angles;
            }
        }
        throw new Mismatch("azimuth_elevation: " + values + " values fit no d_cam grid (2 per ray)");
    }

    /**
     * Every {@code rope_<cos|sin>_<azimuth|elevation>_featdim<D>}: {@code [rays][D/2]} RoPE table of that
     * angle of every ray.
     */
    private static void ropes(JsonNode g, double[] angles) {
        List<String> keys = all(g, ROPE);
        if (keys.isEmpty()) {
            throw new Mismatch("no key matching " + ROPE.pattern());
        }
        int rays = angles.length / 2;
        for (String key : keys) {
            Matcher m = ROPE.matcher(key);
            m.matches();
            int featDim = (int) parse(key, m.group(3));
            if (featDim <= 0 || featDim % 2 != 0) {
                throw new Mismatch(key + ": feat_dim " + featDim + " is not positive and even");
            }
            shape(g, key, rays, featDim / 2);
            int column = m.group(2).equals("azimuth") ? 0 : 1;
            double[] positions = new double[rays];
            for (int i = 0; i < rays; i++) {
                positions[i] = angles[2 * i + column];
            }
            CameraGolden.near(key, g.get(key),
                    Ucpe.angleRope(positions, featDim, ROPE_BASE, ROPE_SCALE, m.group(1).equals("sin")));
        }
    }

    /** A number written in a key name; a key whose number does not read (or overflows) is a mismatch. */
    private static double parse(String key, String number) {
        try {
            double v = Double.parseDouble(number);
            if (v > Integer.MAX_VALUE) {
                throw new NumberFormatException("too large");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new Mismatch(key + ": unreadable number " + number + " in the key name");
        }
    }

    private static List<String> all(JsonNode g, Pattern p) {
        List<String> out = new ArrayList<>();
        for (String name : g.propertyNames()) {
            if (p.matcher(name).matches()) {
                out.add(name);
            }
        }
        return out;
    }

    private static String only(JsonNode g, Pattern p) {
        List<String> keys = all(g, p);
        if (keys.size() != 1) {
            throw new Mismatch((keys.isEmpty() ? "no key" : "several keys " + keys) + " matching " + p.pattern());
        }
        return keys.get(0);
    }

    private static JsonNode present(JsonNode g, String key) {
        JsonNode n = g.get(key);
        if (n == null || n.isNull()) {
            throw new Mismatch(key + ": missing");
        }
        return n;
    }

    /** A 1-D array of numbers; {@code length} -1 for any non-empty length. */
    private static double[] vector(JsonNode g, String key, int length) {
        JsonNode n = present(g, key);
        if (!n.isArray() || n.isEmpty() || (length >= 0 && n.size() != length)) {
            throw new Mismatch(key + ": expected a list of " + (length >= 0 ? length : "one or more")
                    + " numbers, got " + describe(n));
        }
        double[] out = new double[n.size()];
        for (int i = 0; i < out.length; i++) {
            if (!n.get(i).isNumber()) {
                throw new Mismatch(key + "[" + i + "]: expected a number, got " + n.get(i));
            }
            out[i] = n.get(i).asDouble();
        }
        return out;
    }

    /** A nested array of exactly {@code dims}. */
    private static void shape(JsonNode g, String key, int... dims) {
        if (!hasShape(present(g, key), dims, 0)) {
            throw new Mismatch(key + ": expected shape " + Arrays.toString(dims) + " (from its key name "
                    + "and the grid), got " + describe(g.get(key)));
        }
    }

    private static boolean hasShape(JsonNode n, int[] dims, int depth) {
        if (depth == dims.length) {
            return n.isNumber();
        }
        if (!n.isArray() || n.size() != dims[depth]) {
            return false;
        }
        for (JsonNode child : n.values()) {
            if (!hasShape(child, dims, depth + 1)) {
                return false;
            }
        }
        return true;
    }

    /** The outer sizes of a nested array (first element at each level), e.g. {@code [3, 4, 3]}. */
    private static String describe(JsonNode n) {
        List<Integer> sizes = new ArrayList<>();
        while (n != null && n.isArray()) {
            sizes.add(n.size());
            n = n.isEmpty() ? null : n.get(0);
        }
        if (sizes.isEmpty()) {
            return n == null ? "null" : "a " + n.getNodeType().toString().toLowerCase(Locale.ROOT);
        }
        return "shape " + sizes;
    }
}
