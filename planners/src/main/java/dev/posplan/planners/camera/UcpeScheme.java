package dev.posplan.planners.camera;

import dev.posplan.multimodal.TokenStream;
import dev.posplan.multimodal.camera.CameraView;
import dev.posplan.planners.DType;
import dev.posplan.planners.OutputTensor;
import dev.posplan.planners.Parameter;
import dev.posplan.planners.SchemeDeclaration;
import dev.posplan.planners.SchemeParams;
import java.util.EnumSet;
import java.util.List;

/**
 * UCPE as a scheme ({@link Ucpe}, table-camera.md §5, the released pipeline with its quirks): the stream's
 * posed images are the video frames; every {@code temporal_stride}-th is a latent frame. Outputs, per token of
 * the latent frames (frames outer, row-major): {@code relative_rays} and {@code relative_rays_inv}
 * ({@code float32[N, 4, 4]}, the PRoPE matrices of the world→ray transforms, Relative Ray Encoding) and
 * {@code absolute_map} ({@code float32[N, 3]}: up_u, up_v, latitude, Absolute Orientation Encoding).
 */
public final class UcpeScheme {

    private static final Parameter<Integer> HEAD_DIM = Parameter.integer("head_dim", 192,
            Parameter.Allowed.between(8, 4096), "Head dimension of UCPE's self-attention, a multiple of 8 "
                    + "(Wan2.1-1.3B with attn_compress 8: 192).");
    private static final Parameter<Integer> TEMPORAL_STRIDE = Parameter.integer("temporal_stride",
            Ucpe.DEFAULT_TEMPORAL_STRIDE, Parameter.Allowed.between(1, 1024),
            "Video frames per latent frame (Wan2.1 VAE: 4).");
    private static final Parameter<Double> UP_DELTA = Parameter.number("up_delta", Ucpe.DEFAULT_UP_DELTA,
            new Parameter.Allowed(0.0, true, Math.PI / 2, List.of()), "Rotation towards world-up for the up map, "
                    + "radians, in (0, pi/2).");

    /** Registry entry {@code ucpe}. */
    public static final SchemeDeclaration DECLARATION = SchemeDeclaration.builder("ucpe")
            .summary("UCPE: relative ray encoding (PRoPE of world-to-ray transforms) and absolute orientation map")
            .paper("UCPE: Unified Camera Positional Encoding (chengzhag/UCPE)")
            .reference("chengzhag/UCPE", "src/camera_control.py", "4c4b1180")
            .axes(List.of()).dtype(DType.FLOAT32).formats("qwen2-vl", "qwen3-vl", "bare").parts("text", "camera")
            .outputs("relative_rays", "relative_rays_inv", "absolute_map")
            .parameters(HEAD_DIM, TEMPORAL_STRIDE, UP_DELTA)
            .build(UcpeScheme::create);

    private UcpeScheme() {
    }

    private static CameraScheme create(SchemeParams p) {
        int headDim = p.get(HEAD_DIM);
        if (headDim % 8 != 0) {
            throw HEAD_DIM.invalid("must be a multiple of 8, got " + headDim);
        }
        Ucpe ucpe = new Ucpe(headDim, p.get(TEMPORAL_STRIDE), p.get(UP_DELTA), EnumSet.allOf(Ucpe.Quirk.class));
        Prope shape = new Prope(headDim, 1, 1, 1, 1, Prope.DEFAULT_FREQ_BASE, Prope.DEFAULT_FREQ_SCALE);
        return new CameraScheme(DECLARATION.name(), shape.allocation(), p.effective(), stream -> outputs(ucpe, stream));
    }

    private static List<OutputTensor> outputs(Ucpe ucpe, TokenStream stream) {
        List<CameraView> latent = ucpe.latentFrames(CameraTokens.of(stream).views());
        Prope.Projections rays = ucpe.relativeRays(latent);
        int n = rays.count();
        double[] p = new double[16 * n];
        double[] pInv = new double[16 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rays.p(i), 0, p, 16 * i, 16);
            System.arraycopy(rays.pInv(i), 0, pInv, 16 * i, 16);
        }
        return List.of(CameraScheme.float32("relative_rays", p, List.of(n, 4, 4)),
                CameraScheme.float32("relative_rays_inv", pInv, List.of(n, 4, 4)),
                new OutputTensor.F32("absolute_map", List.of(n, 3), ucpe.absoluteMap(latent)));
    }
}
