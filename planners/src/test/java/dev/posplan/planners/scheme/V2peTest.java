package dev.posplan.planners.scheme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.posplan.multimodal.Grid;
import dev.posplan.multimodal.InternVlFormat;
import dev.posplan.multimodal.PromptPart;
import dev.posplan.multimodal.TokenStream;
import dev.posplan.planners.DType;
import dev.posplan.planners.PositionPlan;
import dev.posplan.planners.SchemeParams;
import dev.posplan.planners.SchemeRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class V2peTest {

    private static TokenStream stream(PromptPart... parts) {
        return InternVlFormat.INTERNVL2.expand(List.of(parts));
    }

    private static PromptPart.Image tiles(int tiles, int numImageToken) {
        return new PromptPart.Image(new Grid(tiles, 1, numImageToken));
    }

    private static PositionPlan plan(TokenStream s, Object... params) {
        return SchemeRegistry.create("v2pe", SchemeParams.of(params)).plan(s);
    }

    private static float[] positions(PositionPlan plan) {
        float[] out = new float[plan.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) plan.get(0, i);
        }
        return out;
    }

    @Test
    void workedTrainingExample() {
        // vlm-ropes.md §9.3: num_image_token 6, stride 3 -> delta 0.5.
        PositionPlan p = plan(stream(new PromptPart.Text(3), tiles(1, 6), new PromptPart.Text(2)),
                "num_image_token", 6, "rope_pos_id_stride", 3);
        assertEquals(DType.FLOAT32, p.dtype());
        assertArrayEquals(new float[] {0, 1, 2, 3, 3.5f, 4, 4.5f, 5, 5.5f, 6, 7, 8, 9}, positions(p));
        assertEquals(10, p.decodePosition(0, 0));
        assertEquals(12, p.decodePosition(0, 2));
    }

    @Test
    void defaultStrideIsTheReadmeInferenceSetting() {
        PositionPlan p = plan(stream(new PromptPart.Text(3), tiles(1, 256), new PromptPart.Text(2)));
        assertEquals(3.25, p.get(0, 4));
        assertEquals(67.0, p.get(0, 259));
        assertEquals(68.0, p.get(0, 260));
        assertEquals(71.0, p.decodePosition(0, 0));
    }

    @Test
    void defaultVersionIsPlainIntegers() {
        PositionPlan p = plan(stream(new PromptPart.Text(2), tiles(2, 4), new PromptPart.Text(1)),
                "rope_pos_id_version", "default", "num_image_token", 4);
        assertEquals(DType.INT32, p.dtype());
        for (int i = 0; i < p.length(); i++) {
            assertEquals(i, p.get(0, i));
        }
    }

    @Test
    void pureTextIsAnError() {
        TokenStream text = stream(new PromptPart.Text(5));
        assertThrows(IllegalArgumentException.class, () -> plan(text));
        assertThrows(IllegalArgumentException.class, () -> plan(text, "rope_pos_id_version", "default"));
    }

    @Test
    void badStridesAreRejected() {
        for (Object stride : new Object[] {0, -64, 0.0}) {
            SchemeParams.InvalidParameterException e = assertThrows(SchemeParams.InvalidParameterException.class,
                    () -> SchemeRegistry.create("v2pe", SchemeParams.of("rope_pos_id_stride", stride)));
            assertEquals("rope_pos_id_stride", e.parameter());
        }
        assertEquals("num_image_token", assertThrows(SchemeParams.InvalidParameterException.class,
                () -> SchemeRegistry.create("v2pe", SchemeParams.of("num_image_token", 0))).parameter());
        assertEquals("strides", assertThrows(SchemeParams.InvalidParameterException.class,
                () -> SchemeRegistry.create("v2pe", SchemeParams.of("rope_pos_id_version", "v2pe_rnd",
                        "strides", List.of(64, -1)))).parameter());
    }

    @Test
    void optionsOfOtherVersionsAreRejected() {
        assertEquals("rope_pos_id_stride", assertThrows(SchemeParams.InvalidParameterException.class,
                () -> SchemeRegistry.create("v2pe", SchemeParams.of("rope_pos_id_version", "v2pe_rnd",
                        "rope_pos_id_stride", 64))).parameter());
        assertEquals("seed", assertThrows(SchemeParams.InvalidParameterException.class,
                () -> SchemeRegistry.create("v2pe", SchemeParams.of("seed", 3))).parameter());
        assertEquals("seed", assertThrows(SchemeParams.InvalidParameterException.class,
                () -> SchemeRegistry.create("v2pe", SchemeParams.of("rope_pos_id_version", "v2pe_rnd", "seed", 3,
                        "strides", List.of(1)))).parameter());
    }

    @Test
    void seededStridesArePythonsDrawsAndRestartEveryPlan() {
        // random.seed(7); six random.choice([1, 2, 4, ..., 256]) -> 32, 4, 64, 1, 2, 256 (CPython).
        TokenStream video = stream(new PromptPart.Text(2),
                PromptPart.Video.uniform(new Grid(6, 1, 256), 3), new PromptPart.Text(3));
        PositionPlan seeded = plan(video, "rope_pos_id_version", "v2pe_rnd", "seed", 7);
        PositionPlan listed = plan(video, "rope_pos_id_version", "v2pe_rnd",
                "strides", List.of(32, 4, 64, 1, 2, 256));
        assertArrayEquals(positions(listed), positions(seeded));
        assertArrayEquals(positions(seeded), positions(plan(video, "rope_pos_id_version", "v2pe_rnd", "seed", 7)));
        // Frame 0: "FrameN:" at 2..4, <img> at 5, stride 32 -> last visual 5 + 32 = 37.
        assertEquals(37.0, seeded.get(0, 2 + 3 + 1 + 255));
    }

    @Test
    void explicitStridesMustCoverEveryImage() {
        TokenStream two = stream(tiles(1, 4), tiles(1, 4));
        assertThrows(IllegalArgumentException.class,
                () -> plan(two, "rope_pos_id_version", "v2pe_rnd", "num_image_token", 4, "strides", List.of(2)));
    }

    @Test
    void imagesMustBeWholeTiles() {
        TokenStream odd = stream(new PromptPart.Text(1), new PromptPart.Image(new Grid(1, 1, 100)));
        assertThrows(IllegalArgumentException.class, () -> plan(odd));
    }

    @Test
    void aFloat32ArangeOfTheWrongLengthFailsLikeTheReference() {
        // delta 1/3: the float32 end makes torch.arange one element longer than the image (reference asserts).
        TokenStream s = stream(new PromptPart.Text(3), tiles(1, 3));
        assertThrows(IllegalArgumentException.class, () -> plan(s, "num_image_token", 3, "rope_pos_id_stride", 1));
    }
}
