package dev.posplan.planners.camera;

import dev.posplan.multimodal.TokenStream;
import dev.posplan.planners.DType;
import dev.posplan.planners.OutputTensor;
import dev.posplan.planners.Parameter;
import dev.posplan.planners.SchemeDeclaration;
import dev.posplan.planners.SchemeParams;
import java.util.List;

/**
 * PRoPE as a scheme ({@link Prope}, table-camera.md §4): per camera token the projective matrix
 * {@code P} (image ← world) of its view and {@code P⁻¹}, plus the head-dim allocation (half the head
 * multiplied by {@code Pᵀ} / {@code P⁻¹}, a quarter each rotated over the patch column and row). Outputs
 * {@code p}, {@code p_inv} ({@code float32[N, 4, 4]}) and {@code token_index} ({@code int32[N]}, the stream
 * index of camera token k). {@link Prope#applyToQ} and friends apply it to q/k/v/o.
 */
public final class PropeScheme {

    private static final Parameter<Integer> HEAD_DIM = Parameter.integer("head_dim", 64,
            Parameter.Allowed.between(8, 4096), "Attention head dimension, a multiple of 8.");
    private static final Parameter<Double> FREQ_BASE = Parameter.number("freq_base", Prope.DEFAULT_FREQ_BASE,
            // the base is raised to powers in float32, as the reference does: it must be a normal float32
            Parameter.Allowed.between(Float.MIN_NORMAL, Float.MAX_VALUE),
            "RoPE base of the patch-coordinate rotations; a positive normal float32.");
    private static final Parameter<Double> FREQ_SCALE = Parameter.number("freq_scale", Prope.DEFAULT_FREQ_SCALE,
            Parameter.Allowed.above(0), "RoPE frequency scale of the patch-coordinate rotations.");

    /** Registry entry {@code prope}. */
    public static final SchemeDeclaration DECLARATION = SchemeDeclaration.builder("prope")
            .summary("PRoPE: projective camera matrices per token plus RoPE over patch coordinates")
            .paper("Cameras as Relative Positional Encoding (PRoPE, arXiv 2507.10496)")
            .reference("liruilong940607/prope", "prope/torch.py", "a601c223")
            .axes(List.of()).dtype(DType.FLOAT32).formats("qwen2-vl", "qwen3-vl", "bare").parts("text", "camera")
            .outputs("p", "p_inv", "token_index")
            .parameters(HEAD_DIM, FREQ_BASE, FREQ_SCALE)
            .build(PropeScheme::create);

    private PropeScheme() {
    }

    private static CameraScheme create(SchemeParams p) {
        int headDim = p.get(HEAD_DIM);
        double base = p.get(FREQ_BASE);
        double scale = p.get(FREQ_SCALE);
        if (headDim % 8 != 0) {
            throw HEAD_DIM.invalid("must be a multiple of 8, got " + headDim);
        }
        // The allocation's frequencies do not depend on the image: a 1x1 grid states it.
        Prope shape = new Prope(headDim, 1, 1, 1, 1, base, scale);
        return new CameraScheme(DECLARATION.name(), shape.allocation(), p.effective(), PropeScheme::outputs);
    }

    private static List<OutputTensor> outputs(TokenStream stream) {
        CameraTokens cams = CameraTokens.of(stream);
        Prope.Projections proj = Prope.tokenProjections(stream);
        int n = proj.count();
        double[] pAll = new double[16 * n];
        double[] pInvAll = new double[16 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(proj.p(i), 0, pAll, 16 * i, 16);
            System.arraycopy(proj.pInv(i), 0, pInvAll, 16 * i, 16);
        }
        return List.of(CameraScheme.float32("p", pAll, List.of(n, 4, 4)),
                CameraScheme.float32("p_inv", pInvAll, List.of(n, 4, 4)), CameraScheme.tokenIndex(cams));
    }
}
