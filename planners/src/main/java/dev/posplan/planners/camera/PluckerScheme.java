package dev.posplan.planners.camera;

import dev.posplan.multimodal.ApiNamed;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.planners.DType;
import dev.posplan.planners.OutputTensor;
import dev.posplan.planners.Parameter;
import dev.posplan.planners.SchemeDeclaration;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.allocation.BlockAllocation;
import java.util.List;

/**
 * Plücker ray maps as a scheme ({@link PluckerRays}, table-camera.md §6, §7): one ray per token of every
 * posed image, encoded in the channel order of the chosen reference, aligned with the whole stream.
 * Outputs {@code plucker} {@code float32[L, C]} (zero rows for text, padding and images without a camera)
 * and {@code camera_mask} {@code int32[L]} (1 at the tokens of posed images). The rays are input features,
 * not a head-dim transform: the allocation is empty.
 */
public final class PluckerScheme {

    /** Which reference's channel layout and sampling rule. */
    enum Preset implements ApiNamed {
        CAMERACTRL("cameractrl", PluckerRays.cameraCtrl()),
        LVSM("lvsm", PluckerRays.lvsm(PluckerRays.Channels.MOMENT_DIRECTION)),
        LVSM_AUG("lvsm-aug", PluckerRays.lvsm(PluckerRays.Channels.MOMENT_DIRECTION_FOOT)),
        LVSM_CUSTOM("lvsm-custom", PluckerRays.lvsm(PluckerRays.Channels.DIRECTION_FOOT)),
        GBT("gbt", PluckerRays.gbt()),
        UCPE("ucpe", PluckerRays.ucpeBaseline());

        private final String apiName;
        private final PluckerRays rays;

        Preset(String apiName, PluckerRays rays) {
            this.apiName = apiName;
            this.rays = rays;
        }

        @Override
        public String apiName() {
            return apiName;
        }
    }

    private static final Parameter<Preset> PRESET = Parameter.choice("preset", Preset.class, Preset.CAMERACTRL,
            "Reference whose channels and sampling to use: cameractrl [o x d, d], lvsm (default_plucker), "
                    + "lvsm-aug [o x d, d, p], lvsm-custom [d, p], gbt [d^, o x d^], ucpe (integer grid, UCM lens).");

    /** Registry entry {@code plucker}. */
    public static final SchemeDeclaration DECLARATION = SchemeDeclaration.builder("plucker")
            .summary("Plücker ray maps: per token of a posed image, ray moment and direction (CameraCtrl, LVSM, GBT)")
            .paper("CameraCtrl (arXiv 2404.02101); LVSM (arXiv 2410.17242)")
            .reference("hehao13/CameraCtrl", "cameractrl/data/dataset.py", "af45a7a")
            .axes(List.of()).dtype(DType.FLOAT32).formats("qwen2-vl", "qwen3-vl", "bare").parts("text", "camera")
            .outputs("plucker", "camera_mask")
            .parameters(PRESET)
            .build(PluckerScheme::create);

    private PluckerScheme() {
    }

    private static CameraScheme create(SchemeParams p) {
        PluckerRays rays = p.get(PRESET).rays;
        return new CameraScheme(DECLARATION.name(), BlockAllocation.none("plucker"), p.effective(),
                stream -> outputs(rays, stream));
    }

    private static List<OutputTensor> outputs(PluckerRays rays, TokenStream stream) {
        int n = stream.length();
        int[] mask = new int[n];
        boolean[] posed = CameraTokens.of(stream).mask();
        for (int i = 0; i < n; i++) {
            mask[i] = posed[i] ? 1 : 0;
        }
        return List.of(new OutputTensor.F32("plucker", List.of(n, rays.channels().width()), rays.embed(stream)),
                new OutputTensor.I32("camera_mask", List.of(n), mask));
    }
}
