package dev.posplan.multimodal.processor;

import static dev.posplan.multimodal.processor.Qwen3TimestampsTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.InvalidInputException;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The Ming and HunyuanVL image processors. Expected sizes are worked by hand from the reference
 * {@code smart_resize} bodies (the lines are quoted in each comment): Ming = inclusionAI/Ming
 * {@code image_processing_bailingmm2.py} @ 480df09 with its {@code preprocessor_config.json} (factor 14·2 = 28,
 * 78,400 .. 2,007,040 pixels); HunyuanVL = transformers {@code image_processing_hunyuan_vl.py} @ d88a6e3
 * (factor 16·2 = 32, 512² = 262,144 .. 2048² = 4,194,304 pixels). Arguments are (width, height);
 * {@link Resized} is (height, width) as the references return it.
 */
class FamilyImageProcessorTest {

    private static final FamilyImageProcessor MING = FamilyImageProcessor.MING;
    private static final FamilyImageProcessor HUNYUAN = FamilyImageProcessor.HUNYUAN_VL;

    @Test
    void mingKeepsASizeInsideItsBudgetRoundingHalfToEven() {
        // h_bar = round(448 / 28) * 28 = 448; 448² = 200,704 lies in [78,400, 2,007,040]: no rescale
        assertEquals(new Resized(448, 448), MING.resize(448, 448));
        assertArrayEquals(new int[] {1, 32, 32}, MING.imageGridThw(448, 448));
        assertEquals(new Grid(1, 16, 16), MING.image(448, 448));
        // 462 / 28 = 16.5: Python's round gives 16 (even) → 448; half-up would give 476
        assertEquals(new Resized(448, 448), MING.resize(462, 462));
    }

    @Test
    void mingScalesSmallImagesUpToTheMinimumBudget() {
        // 28 x 28: h_bar * w_bar = 784 < 78,400 → beta = sqrt(78400 / 784) = 10 → ceil(28 * 10 / 28) * 28 = 280
        assertEquals(new Resized(280, 280), MING.resize(28, 28));
        // width 30, height 29: both round to 28 (784 < 78,400); beta = sqrt(78400 / 870) = 9.4929…;
        // height ceil(29 · 9.4929 / 28 = 9.83) = 10 → 280, width ceil(30 · 9.4929 / 28 = 10.17) = 11 → 308
        assertEquals(new Resized(280, 308), MING.resize(30, 29));
        assertArrayEquals(new int[] {1, 20, 22}, MING.imageGridThw(30, 29));
    }

    @Test
    void mingShrinksLargeImagesWithoutALowerBound() {
        // 4000 x 3000: 2996 · 4004 = 11,995,984 > 2,007,040 → beta = sqrt(12e6 / 2007040) = 2.44519…;
        // height floor(3000 / beta / 28 = 43.82) = 43 → 1204, width floor(4000 / beta / 28 = 58.42) = 58 → 1624
        assertEquals(new Resized(1204, 1624), MING.resize(4000, 3000));
        assertEquals(new Grid(1, 43, 58), MING.image(4000, 3000));
        // 2016 x 1008 are multiples of 28 but 2,032,128 is just over the budget: beta = 1.00623…, floor(35.78)
        // = 35 → 980 and floor(71.55) = 71 → 1988, both a factor smaller than the input
        assertEquals(new Resized(980, 1988), MING.resize(2016, 1008));
    }

    @Test
    void mingRefusesSidesBelowTheFactorBeforeTheAspectRatio() {
        // `if height < factor or width < factor: raise ValueError(...)` comes first, so 27 x 10000 (ratio 370)
        // is refused for its width, not its ratio; the message names the side
        InvalidInputException narrow = assertThrows(InvalidInputException.class, () -> MING.resize(27, 10_000));
        assertEquals("width", narrow.field());
        InvalidInputException flat = assertThrows(InvalidInputException.class, () -> MING.resize(100, 27));
        assertEquals("height", flat.field());
        assertTrue(flat.getMessage().contains("28"), flat.getMessage());
        // exactly the factor is accepted ("must be larger than" is a `<` test)
        assertEquals(new Resized(280, 280), MING.resize(28, 28));
    }

    @Test
    void mingAspectRatioLimitIs200Inclusive() {
        // 5600 / 28 = 200 is not > 200: 28 x 5600 = 156,800 pixels, inside the budget → [1, 2, 400] → 1 x 200
        assertEquals(new Grid(1, 1, 200), MING.image(5600, 28));
        assertMessage("aspect ratio", () -> MING.resize(5601, 28));
    }

    @Test
    void hunyuanLiftsTinyImagesToTheMinimumBudget() {
        // 1 x 1: round(1 / 32) = 0 → 0 < 262,144 → beta = sqrt(262144) = 512 → ceil(512 / 32) * 32 = 512
        assertEquals(new Resized(512, 512), HUNYUAN.resize(1, 1));
        // width 10, height 1: beta = sqrt(262144 / 10) = 161.907…; height ceil(161.9 / 32 = 5.06) = 6 → 192,
        // width ceil(1619.07 / 32 = 50.6) = 51 → 1632
        assertEquals(new Resized(192, 1632), HUNYUAN.resize(10, 1));
        assertEquals(new Grid(1, 6, 51), HUNYUAN.image(10, 1));
    }

    @Test
    void hunyuanCeilsAnExactDoubleProductWithoutOvershooting() {
        // 448² = 200,704 < 262,144 → beta = sqrt(262144 / 200704) = sqrt(64 / 49), the double 1.1428571428571428;
        // 448 · beta rounds to exactly 512.0, so ceil(512.0 / 32) = 16 → 512 (one ulp more would give 544)
        assertEquals(new Resized(512, 512), HUNYUAN.resize(448, 448));
        assertArrayEquals(new int[] {1, 32, 32}, HUNYUAN.imageGridThw(448, 448));
    }

    @Test
    void hunyuanRoundsHalfToEvenInsideTheBudget() {
        // height 1040 / 32 = 32.5 → 32 → 1024, width 528 / 32 = 16.5 → 16 → 512; 524,288 is in budget
        assertEquals(new Resized(1024, 512), HUNYUAN.resize(528, 1040));
        assertArrayEquals(new int[] {1, 64, 32}, HUNYUAN.imageGridThw(528, 1040));
    }

    @Test
    void hunyuanShrinksLargeImages() {
        // 4000 x 3000: 3008 · 4000 = 12,032,000 > 4,194,304 → beta = sqrt(12e6 / 4194304) = 1.69146…;
        // height floor(3000 / beta / 32 = 55.43) = 55 → 1760, width floor(4000 / beta / 32 = 73.90) = 73 → 2336
        assertEquals(new Resized(1760, 2336), HUNYUAN.resize(4000, 3000));
        assertEquals(new Grid(1, 55, 73), HUNYUAN.image(4000, 3000));
    }

    @Test
    void hunyuanAspectRatioLimitIs200Inclusive() {
        // 6400 x 32 (ratio 200): 204,800 < 262,144 → beta = sqrt(1.28) = 1.1314; height ceil(1.13) = 2 → 64,
        // width ceil(6400 · 1.1314 / 32 = 226.27) = 227 → 7264
        assertEquals(new Resized(64, 7264), HUNYUAN.resize(6400, 32));
        assertMessage("aspect ratio", () -> HUNYUAN.resize(6401, 32));
        assertMessage("aspect ratio", () -> HUNYUAN.resize(1, 201));
    }

    @Test
    void sizesWhoseProductIsNotAnExactDoubleAreRefused() {
        assertMessage("too large", () -> HUNYUAN.resize(Integer.MAX_VALUE, Integer.MAX_VALUE / 100));
    }

    @Test
    void theModelsListTheirSettings() {
        assertEquals(28, MING.describe().get("min_side"));
        assertEquals(78_400.0, MING.describe().get("min_pixels"));
        assertEquals(2_007_040.0, MING.describe().get("max_pixels"));
        assertEquals(16, HUNYUAN.describe().get("patch_size"));
        assertEquals(1, HUNYUAN.describe().get("temporal_patch_size"));
        assertEquals(4_194_304.0, HUNYUAN.describe().get("max_pixels"));
    }

    // ------------------------------------------------------------------------------------------------
    // properties over sizes within the aspect-ratio limit

    @Property
    void hunyuanSizesAreFactorMultiplesInsideTheBudgetAtTheImagesAspect(
            @ForAll @IntRange(min = 1, max = 40_000) int width, @ForAll @IntRange(min = 1, max = 40_000) int height) {
        Assume.that(Math.max(width, height) <= 200L * Math.min(width, height));
        checkShape(HUNYUAN, width, height);
    }

    @Property
    void mingSizesAreFactorMultiplesInsideTheBudgetAtTheImagesAspect(
            @ForAll @IntRange(min = 28, max = 40_000) int width, @ForAll @IntRange(min = 28, max = 40_000) int height) {
        Assume.that(Math.max(width, height) <= 200L * Math.min(width, height));
        checkShape(MING, width, height);
    }

    @Property
    void mingRefusesExactlyTheSidesBelow28(@ForAll @IntRange(min = 1, max = 27) int side,
            @ForAll @IntRange(min = 1, max = 40_000) int other) {
        // the height is named when both sides are short (the reference's message lists it first)
        String field = assertThrows(InvalidInputException.class, () -> MING.resize(side, other)).field();
        assertEquals(other < 28 ? "height" : "width", field);
        assertEquals("height", assertThrows(InvalidInputException.class, () -> MING.resize(other, side)).field());
    }

    /**
     * Both sides are multiples of the factor; the area never exceeds the maximum and reaches the minimum whenever
     * the image is no larger than it; one scale {@code s} takes each side to within a factor of its result
     * (round, floor or ceil of the same rescale); swapping width and height swaps the result.
     */
    private static void checkShape(FamilyImageProcessor p, int width, int height) {
        Resized r = p.resize(width, height);
        int f = p.factor();
        assertEquals(0, r.height() % f, "height");
        assertEquals(0, r.width() % f, "width");
        long area = (long) r.height() * r.width();
        assertTrue(area <= p.image().maxPixels(), () -> area + " > max for " + width + "x" + height);
        if ((long) width * height <= p.image().minPixels()) {
            assertTrue(area >= p.image().minPixels(), () -> area + " < min for " + width + "x" + height);
        }
        double low = Math.max((r.height() - f) / (double) height, (r.width() - f) / (double) width);
        double high = Math.min((r.height() + f) / (double) height, (r.width() + f) / (double) width);
        assertTrue(low <= high, () -> "no common scale takes " + width + "x" + height + " to " + r);
        assertEquals(new Resized(r.width(), r.height()), p.resize(height, width), "transposed");
    }
}
