package dev.posplan.planners.camera;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.PromptPart;
import dev.posplan.multimodal.QwenFormats;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.multimodal.VisualBlock;
import dev.posplan.multimodal.camera.CameraView;
import dev.posplan.multimodal.camera.Intrinsics;
import dev.posplan.planners.PositionPlan;
import dev.posplan.planners.Scheme;
import dev.posplan.planners.SchemeRegistry;
import dev.posplan.planners.camera.PluckerRays.Channels;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Camera encodings fed from a token stream that interleaves text and posed images. */
class CameraStreamTest {

    /** 84×56 image, patch 14, merge 2: a 2 × 3 token grid (spec §7 example). */
    private static CameraView view(int i) {
        return CameraView.pinhole(84, 56, 14, 2, Intrinsics.pixels(70 + i, 70, 42, 28 - i),
                PluckerRaysTest.rotY(0.25 * (i + 1), 0.5 * i, -0.2, 1 - i));
    }

    /** 112×56: a 2 × 4 token grid. */
    private static CameraView wideView() {
        return CameraView.pinhole(112, 56, 14, 2, Intrinsics.pixels(60, 60, 56, 28),
                PluckerRaysTest.rotY(-0.4, 0, 1, 0));
    }

    /** Padding 2, text 5, two posed images (Qwen2-VL wrappers), text 3. */
    private static List<PromptPart> prompt(CameraView a, CameraView b) {
        return List.of(new PromptPart.Text(5), PromptPart.Image.posed(a), PromptPart.Image.posed(b),
                new PromptPart.Text(3));
    }

    private static TokenStream stream(CameraView a, CameraView b) {
        return QwenFormats.QWEN2_VL.expand(prompt(a, b), 2);
    }

    @Test
    void cameraTokensAreTheOffsetsOfThePosedBlocks() {
        TokenStream s = stream(view(0), view(1));
        CameraTokens cams = CameraTokens.of(s);
        // pad 2, text 5, <vs>, 6 tokens, <ve>, <vs>, 6 tokens, <ve>, text 3
        assertEquals(2 + 5 + 1 + 6 + 1 + 1 + 6 + 1 + 3, cams.streamLength());
        assertArrayEquals(new int[] {8, 16}, cams.offsets());
        assertEquals(List.of(view(0), view(1)), cams.views());
        assertEquals(12, cams.cameraTokens());
        int[] idx = cams.streamIndices();
        assertArrayEquals(new int[] {8, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20, 21}, idx);
        boolean[] mask = cams.mask();
        int on = 0;
        for (int i = 0; i < mask.length; i++) {
            on += mask[i] ? 1 : 0;
            assertEquals(Arrays.binarySearch(idx, i) >= 0, mask[i], "mask at " + i);
        }
        assertEquals(12, on);
        assertTrue(CameraTokens.of(TokenStream.builder().text(3).image(1, 2, 3).build()).isEmpty());
    }

    @Test
    void pluckerRowsOfTheStreamAreTheListApisAndZerosElsewhere() {
        for (PluckerRays enc : List.of(PluckerRays.patchCentre(), PluckerRays.gbt(),
                PluckerRays.lvsm(Channels.MOMENT_DIRECTION_FOOT), PluckerRays.ucpeBaseline())) {
            TokenStream s = stream(view(0), view(1));
            int w = enc.channels().width();
            float[] got = enc.embed(s);
            float[] list = enc.embed(List.of(view(0), view(1)));
            assertEquals(s.length() * w, got.length);
            int[] idx = CameraTokens.of(s).streamIndices();
            boolean[] mask = CameraTokens.of(s).mask();
            for (int k = 0; k < idx.length; k++) {
                assertArrayEquals(Arrays.copyOfRange(list, k * w, k * w + w),
                        Arrays.copyOfRange(got, idx[k] * w, idx[k] * w + w), 0f, "camera token " + k);
            }
            for (int i = 0; i < s.length(); i++) {
                if (!mask[i]) {
                    assertArrayEquals(new float[w], Arrays.copyOfRange(got, i * w, i * w + w), 0f, "token " + i);
                }
            }
        }
    }

    @Test
    void blocksWithoutCameraEmbedAsZeros() {
        TokenStream s = TokenStream.builder().text(2).image(1, 2, 3).add(VisualBlock.posedImage(view(0))).build();
        float[] got = PluckerRays.patchCentre().embed(s);
        assertArrayEquals(new float[8 * 6], Arrays.copyOf(got, 8 * 6), 0f);
        assertArrayEquals(PluckerRays.patchCentre().embed(List.of(view(0))), Arrays.copyOfRange(got, 8 * 6, 14 * 6), 0f);
        assertArrayEquals(new float[5 * 6], PluckerRays.patchCentre().embed(TokenStream.builder().text(5).build()), 0f);
    }

    @Test
    void viewsOfDifferentGridsMixUnlessAnOptionCouplesThem() {
        TokenStream s = stream(view(0), wideView());
        float[] got = PluckerRays.patchCentre().embed(s);
        assertArrayEquals(PluckerRays.patchCentre().embed(List.of(wideView())),
                Arrays.copyOfRange(got, 16 * 6, (16 + 8) * 6), 0f);
        PluckerRays coupled = PluckerRays.patchCentre().withScaling(PluckerRays.IntrinsicsScaling.LVSM_INTENDED_RESCALE);
        String m = assertThrows(IllegalArgumentException.class, () -> coupled.embed(s)).getMessage();
        assertTrue(m.contains("token grid"), m);
        // Coupled views of one grid: the whole list at once, as the list API (the rescale reads every view).
        TokenStream same = stream(view(0), view(1));
        float[] list = coupled.embed(List.of(view(0), view(1)));
        float[] streamed = coupled.embed(same);
        assertArrayEquals(Arrays.copyOfRange(list, 6 * 6, 12 * 6), Arrays.copyOfRange(streamed, 16 * 6, 22 * 6), 0f);
    }

    @Test
    void propeGivesEachCameraTokenItsViewsMatrix() {
        TokenStream s = stream(view(0), view(1));
        Prope.Projections perCamera = Prope.forViews(16, List.of(view(0), view(1))).project(List.of(view(0), view(1)));
        Prope.Projections perToken = Prope.tokenProjections(s);
        assertTrue(perToken.perToken());
        assertEquals(12, perToken.count());
        for (int k = 0; k < 12; k++) {
            assertArrayEquals(perCamera.p(k / 6), perToken.p(k), 0.0, "P of camera token " + k);
            assertArrayEquals(perCamera.pInv(k / 6), perToken.pInv(k), 0.0, "P⁻¹ of camera token " + k);
        }
        assertEquals(0, Prope.tokenProjections(TokenStream.builder().text(4).build()).count());
    }

    @Test
    void propeNormalisesEachViewByItsOwnImageAndNeedsKForAllOrNone() {
        Prope.Projections mixed = Prope.tokenProjections(stream(view(0), wideView()));
        Prope.Projections wide = Prope.forViews(16, List.of(wideView())).project(List.of(wideView()));
        assertEquals(6 + 8, mixed.count());
        assertArrayEquals(wide.p(0), mixed.p(6), 0.0);
        CameraView noK = CameraView.pinhole(84, 56, 14, 2, null, view(1).pose());
        String m = assertThrows(IllegalArgumentException.class,
                () -> Prope.tokenProjections(stream(view(0), noK))).getMessage();
        assertTrue(m.contains("intrinsics must be given for all views or none"), m);
    }

    @Test
    void gtaRepresentsThePosedBlocksInStreamOrder() {
        Gta gta = new Gta(Gta.Config.clevrTr());
        Gta.Reps fromStream = gta.represent(stream(view(1), view(0)));
        Gta.Reps fromList = gta.represent(List.of(view(1), view(0)));
        assertEquals(2, fromStream.views());
        for (int v = 0; v < 2; v++) {
            assertArrayEquals(fromList.relativeExtrinsic(v), fromStream.relativeExtrinsic(v), 0.0);
        }
        assertArrayEquals(fromList.coordinates(), fromStream.coordinates(), 0f);
        String m = assertThrows(IllegalArgumentException.class,
                () -> gta.represent(TokenStream.builder().text(2).build())).getMessage();
        assertTrue(m.contains("no visual block with a camera"), m);
    }

    @Test
    void camerasDoNotChangePositions() {
        Grid g = view(0).tokenGrid();
        List<PromptPart> plain = List.of(new PromptPart.Text(5), new PromptPart.Image(g),
                PromptPart.Video.uniform(new Grid(2, 2, 2), 3), new PromptPart.Image(g), new PromptPart.Text(3));
        List<PromptPart> posed = List.of(new PromptPart.Text(5), PromptPart.Image.posed(view(0)),
                PromptPart.Video.uniform(new Grid(2, 2, 2), 3), PromptPart.Image.posed(view(1)),
                new PromptPart.Text(3));
        for (String name : List.of("mrope-interleave", "mrope", "vanilla")) {
            Scheme scheme = SchemeRegistry.create(name);
            PositionPlan a = scheme.plan(QwenFormats.QWEN3_VL.expand(plain, 2));
            PositionPlan b = scheme.plan(QwenFormats.QWEN3_VL.expand(posed, 2));
            assertEquals(a.length(), b.length(), name);
            assertEquals(a.maxPosition(), b.maxPosition(), name);
            for (int axis = 0; axis < a.axes(); axis++) {
                for (int i = 0; i < a.length(); i++) {
                    assertEquals(a.get(axis, i), b.get(axis, i), name + " axis " + axis + " token " + i);
                }
            }
        }
    }
}
