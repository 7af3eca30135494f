package dev.posplan.multimodal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.multimodal.camera.CameraView;
import dev.posplan.multimodal.camera.Intrinsics;
import dev.posplan.multimodal.camera.LinAlg;
import dev.posplan.multimodal.camera.Pose;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Visual blocks and prompt images that carry a camera view. */
class PosedImageTest {

    /** 84×56 image, patch 14, merge 2: stride 28, a 2 × 3 token grid. */
    private static CameraView view(double x) {
        return CameraView.pinhole(84, 56, 14, 2, Intrinsics.pixels(70, 70, 42, 28),
                Pose.cameraToWorld(LinAlg.rigid(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[] {x, 0, 0}), Pose.Axes.OPENCV));
    }

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void posedGridIsTheViewsTokenGrid() {
        CameraView v = view(0);
        assertEquals(new Grid(1, 2, 3), v.tokenGrid());
        assertEquals(new Grid(1, 2, 3), PromptPart.Image.posed(v).grid());
        VisualBlock b = VisualBlock.posedImage(v);
        assertEquals(6, b.tokens());
        assertSame(v, b.camera());
        assertTrue(b.hasCamera());
        assertFalse(VisualBlock.image(new Grid(1, 2, 3)).hasCamera());
        assertNull(new PromptPart.Image(new Grid(1, 2, 3)).camera());
    }

    @Test
    void gridViewMismatchNamesTheField() {
        CameraView v = view(0);
        String w = message(() -> new VisualBlock(Modality.IMAGE, new Grid(1, 2, 4), Float.NaN, 0, 0, v));
        assertTrue(w.startsWith("grid.w is 4") && w.contains("3 token columns") && w.contains("imageWidth 84")
                && w.contains("patchSize 14") && w.contains("spatialMerge 2"), w);
        String h = message(() -> new PromptPart.Image(new Grid(1, 3, 3), v));
        assertTrue(h.startsWith("grid.h is 3") && h.contains("2 token rows") && h.contains("imageHeight 56"), h);
        String t = message(() -> new VisualBlock(Modality.VIDEO, new Grid(2, 2, 3), Float.NaN, 0, 0, v));
        assertTrue(t.startsWith("grid.t is 2"), t);
    }

    private static List<PromptPart> prompt(boolean posed) {
        Grid g = new Grid(1, 2, 3);
        return List.of(new PromptPart.Text(4),
                posed ? PromptPart.Image.posed(view(0)) : new PromptPart.Image(g),
                new PromptPart.Text(2),
                new PromptPart.Image(new Grid(1, 1, 2)),
                PromptPart.Video.uniform(new Grid(2, 1, 2), 1),
                posed ? PromptPart.Image.posed(view(1)) : new PromptPart.Image(g),
                new PromptPart.Text(3));
    }

    private static List<HostFormat> formats() {
        List<HostFormat> out = new ArrayList<>(List.of(QwenFormats.values()));
        out.add(InternVlFormat.INTERNVL2);
        out.add(BareFormat.BARE);
        return out;
    }

    /** The segments with every camera dropped. */
    private static List<Segment> withoutCameras(TokenStream s) {
        List<Segment> out = new ArrayList<>();
        for (Segment seg : s.segments()) {
            out.add(seg instanceof VisualBlock b
                    ? new VisualBlock(b.modality(), b.grid(), b.secondsPerGrid(), b.source(), b.frame()) : seg);
        }
        return out;
    }

    @Test
    void everyFormatWritesTheCameraIntoTheImageBlockAndKeepsItsWrapper() {
        for (HostFormat f : formats()) {
            TokenStream posed = f.expand(prompt(true), 2);
            TokenStream plain = f.expand(prompt(false), 2);
            assertEquals(withoutCameras(plain), withoutCameras(posed), f.apiName());
            List<Segment> segs = posed.segments();
            List<CameraView> cameras = new ArrayList<>();
            for (int i = 0; i < segs.size(); i++) {
                if (segs.get(i) instanceof VisualBlock b && b.hasCamera()) {
                    cameras.add(b.camera());
                    assertEquals(Modality.IMAGE, b.modality(), f.apiName());
                    assertEquals(cameras.size() == 1 ? 0 : 2, b.source(), f.apiName() + ": images are numbered in order");
                    if (f != BareFormat.BARE) {
                        TextRole start = f instanceof InternVlFormat ? TextRole.IMAGE_START : TextRole.VISION_START;
                        TextRole end = f instanceof InternVlFormat ? TextRole.IMAGE_END : TextRole.VISION_END;
                        assertEquals(new TextRun(1, start), segs.get(i - 1), f.apiName());
                        assertEquals(new TextRun(1, end), segs.get(i + 1), f.apiName());
                    }
                }
            }
            assertEquals(List.of(view(0), view(1)), cameras, f.apiName());
        }
    }

    @Test
    void everyFormatKeepsTheTextRole() {
        for (HostFormat f : formats()) {
            TokenStream s = f.expand(List.of(PromptPart.Text.shared(2)));
            assertEquals(new TextRun(2, TextRole.SHARED), s.segments().get(0), f.apiName());
        }
    }
}
