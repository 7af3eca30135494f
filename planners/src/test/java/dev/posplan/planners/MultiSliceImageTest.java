package dev.posplan.planners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.multimodal.InvalidInputException;
import dev.posplan.multimodal.TokenStream;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Images whose merged grid has t &gt; 1 (issue 15 #4): planned with the reference's rule wherever the reference
 * plans them, an input error naming the grid where it fails. Checked against an independent model of the
 * M-RoPE walk (qwen-mrope.md §3.1) on seeded random layouts.
 */
class MultiSliceImageTest {

    /**
     * Expected t, h, w rows of {@code text(a) image(t,h,w) text(c)}: the block at base a gets
     * {@code (a + off(ti), a + hi, a + wi)} and text resumes after its largest value.
     */
    private static double[][] expected(int a, int t, int h, int w, int c, IntToDoubleFunction off) {
        int n = a + t * h * w + c;
        double[][] out = new double[3][n];
        int i = 0;
        for (; i < a; i++) {
            out[0][i] = out[1][i] = out[2][i] = i;
        }
        double top = Math.max(h - 1, w - 1);
        for (int ti = 0; ti < t; ti++) {
            top = Math.max(top, off.applyAsDouble(ti));
            for (int hi = 0; hi < h; hi++) {
                for (int wi = 0; wi < w; wi++, i++) {
                    out[0][i] = a + off.applyAsDouble(ti);
                    out[1][i] = a + hi;
                    out[2][i] = a + wi;
                }
            }
        }
        for (int j = 0; j < c; j++, i++) {
            out[0][i] = out[1][i] = out[2][i] = a + top + 1 + j;
        }
        return out;
    }

    private static void check(String scheme, SchemeParams params, IntToDoubleFunction off, long seed) {
        Random rnd = new Random(seed);
        Scheme s = SchemeRegistry.create(scheme, params);
        for (int trial = 0; trial < 60; trial++) {
            int a = rnd.nextInt(4);
            int t = 2 + rnd.nextInt(4);
            int h = 1 + rnd.nextInt(4);
            int w = 1 + rnd.nextInt(4);
            int c = rnd.nextInt(3);
            PositionPlan plan = s.plan(TokenStream.builder().text(a).image(t, h, w).text(c).build());
            double[][] want = expected(a, t, h, w, c, off);
            for (int axis = 0; axis < 3; axis++) {
                for (int i = 0; i < plan.length(); i++) {
                    assertEquals(want[axis][i], plan.get(axis, i), 0,
                            scheme + " " + params + " grid " + t + "x" + h + "x" + w + " axis " + axis + " token " + i);
                }
            }
        }
    }

    @Test
    void qwen2VlAndQwen3VlGiveImageSlicesTheirIndex() {
        // (HF main resumes text after max(h, w) only: its own test below)
        check("mrope", SchemeParams.of("compat", "hf-4.51"), ti -> ti, 1);
        check("mrope", SchemeParams.of("compat", "hf-4.57"), ti -> ti, 9);
        check("mrope-interleave", SchemeParams.of("compat", "hf-4.57"), ti -> ti, 2);
        check("mrope-abs-time", SchemeParams.of("compat", "hf-4.57", "time_arithmetic", "hf-main"), ti -> ti, 3);
    }

    @Test
    void qwen25HfFourXPutsEveryImageSliceAtTheBase() {
        // HF 4.x sets second_per_grid_t = 0 for images, so tokens_per_second never reaches them
        for (String compat : List.of("hf-4.51", "hf-4.57")) {
            check("mrope-abs-time", SchemeParams.of("compat", compat), ti -> 0, 4);
        }
    }

    @Test
    void temporalStrideMovesImageSlicesInMultimodalRopesDesigns() {
        check("mrope", SchemeParams.of("temporal_stride", 2), ti -> 2 * ti, 5);
        check("mrope", SchemeParams.of("temporal_stride", 1.5), ti -> (long) (1.5 * ti), 6);  // int64 truncation
        check("grape", SchemeParams.of("temporal_stride", 3), ti -> 3 * ti, 7);
        check("mmrope", SchemeParams.of("temporal_stride", 2), ti -> 2 * ti, 8);
    }

    @Test
    void hfMainPlansTheSlicesAndResumesAfterTheSpatialExtent() {
        Scheme main = SchemeRegistry.create("mrope", SchemeParams.of("compat", "hf-main"));
        PositionPlan plan = main.plan(TokenStream.builder().text(2).image(5, 2, 2).text(1).build());
        assertEquals(2 + 4, plan.get(0, 2 + 4 * 4));  // last slice at base + 4
        assertEquals(2 + 2, plan.get(0, 2 + 20));     // text resumes at base + max(h, w)
    }

    @Test
    void vllmRefusesMultiSliceImagesNamingTheGrid() {
        for (String scheme : List.of("mrope", "mrope-abs-time", "mrope-interleave")) {
            Scheme s = SchemeRegistry.create(scheme, SchemeParams.of("compat", "vllm"));
            String m = assertThrows(InvalidInputException.class,
                    () -> s.plan(TokenStream.builder().text(1).image(2, 3, 4).build())).getMessage();
            assertTrue(m.contains("2x3x4") && m.contains("vllm") && m.contains("t == 1"), m);
            // a video with the same grid is fine
            s.plan(TokenStream.builder().text(1).add(dev.posplan.multimodal.VisualBlock.video(
                    new dev.posplan.multimodal.Grid(2, 3, 4))).build());
        }
    }

    @Test
    void circleRopePlansSeveralSlicesOnlyOnTheCircleWithoutDff() {
        TokenStream stream = TokenStream.builder().text(1).image(3, 2, 2).text(1).build();
        PositionPlan ok = SchemeRegistry.create("circlerope", SchemeParams.of("radius", 2, "alpha", 0.5)).plan(stream);
        // every slice repeats the projection, shifted by ti * stride on all axes
        for (int c = 0; c < 4; c++) {
            assertEquals(ok.get(1, 1 + c) + 2, ok.get(1, 1 + 8 + c), 1e-5);
        }
        for (SchemeParams p : List.of(SchemeParams.of("method", "no_circle"), SchemeParams.of("dff_rate", true),
                SchemeParams.of("method", "circle", "dff_rate", 0.5))) {
            Scheme s = SchemeRegistry.create("circlerope", p);
            String m = assertThrows(InvalidInputException.class, () -> s.plan(stream)).getMessage();
            assertTrue(m.contains("3x2x2") && m.contains("method") && m.contains("dff_rate"), m);
        }
    }
}
