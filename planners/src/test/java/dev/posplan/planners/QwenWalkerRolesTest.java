package dev.posplan.planners;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.posplan.planners.design.BlockPlacement;
import dev.posplan.planners.design.QwenWalker;

import dev.posplan.multimodal.TextRole;
import dev.posplan.multimodal.TokenStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class QwenWalkerRolesTest {

    private static final List<String> ONE = List.of("p");
    private static final BlockPlacement ONE_PER_TOKEN = (block, walk) -> {
        walk.out().rampAll(walk.cursor(), block.tokens(), walk.next());
        walk.endBlock(block, walk.next() + block.tokens(), walk.next() + block.tokens() - 1);
    };

    @Test
    void sharedTextStartsAtTheCurrentPositionAndDoesNotAdvance() {
        TokenStream s = TokenStream.builder().text(2).text(3, TextRole.SHARED).text(2, TextRole.SHARED).text(1).build();
        PositionPlan plan = new QwenWalker(ONE, DType.INT32, ONE_PER_TOKEN).plan(s);
        double[] expected = {0, 1, 2, 3, 4, 2, 3, 2};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], plan.get(0, i), "token " + i);
        }
        // M ignores the shared runs: decoding continues after the last advancing token
        assertEquals(2, plan.maxPosition());
        assertEquals(3, plan.decodePosition(0, 0));
    }

    @Test
    void textOnlyStreamsCanTakeAnotherDtype() {
        QwenWalker walker = new QwenWalker(ONE, DType.FLOAT32, ONE_PER_TOKEN).withTextOnlyDtype(DType.INT32);
        assertEquals(DType.INT32, walker.plan(TokenStream.builder().text(3).build()).dtype());
        assertEquals(DType.FLOAT32, walker.plan(TokenStream.builder().text(1).image(1, 1, 2).build()).dtype());
    }

    @Test
    void paddingTakesThePadValueAndAnAllPaddingStreamHasMaxMinusOneUnlessPadsCount() {
        PositionPlan plan = new QwenWalker(ONE, DType.INT32, ONE_PER_TOKEN, 7).withTextOnlyMaxCountingPads(false).plan(
                TokenStream.builder().padding(2).text(2).build());
        assertEquals(List.of(7.0, 7.0, 0.0, 1.0), List.of(plan.get(0, 0), plan.get(0, 1), plan.get(0, 2), plan.get(0, 3)));
        assertEquals(1, plan.maxPosition());
        QwenWalker realOnly = new QwenWalker(ONE, DType.INT32, ONE_PER_TOKEN, 0).withTextOnlyMaxCountingPads(false);
        PositionPlan pads = realOnly.plan(TokenStream.builder().padding(3).build());
        assertEquals(-1, pads.maxPosition());
        assertEquals(0, pads.decodePosition(0, 0));
        // HF 4.x's text-only branch (the default): the pad slots join M
        assertEquals(7, new QwenWalker(ONE, DType.INT32, ONE_PER_TOKEN, 7)
                .plan(TokenStream.builder().padding(2).text(2).build()).maxPosition());
        assertEquals(0, new QwenWalker(ONE, DType.INT32, ONE_PER_TOKEN, 0)
                .plan(TokenStream.builder().padding(3).build()).maxPosition());
    }

    /** Schemes whose reference pads with 0 (torch.zeros, or no padding at all); every other pads with 1. */
    private static final java.util.Set<String> PAD_ZERO = java.util.Set.of("vrope", "ernie45-vl", "bailing", "qwen3-omni");

    /** Every Qwen-style scheme reads {@code pad_value} with its documented default and writes it on padding. */
    @Test
    void everyWalkerSchemeHonoursPadValue() {
        TokenStream s = TokenStream.builder().padding(2).text(2).image(1, 2, 2).text(1).build();
        for (SchemeDeclaration f : SchemeRegistry.all()) {
            if (f.name().equals("tpe2d") || f.name().equals("hunyuan-vl") || f.axes().isEmpty()) {
                // 2D-TPE (its collator) and HunyuanVL (its processor, by default) continue positions over padding;
                // camera encodings plan none
                continue;
            }
            Object extra = f.name().equals("v2pe") ? 4 : null; // an InternVL image is whole tiles of num_image_token
            SchemeParams defaults = extra == null ? SchemeParams.empty() : SchemeParams.of("num_image_token", extra);
            Object def = SchemeRegistry.create(f.name(), defaults).parameters().get("pad_value");
            assertEquals(PAD_ZERO.contains(f.name()) ? 0.0 : 1.0, def, f.name());
            SchemeParams p = extra == null ? SchemeParams.of("pad_value", 7) : SchemeParams.of("pad_value", 7,
                    "num_image_token", extra);
            PositionPlan plan = SchemeRegistry.create(f.name(), p).plan(s);
            for (int a = 0; a < plan.axes(); a++) {
                assertEquals(List.of(7.0, 7.0), List.of(plan.get(a, 0), plan.get(a, 1)), f.name() + " axis " + a);
            }
        }
    }

    @Test
    void walkReportsBlockIndexAndWhereTextResumed() {
        double[][] seen = new double[2][];
        BlockPlacement probe = (block, walk) -> {
            seen[walk.blockIndex()] = new double[] {walk.resumedAt(), walk.next()};
            ONE_PER_TOKEN.place(block, walk);
        };
        TokenStream s = TokenStream.builder().text(2).image(1, 1, 3).text(4).image(1, 1, 1).build();
        new QwenWalker(ONE, DType.INT32, probe).plan(s);
        assertEquals(List.of(0.0, 2.0), List.of(seen[0][0], seen[0][1]));
        assertEquals(List.of(5.0, 9.0), List.of(seen[1][0], seen[1][1]));
    }
}
