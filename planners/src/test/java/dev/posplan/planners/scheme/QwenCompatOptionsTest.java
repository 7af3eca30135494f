package dev.posplan.planners.scheme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.posplan.multimodal.BlockDetection;
import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.Modality;
import dev.posplan.multimodal.ModelPreset;
import dev.posplan.multimodal.QwenFormats;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.multimodal.VisualBlock;
import dev.posplan.planners.compat.DeltaBase;
import dev.posplan.planners.design.MropePlacement;
import dev.posplan.planners.PositionPlan;
import dev.posplan.planners.compat.QwenCompat;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.SchemeRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QwenCompatOptionsTest {

    private static Map<String, Object> options(String scheme, Object... params) {
        return SchemeRegistry.create(scheme, SchemeParams.of(params)).parameters();
    }

    private static void assertOptions(Map<String, Object> p, String compat, String resume, double pad, String deltas,
            String decode) {
        assertEquals(compat, p.get("compat"));
        assertEquals(resume, p.get("resume"));
        assertEquals(pad, p.get("pad_value"));
        assertEquals(deltas, p.get("rope_deltas"));
        assertEquals(decode, p.get("decode"));
    }

    @Test
    void eachCompatPresetSetsItsOptions() {
        assertOptions(options("mrope-abs-time"), "hf-4.51", "max-plus-one", 1.0, "padded", "delta");
        assertOptions(options("mrope-abs-time", "compat", "hf-4.57"), "hf-4.57", "max-plus-one", 1.0, "padded", "delta");
        assertOptions(options("mrope-abs-time", "compat", "hf-main"), "hf-main", "spatial-extent", 0.0, "unpadded",
                "last-plus-one");
        assertOptions(options("mrope-abs-time", "compat", "vllm"), "vllm", "max-plus-one", 0.0, "unpadded", "delta");
        for (String c : new String[] {"hf-4.51", "hf-4.57", "hf-main", "vllm"}) {
            assertEquals(c, options("mrope-abs-time", "compat", c).get("time_arithmetic"));
        }
    }

    @Test
    void onlyHfMainKeepsTheQwen3OuterWrapper() {
        assertEquals(QwenFormats.QWEN3_VL_OUTER_WRAP, QwenCompat.HF_MAIN.hostFormat(ModelPreset.QWEN3_VL));
        assertEquals(QwenFormats.QWEN3_VL, QwenCompat.VLLM.hostFormat(ModelPreset.QWEN3_VL));
        assertEquals(QwenFormats.QWEN3_VL, QwenCompat.HF_4_57.hostFormat(ModelPreset.QWEN3_VL));
        assertEquals(QwenFormats.QWEN2_VL, QwenCompat.HF_MAIN.hostFormat(ModelPreset.QWEN2_5_VL));
        assertEquals(BlockDetection.TOKEN_TYPE_RUNS, QwenCompat.HF_MAIN.detection());
    }

    @Test
    void defaultsAreTheQwenTeamsCode() {
        assertEquals("hf-4.51", options("mrope").get("compat"));
        assertEquals("hf-4.57", options("mrope-interleave").get("compat"));
        assertEquals(2, options("mrope-abs-time").get("tokens_per_second"));
    }

    @Test
    void individualOptionsOverrideThePreset() {
        Map<String, Object> p = options("mrope-abs-time", "compat", "hf-main", "pad_value", 1, "resume", "max-plus-one",
                "time_arithmetic", "vllm", "rope_deltas", "padded", "decode", "forward-no-mask");
        assertOptions(p, "hf-main", "max-plus-one", 1.0, "padded", "forward-no-mask");
        assertEquals("vllm", p.get("time_arithmetic"));
        assertOptions(options("mrope-interleave", "compat", "vllm", "decode", "last-plus-one"), "vllm", "max-plus-one",
                0.0, "unpadded", "last-plus-one");
    }

    @Test
    void resumeRulesHaveTheirParameterNames() {
        for (MropePlacement.Resume r : MropePlacement.Resume.values()) {
            assertEquals(r, MropePlacement.Resume.byName(r.apiName()));
            assertEquals(r.apiName(), options("mrope-i", "resume", r.apiName()).get("resume"));
        }
        assertEquals("spatial-extent", MropePlacement.Resume.SPATIAL_EXTENT.apiName());
        assertThrows(IllegalArgumentException.class, () -> MropePlacement.Resume.byName("max"));
        assertEquals("resume", assertThrows(SchemeParams.InvalidParameterException.class,
                () -> options("mhrope", "resume", "max")).parameter());
    }

    @Test
    void badValuesNameTheParameter() {
        for (Object[] bad : new Object[][] {{"compat", "hf-5"}, {"time_arithmetic", "f16"}, {"decode", "next"},
                {"rope_deltas", "both"}, {"tokens_per_second", 0}}) {
            SchemeParams.InvalidParameterException e = assertThrows(SchemeParams.InvalidParameterException.class,
                    () -> SchemeRegistry.create("mrope-abs-time", SchemeParams.of(bad)));
            assertEquals(bad[0], e.parameter());
        }
    }

    /** text 2, video t=4 (1x1) at s=1.0 (t offsets 0,2,4,6), text 1. */
    private static PositionPlan planVideo(String compat) {
        Scheme s = SchemeRegistry.create("mrope-abs-time", SchemeParams.of("compat", compat));
        TokenStream stream = TokenStream.builder().padding(1).text(2)
                .add(new VisualBlock(Modality.VIDEO, new Grid(4, 1, 1), 1.0f, 0, 0)).text(1).build();
        return s.plan(stream);
    }

    @Test
    void compatChangesResumePadAndDecode() {
        PositionPlan legacy = planVideo("hf-4.51");
        assertArrayEquals(new double[] {1, 0, 1, 2, 4, 6, 8, 9}, row(legacy, 0));
        assertEquals(10, legacy.decodePosition(1, 0));
        assertEquals(DeltaBase.PADDED, legacy.deltaBase());
        assertEquals(9 + 1 - 8, legacy.ropeDelta());

        PositionPlan main = planVideo("hf-main");
        // Text resumes after the spatial extent (base 2 + 1), under the video's later frames.
        assertArrayEquals(new double[] {0, 0, 1, 2, 4, 6, 8, 3}, row(main, 0));
        assertEquals(DeltaBase.UNPADDED, main.deltaBase());
        assertEquals(8 + 1 - 7, main.ropeDelta());
        // generate(): last slot + 1 on each axis.
        assertEquals(4, main.decodePosition(0, 0));
        assertEquals(5, main.decodePosition(0, 1));
    }

    @Test
    void ropeDeltaOfASinglePlanFollowsTheDeclaredBase() {
        // 5 pads, text 2, image 1x2x2, text 1: M = 4, n = 7, L = 12
        TokenStream s = TokenStream.builder().padding(5).text(2).image(1, 2, 2).text(1).build();
        PositionPlan vllm = SchemeRegistry.create("mrope-interleave", SchemeParams.of("compat", "vllm")).plan(s);
        assertEquals(DeltaBase.UNPADDED, vllm.deltaBase());
        assertEquals(4 + 1 - 7, vllm.ropeDelta());
        assertEquals(4 + 1 - 12, vllm.ropeDeltaPadded());
        PositionPlan legacy = SchemeRegistry.create("mrope-interleave").plan(s);
        assertEquals(DeltaBase.PADDED, legacy.deltaBase());
        assertEquals(4 + 1 - 12, legacy.ropeDelta());
        assertEquals(4 + 1 - 7, legacy.ropeDeltaUnpadded());
        // an explicit rope_deltas overrides the preset, and a decode rule keeps it
        PositionPlan overridden = SchemeRegistry.create("mrope", SchemeParams.of("compat", "hf-main",
                "rope_deltas", "padded")).plan(s);
        assertEquals(DeltaBase.PADDED, overridden.deltaBase());
        assertEquals(4 + 1 - 12, overridden.ropeDelta());
    }

    private static double[] row(PositionPlan p, int axis) {
        double[] out = new double[p.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = p.get(axis, i);
        }
        return out;
    }
}
