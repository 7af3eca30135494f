package dev.posplan.planners.camera;

import dev.posplan.multimodal.TokenStream;
import dev.posplan.planners.DType;
import dev.posplan.planners.OutputTensor;
import dev.posplan.planners.Parameter;
import dev.posplan.planners.SchemeDeclaration;
import dev.posplan.planners.SchemeParams;
import java.util.List;

/**
 * GTA as a scheme ({@link Gta}, NVS variant with the CLEVR-TR configuration, table-camera.md §3): the
 * geometric representations of the stream's posed images. Outputs {@code extrinsics}, {@code se3}
 * ({@code float32[V, 4, 4]}: world-to-camera {@code E_i} and {@code inv(E_i E_0⁻¹)}), {@code coordinates}
 * ({@code float32[T, 2]}, a view's token coordinates), {@code so2} ({@code float32[T, 2F, 2, 2]}) and
 * {@code token_index}. {@link Gta#applyToQ} and friends apply them to q/k/v/o. {@code precision} is the
 * dtype the SO(2) angle and its cos/sin are computed in ({@link Gta.Precision}): float32 by default, as the
 * reference trains; the conformance checker uses float64, the dtype of the goldens' coordinates.
 */
public final class GtaScheme {

    private static final Parameter<Gta.Precision> PRECISION = Parameter.choice("precision", Gta.Precision.class,
            Gta.Precision.FLOAT32, "dtype of the SO(2) angle and its cos/sin: float32 as in training, float64 as "
                    + "in the goldens (float64 coordinates); the so2 output is float32 either way.");

    /** Registry entry {@code gta}. */
    public static final SchemeDeclaration DECLARATION = SchemeDeclaration.builder("gta")
            .summary("GTA: SE(3) x SO(2) geometric transform attention over posed views (CLEVR-TR configuration)")
            .paper("GTA: A Geometry-Aware Attention Mechanism for Multi-View Transformers (arXiv 2310.10375)")
            .reference("autonomousvision/gta", "source/utils/gta.py", "1dcbd37d")
            .axes(List.of()).dtype(DType.FLOAT32).formats("qwen2-vl", "qwen3-vl", "bare").parts("text", "camera")
            .outputs("extrinsics", "se3", "coordinates", "so2", "token_index")
            .parameters(PRECISION)
            .build(GtaScheme::create);

    private GtaScheme() {
    }

    private static CameraScheme create(SchemeParams p) {
        Gta gta = new Gta(Gta.Config.clevrTr().withPrecision(p.get(PRECISION)));
        return new CameraScheme(DECLARATION.name(), gta.allocation(), p.effective(), stream -> outputs(gta, stream));
    }

    private static List<OutputTensor> outputs(Gta gta, TokenStream stream) {
        Gta.Reps reps = gta.represent(stream);
        int v = reps.views();
        double[] ext = new double[16 * v];
        double[] se3 = new double[16 * v];
        for (int i = 0; i < v; i++) {
            System.arraycopy(reps.extrinsic(i), 0, ext, 16 * i, 16);
            System.arraycopy(reps.se3(i), 0, se3, 16 * i, 16);
        }
        int t = reps.tokensPerView();
        double[] so2 = reps.so2Matrices();
        return List.of(CameraScheme.float32("extrinsics", ext, List.of(v, 4, 4)),
                CameraScheme.float32("se3", se3, List.of(v, 4, 4)),
                new OutputTensor.F32("coordinates", List.of(t, 2), reps.coordinates()),
                CameraScheme.float32("so2", so2, List.of(t, so2.length / (4 * t), 2, 2)),
                CameraScheme.tokenIndex(CameraTokens.of(stream)));
    }
}
