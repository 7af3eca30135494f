package dev.posplan.planners.camera;

import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.multimodal.camera.CameraView;
import dev.posplan.multimodal.camera.Intrinsics;
import dev.posplan.planners.camera.RayCaster.Sampling;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Plücker ray embeddings (spec table-camera.md §6, §7): one ray per visual token (or pixel) with origin
 * {@code o} = camera centre and unit direction {@code d}, encoded as 6 (or 9) channels in the order a
 * reference uses. Entry points: {@link #rays} (origins and directions) and {@link #embed} (channels per
 * token, float32, token-major {@code [tokens, channels]}) of a list of views, and
 * {@link #embed(TokenStream)} for the posed blocks of a token stream, aligned with the whole stream.
 *
 * <p>Presets name the references: {@link #cameraCtrl()}, {@link #lvsm(Channels)}, {@link #gbt()},
 * {@link #ucpeBaseline()}; {@link #patchCentre()} is the ViT-grid rule of spec §7.
 *
 * @param sampling  where a token's ray is sampled
 * @param channels  channel order
 * @param quirks    reference defects to reproduce
 * @param scaling   how the intrinsics relate to the ray map's resolution
 */
public record PluckerRays(Sampling sampling, Channels channels, Set<Quirk> quirks, IntrinsicsScaling scaling) {

    /** Channel layouts; {@code m = o × d} is the moment, {@code p = o − (o·d) d} the foot of the perpendicular. */
    public enum Channels {
        /** {@code [o×d, d]}: CameraCtrl {@code ray_condition}, LVSM {@code default_plucker}, UCPE. */
        MOMENT_DIRECTION(6),
        /** {@code [d̂, o×d̂]} with d normalised first: GBT {@code get_plucker_parameterization} (gta repo). */
        DIRECTION_MOMENT(6),
        /** {@code [o×d, d, p]}: LVSM {@code aug_plucker}. */
        MOMENT_DIRECTION_FOOT(9),
        /** {@code [d, p]}: LVSM {@code custom_plucker}. */
        DIRECTION_FOOT(6);

        private final int width;

        Channels(int width) {
            this.width = width;
        }

        public int width() {
            return width;
        }
    }

    /** Reference defects, reproducible by name; none is on unless asked for (except in a preset that says so). */
    public enum Quirk {
        /**
         * CameraCtrl {@code torch.cross(rays_o, rays_d)} without {@code dim} takes the cross product over the
         * first axis of size 3 of {@code [1, V, H·W, 3]}: over the views when V = 3, over the pixels when
         * H·W = 3 (spec §6.1, golden {@code plucker/07}).
         */
        CAMERACTRL_CROSS_FIRST_SIZE3_AXIS,
        /** UCPE {@code ray_condition_ucm} rotates camera rays by {@code Rᵀ} of a camera-to-world pose (spec §5.6). */
        UCPE_TRANSPOSED_ROTATION
    }

    /** How pixel intrinsics are obtained for the ray map. */
    public enum IntrinsicsScaling {
        /**
         * The intrinsics are used as given, in pixels of the view's image. This is also what LVSM
         * {@code compute_rays} actually does: it computes intrinsics rescaled to the ray-map size and never
         * uses them (spec §6.2).
         */
        AS_GIVEN,
        /**
         * LVSM's intended (dead) rescaling: the original size is {@code (int) 2·max cy × (int) 2·max cx}
         * over the views; when it differs from the view's image, fx, cx scale by {@code W/w_orig} and fy, cy
         * by {@code H/h_orig}.
         */
        LVSM_INTENDED_RESCALE
    }

    public PluckerRays {
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(channels, "channels");
        Objects.requireNonNull(scaling, "scaling");
        Objects.requireNonNull(quirks, "quirks");
        quirks = quirks.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(quirks));
    }

    /** CameraCtrl {@code ray_condition}: pixel centres, {@code [o×d, d]}; the cross-axis pitfall is off. */
    public static PluckerRays cameraCtrl() {
        return new PluckerRays(Sampling.PATCH_CENTRE, Channels.MOMENT_DIRECTION, Set.of(), IntrinsicsScaling.AS_GIVEN);
    }

    /** LVSM {@code compute_rays} + {@code get_posed_input} with the given channel layout. */
    public static PluckerRays lvsm(Channels channels) {
        return new PluckerRays(Sampling.PATCH_CENTRE, channels, Set.of(), IntrinsicsScaling.AS_GIVEN);
    }

    /** GBT (gta repo {@code gbt.py}): {@code [d̂, o×d̂]}. */
    public static PluckerRays gbt() {
        return new PluckerRays(Sampling.PATCH_CENTRE, Channels.DIRECTION_MOMENT, Set.of(), IntrinsicsScaling.AS_GIVEN);
    }

    /**
     * UCPE's Plücker baseline {@code ray_condition_ucm} ({@code recam_plucker}, {@code plucker}): integer grid
     * (patch origin), UCM lens of the view, {@code [o×d, d]}, rotation by {@code Rᵀ} as released.
     */
    public static PluckerRays ucpeBaseline() {
        return new PluckerRays(Sampling.PATCH_ORIGIN, Channels.MOMENT_DIRECTION,
                Set.of(Quirk.UCPE_TRANSPOSED_ROTATION), IntrinsicsScaling.AS_GIVEN);
    }

    /** One ray per ViT token through its patch centre (spec §7), {@code [o×d, d]}. */
    public static PluckerRays patchCentre() {
        return cameraCtrl();
    }

    public PluckerRays withQuirk(Quirk q) {
        EnumSet<Quirk> s = quirks.isEmpty() ? EnumSet.noneOf(Quirk.class) : EnumSet.copyOf(quirks);
        s.add(q);
        return new PluckerRays(sampling, channels, s, scaling);
    }

    public PluckerRays withScaling(IntrinsicsScaling s) {
        return new PluckerRays(sampling, channels, quirks, s);
    }

    /** Origins and directions of every token of the views (views outer, row-major inside a view). */
    public RayGrid rays(List<CameraView> views) {
        return RayCaster.trace(views, intrinsics(views), sampling, quirks.contains(Quirk.UCPE_TRANSPOSED_ROTATION));
    }

    /** {@code float[tokens · channels.width()]}: the embedding of every token of the views. */
    public float[] embed(List<CameraView> views) {
        return embed(rays(views));
    }

    /**
     * The embedding of every token of a stream, aligned with it: {@code float[stream.length() · channels.width()]},
     * row {@code i} for stream index {@code i}. Rows of the tokens of a block with a camera are what
     * {@link #embed(List)} gives for that view (the same numbers as the list API on the stream's views,
     * {@link CameraTokens#views()}); rows of text, padding and blocks without a camera are zeros, so tell them
     * apart with {@link CameraTokens#mask()} rather than by value (a token whose ray a UCM lens cannot form is a
     * zero row too). A stream without posed blocks gives all zeros.
     *
     * <p>Views of different image sizes may be mixed, since each view is embedded alone, except with options
     * that couple the views of one call ({@link Quirk#CAMERACTRL_CROSS_FIRST_SIZE3_AXIS},
     * {@link IntrinsicsScaling#LVSM_INTENDED_RESCALE}): then the stream's views are embedded together as one
     * list, exactly as {@link #embed(List)}, and must share one token grid.
     */
    public float[] embed(TokenStream stream) {
        CameraTokens cams = CameraTokens.of(stream);
        int w = channels.width();
        float[] out = new float[ArraySize.of("Plücker embedding (stream tokens x channels)", stream.length(), w)];
        if (cams.isEmpty()) {
            return out;
        }
        float[] together = couplesViews() ? embed(cams.views()) : null;
        int from = 0;
        for (int i = 0; i < cams.count(); i++) {
            int n = cams.tokens(i) * w;
            if (together != null) {
                System.arraycopy(together, from, out, cams.offset(i) * w, n);
                from += n;
            } else {
                System.arraycopy(embed(List.of(cams.view(i))), 0, out, cams.offset(i) * w, n);
            }
        }
        return out;
    }

    /** Whether the rays of one view depend on the other views of the same call. */
    private boolean couplesViews() {
        return quirks.contains(Quirk.CAMERACTRL_CROSS_FIRST_SIZE3_AXIS)
                || scaling == IntrinsicsScaling.LVSM_INTENDED_RESCALE;
    }

    /**
     * The embedding of given rays. Rays without a direction (NaN, outside a UCM lens) embed as zeros,
     * as UCPE masks them.
     */
    public float[] embed(RayGrid rays) {
        int n = rays.tokens();
        double[] o = rays.originArray();
        double[] d = rays.directionArray();
        if (channels == Channels.DIRECTION_MOMENT) {
            d = normalizedDirections(d);
        }
        double[] m = quirks.contains(Quirk.CAMERACTRL_CROSS_FIRST_SIZE3_AXIS)
                ? CameraMath.crossFirstSize3Axis(o, d, rays.views(), rays.rows() * rays.cols())
                : CameraMath.crossRows(o, d);
        int w = channels.width();
        float[] out = new float[ArraySize.of("Plücker embedding (tokens x channels)", n, w)];
        for (int i = 0; i < n; i++) {
            int k = 3 * i;
            if (Double.isNaN(d[k]) || Double.isNaN(d[k + 1]) || Double.isNaN(d[k + 2])) {
                continue;
            }
            int at = i * w;
            switch (channels) {
                case MOMENT_DIRECTION -> {
                    at = put(out, at, m, k);
                    put(out, at, d, k);
                }
                case DIRECTION_MOMENT -> {
                    at = put(out, at, d, k);
                    put(out, at, m, k);
                }
                case MOMENT_DIRECTION_FOOT -> {
                    at = put(out, at, m, k);
                    at = put(out, at, d, k);
                    putFoot(out, at, o, d, k);
                }
                case DIRECTION_FOOT -> {
                    at = put(out, at, d, k);
                    putFoot(out, at, o, d, k);
                }
                default -> throw new AssertionError(channels);
            }
        }
        return out;
    }

    private static int put(float[] out, int at, double[] v, int k) {
        out[at] = (float) v[k];
        out[at + 1] = (float) v[k + 1];
        out[at + 2] = (float) v[k + 2];
        return at + 3;
    }

    /** {@code p = o − (o·d) d}, the point of the ray nearest the world origin. */
    private static void putFoot(float[] out, int at, double[] o, double[] d, int k) {
        double od = o[k] * d[k] + o[k + 1] * d[k + 1] + o[k + 2] * d[k + 2];
        out[at] = (float) (o[k] - od * d[k]);
        out[at + 1] = (float) (o[k + 1] - od * d[k + 1]);
        out[at + 2] = (float) (o[k + 2] - od * d[k + 2]);
    }

    private static double[] normalizedDirections(double[] d) {
        double[] out = new double[d.length];
        for (int k = 0; k < d.length; k += 3) {
            double n = Math.sqrt(d[k] * d[k] + d[k + 1] * d[k + 1] + d[k + 2] * d[k + 2]);
            out[k] = d[k] / n;
            out[k + 1] = d[k + 1] / n;
            out[k + 2] = d[k + 2] / n;
        }
        return out;
    }

    private List<Intrinsics> intrinsics(List<CameraView> views) {
        List<Intrinsics> out = new ArrayList<>(views.size());
        for (CameraView v : views) {
            out.add(v.pixelIntrinsics("Plücker rays"));
        }
        if (scaling == IntrinsicsScaling.LVSM_INTENDED_RESCALE) {
            return lvsmRescaled(views, out);
        }
        return out;
    }

    private static List<Intrinsics> lvsmRescaled(List<CameraView> views, List<Intrinsics> k) {
        double maxCx = k.stream().mapToDouble(Intrinsics::cx).max().orElseThrow();
        double maxCy = k.stream().mapToDouble(Intrinsics::cy).max().orElseThrow();
        int wOrig = (int) (2 * maxCx);
        int hOrig = (int) (2 * maxCy);
        if (wOrig <= 0 || hOrig <= 0) {
            throw InvalidInputException.of("intrinsics: LVSM rescaling needs a positive principal point, got cx="
                    + maxCx + ", cy=" + maxCy);
        }
        List<Intrinsics> out = new ArrayList<>(k.size());
        for (int v = 0; v < k.size(); v++) {
            int w = views.get(v).imageWidth();
            int h = views.get(v).imageHeight();
            Intrinsics in = k.get(v);
            if (w == wOrig && h == hOrig) {
                out.add(in);
            } else {
                double sx = (double) w / wOrig;
                double sy = (double) h / hOrig;
                out.add(Intrinsics.pixels(in.fx() * sx, in.fy() * sy, in.cx() * sx, in.cy() * sy));
            }
        }
        return out;
    }
}
