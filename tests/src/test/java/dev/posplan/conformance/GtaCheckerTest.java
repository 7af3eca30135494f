package dev.posplan.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.posplan.multimodal.camera.CameraView;
import dev.posplan.multimodal.camera.LensModel;
import dev.posplan.multimodal.camera.Pose;
import dev.posplan.planners.camera.Gta;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The GTA checker reads a file's own inputs, and compares T(2) representations when a file gives them. */
class GtaCheckerTest {

    private static final GtaChecker CHECKER = new GtaChecker();

    private static ObjectNode file(String name) {
        return (ObjectNode) Golden.read(GoldenDir.locate().resolve("gta").resolve(name));
    }

    /** make_T2mats: [[1,0,0],[0,1,0],[row,col,1]] per token, views outer. */
    @Test
    void t2MatricesAreTheHomogeneousTranslationsOfTheTokenCoordinates() {
        Gta gta = new Gta(new Gta.Config(Gta.Variant.NVS, 12, new Gta.FDims(2, 4, 0, 0, 6), 0, 1, 1, false, 0.01,
                true, false, Gta.Compat.FIXED, Gta.Precision.FLOAT64));
        Pose p0 = Pose.lookAt(new double[] {3, 0, 2}, new double[3], new double[] {0, 0, 1});
        Pose p1 = Pose.lookAt(new double[] {0, 3, 2}, new double[3], new double[] {0, 0, 1});
        List<CameraView> views = List.of(new CameraView(16, 8, 8, 1, null, p0, LensModel.pinhole()),
                new CameraView(16, 8, 8, 1, null, p1, LensModel.pinhole()));
        double[] expected = new double[2 * 2 * 9];
        double[][] coords = {{0.5, 0.25}, {0.5, 0.75}};   // one row of two tokens: pixels (4, 4) and (4, 12)
        for (int i = 0; i < 4; i++) {
            double[] c = coords[i % 2];
            System.arraycopy(new double[] {1, 0, 0, 0, 1, 0, c[0], c[1], 1}, 0, expected, 9 * i, 9);
        }
        assertArrayEquals(expected, GtaChecker.t2Matrices(gta, gta.represent(views)), 1e-7);
    }

    @Test
    void givenT2NumbersAreCompared() {
        ObjectNode g = file("01_clevrtr_default_2views_2x2.json");
        g.putArray("t2rep_per_token").add(1.0);
        Mismatch noT2 = assertThrows(Mismatch.class, () -> CHECKER.check(g));
        assertTrue(noT2.getMessage().startsWith("t2rep_per_token: the file gives T(2) matrices but"),
                noT2.getMessage());

        // With a t2 block the comparison is made: wrong matrices fail there, right ones get past it.
        ObjectNode in = (ObjectNode) g.get("inputs");
        in.put("head_dim", 70);
        ((ObjectNode) in.get("method_args").get("f_dims")).put("t2", 6);
        Mismatch wrong = assertThrows(Mismatch.class, () -> CHECKER.check(g));
        assertTrue(wrong.getMessage().startsWith("t2rep_per_token: expected 1 values, actual 72"), wrong.getMessage());
        ArrayNode t2 = g.putArray("t2rep_per_token");
        double[][] coords = {{0.25, 0.25}, {0.25, 0.75}, {0.75, 0.25}, {0.75, 0.75}};
        for (int view = 0; view < 2; view++) {
            for (double[] c : coords) {
                for (double v : new double[] {1, 0, 0, 0, 1, 0, c[0], c[1], 1}) {
                    t2.add(v);
                }
            }
        }
        // q/k/v were recorded for head_dim 64, so the check fails later, never at the T(2) matrices.
        Exception later = assertThrows(RuntimeException.class, () -> CHECKER.check(g));
        assertFalse(String.valueOf(later.getMessage()).startsWith("t2rep"), later.getMessage());
    }

    @Test
    void theReleasedFailureUsesTheFilesCameras() {
        ObjectNode g = file("07_t2_triv.json");
        assertDoesNotThrow(() -> CHECKER.check(g));
        ObjectNode in = (ObjectNode) g.get("inputs");
        ArrayNode cams = in.putArray("camera_positions_world");
        cams.addArray().add(2.0).add(2.0).add(2.0);
        cams.addArray().add(-3.0).add(1.0).add(2.0);
        cams.addArray().add(1.0).add(-3.0).add(1.0);
        in.putArray("look_at").add(0.0).add(0.0).add(0.5);
        assertDoesNotThrow(() -> CHECKER.check(g));
        // A camera at its look-at point has no viewing direction: proof that the file's cameras are used.
        ((ArrayNode) cams.get(0)).removeAll().add(0.0).add(0.0).add(0.5);
        assertThrows(IllegalArgumentException.class, () -> CHECKER.check(g));
    }

    @Test
    void theReleasedFailureReadsMethodArgs() {
        ObjectNode g = file("07_t2_triv.json");
        ObjectNode args = (ObjectNode) g.get("inputs").get("method_args");
        args.put("so2", 4);
        ObjectNode dims = (ObjectNode) args.get("f_dims");
        dims.put("so2", 16);
        dims.put("t2", 0);
        dims.put("triv", 16);
        Mismatch m = assertThrows(Mismatch.class, () -> CHECKER.check(g));
        assertTrue(m.getMessage().startsWith("result: the released mode accepted"), m.getMessage());
    }

    /** A DiT file run without v_transform still checks: the flag leaves the q transform alone. */
    @Test
    void ditAcceptsVTransformOff() {
        ObjectNode g = file("11_dit_image_gta_2x3_hd16.json");
        ((ObjectNode) g.get("inputs")).put("v_transform", false);
        assertDoesNotThrow(() -> CHECKER.check(g));
    }
}
