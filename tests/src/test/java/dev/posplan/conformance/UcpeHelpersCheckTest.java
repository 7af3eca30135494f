package dev.posplan.conformance;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.multimodal.camera.LensModel;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Variants of the visible helpers file, made at test time: other lens cases pass, bad shapes are mismatches. */
class UcpeHelpersCheckTest {

    private static ObjectNode helpers() {
        return (ObjectNode) Golden.read(GoldenDir.locate().resolve("ucpe").resolve("12_helpers_fov_fx_angles.json"));
    }

    private static void assertMismatch(ObjectNode g, String start) {
        Mismatch m = assertThrows(Mismatch.class, () -> UcpeHelpersCheck.check(g));
        assertTrue(m.getMessage().startsWith(start), m.getMessage());
    }

    @Test
    void theVisibleFilePasses() {
        assertDoesNotThrow(() -> UcpeHelpersCheck.check(helpers()));
    }

    /** Two lens cases: the hard-coded three are not compared, only the round trip is. */
    @Test
    void fewerLensCasesAreCheckedByTheirRoundTrip() {
        ObjectNode g = helpers();
        ((ArrayNode) g.get("fx_width52")).remove(2);
        ((ArrayNode) g.get("fov_roundtrip")).remove(2);
        assertDoesNotThrow(() -> UcpeHelpersCheck.check(g));
    }

    /** Four cases at another width (a lens that is not among the visible ones). */
    @Test
    void otherLensCasesAtAnotherWidthPass() {
        ObjectNode g = helpers();
        g.remove("fx_width52");
        ArrayNode fx = g.putArray("fx_width64");
        ArrayNode fov = g.putArray("fov_roundtrip");
        for (double[] c : new double[][] {{90, 0}, {100, 0.3}, {140, 0.8}, {200, 1.2}}) {
            LensModel.UnifiedCamera lens = new LensModel.UnifiedCamera(c[1]);
            double f = (float) lens.focalFromFov(c[0], 64);
            fx.add(f);
            fov.add((float) lens.fovFromFocal(f, 64));
        }
        assertDoesNotThrow(() -> UcpeHelpersCheck.check(g));
    }

    /** Three entries have the visible shape, so the visible lens cases are compared. */
    @Test
    void theVisibleShapeIsComparedWithTheVisibleLensCases() {
        ObjectNode g = helpers();
        ArrayNode fx = (ArrayNode) g.get("fx_width52");
        fx.set(1, fx.get(1).asDouble() + 1);
        assertMismatch(g, "fx_width52 (lens cases (FOV, ξ) of ucpe/01, 03, 04)[1]");
    }

    @Test
    void shapesAreMismatchesNotIndexErrors() {
        ObjectNode g = helpers();
        ((ArrayNode) g.get("fov_roundtrip")).remove(0);
        assertMismatch(g, "fov_roundtrip: expected a list of 3 numbers, got shape [2]");

        ObjectNode grid = helpers();
        ((ArrayNode) grid.get("d_cam_4x3_fov120_xi0.5")).remove(2);
        assertMismatch(grid, "d_cam_4x3_fov120_xi0.5: expected shape [3, 4, 3] (from its key name and the grid), "
                + "got shape [2, 4, 3]");

        ObjectNode angles = helpers();
        angles.remove("azimuth_elevation");
        assertMismatch(angles, "azimuth_elevation: missing");

        ObjectNode rope = helpers();
        ((ArrayNode) rope.get("rope_sin_azimuth_featdim8")).remove(0);
        assertMismatch(rope, "rope_sin_azimuth_featdim8: expected shape [12, 4]");

        ObjectNode noFocal = helpers();
        noFocal.remove("fx_width52");
        assertMismatch(noFocal, "no key matching fx_width");
    }

    /** A pinhole focal with a wider recorded FOV needs ξ < 0: no lens gives it. */
    @Test
    void aPairNoLensGivesIsAMismatch() {
        ObjectNode g = helpers();
        ((ArrayNode) g.get("fov_roundtrip")).set(0, 60.0);
        assertMismatch(g, "fx_width52[0] with fov_roundtrip[0] = 60.0 implies lens ξ = ");
    }
}
