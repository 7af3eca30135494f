package dev.posplan.conformance;

import dev.posplan.multimodal.camera.LinAlg;
import dev.posplan.planners.camera.Prope;
import tools.jackson.databind.JsonNode;

/**
 * How far PRoPE-transformed features may differ from a golden when the golden's own matrices differ from
 * posplan's: the accepted matrix difference pushed through the same linear map. For an output element
 * {@code e = Σ_c M[r][c]·x_c} of the projective half the bound is
 * {@code atol + rtol·|e| + Σ_c (|M_posplan[r][c] − M_golden[r][c]| + ρ)·|x_c|}, with ρ how exactly the file
 * records that matrix element (7 decimals); the RoPE quarters keep
 * {@code atol + rtol·|e|}. Attention on the transformed features adds the propagated logit and value bounds.
 *
 * <p>Why (docs/camera-encodings.md, "Precision"): near the edge of a UCM lens (ξ > 1, FOV near 180°)
 * the ray unprojection, {@code normalize(cross(…))} and the 4×4 product amplify torch's 1-ulp float32
 * {@code sin} error about fifteenfold, so a fixed 1e-6 on q/k/v is the wrong instrument while the matrices
 * themselves still agree to 1e-6. A wrong convention or element is not a small matrix difference and
 * still fails ({@code ProjectiveToleranceTest}).
 */
final class ProjectiveTolerance {

    /**
     * Which matrix a transform multiplies by: q by {@code Pᵀ}, k and v by {@code P⁻¹}, the output by {@code P}.
     */
    enum Transform { Q, KV, O }

    /** Half a unit in the 7th decimal: how exactly a golden file records a value. */
    static final double FILE_ROUNDING = 5e-8;

    /**
     * The golden's matrices, one per camera or token ({@code 16} row-major values each), with how exactly
     * each element is known.
     *
     * @param p            {@code P}
     * @param pInv         {@code P⁻¹}
     * @param pInvRounding per element of {@code pInv}: its uncertainty from the file's rounding ({@code P}'s is
     *                     {@link #FILE_ROUNDING})
     */
    record Matrices(double[] p, double[] pInv, double[] pInvRounding) {

        /** From a file's {@code P_image_from_world} and {@code P_inv} (both recorded to 7 decimals). */
        static Matrices of(JsonNode p, JsonNode pInv) {
            double[] inv = Golden.flatten(pInv);
            double[] rounding = new double[inv.length];
            java.util.Arrays.fill(rounding, FILE_ROUNDING);
            return new Matrices(Golden.flatten(p), inv, rounding);
        }

        /**
         * Rigid world→camera (or world→ray) matrices used as {@code P} directly (PRoPE without K); {@code P⁻¹}
         * is their rigid inverse {@code [Rᵀ | −Rᵀt]}, whose translation column carries the file's rounding of
         * R and t: {@code 5e-8·(|t|₁ + 2)}.
         */
        static Matrices ofViewmats(double[] viewmats) {
            double[] inv = new double[viewmats.length];
            double[] rounding = new double[viewmats.length];
            for (int m = 0; m < viewmats.length; m += 16) {
                double[] one = java.util.Arrays.copyOfRange(viewmats, m, m + 16);
                System.arraycopy(LinAlg.rigidInverse(one), 0, inv, m, 16);
                double t1 = Math.abs(one[3]) + Math.abs(one[7]) + Math.abs(one[11]);
                for (int a = 0; a < 16; a++) {
                    rounding[m + a] = a % 4 == 3 && a < 12 ? FILE_ROUNDING * (t1 + 2) : FILE_ROUNDING;
                }
            }
            return new Matrices(viewmats, inv, rounding);
        }
    }

    private ProjectiveTolerance() {
    }

    /**
     * Per element of {@code x} transformed by {@code which}: {@code Σ_c |ΔM[r][c]|·|x_c|} on the projective
     * half, 0 on the RoPE quarters. {@code golden == null} means no golden matrices: no slack.
     */
    static double[] slack(float[] x, Prope prope, Prope.Projections mine, Matrices golden, Transform which) {
        int hd = prope.headDim();
        double[] out = new double[x.length];
        if (golden == null) {
            return out;
        }
        int perMatrix = mine.perToken() ? 1 : prope.tokensPerImage();
        int seq = x.length / hd;
        if (golden.p().length != 16 * mine.count()) {
            throw new Mismatch("golden matrices: " + golden.p().length / 16 + ", posplan " + mine.count());
        }
        requireAccepted(mine, golden);
        for (int i = 0; i < seq; i++) {
            int m = i / perMatrix;
            double[] mineM = which == Transform.KV ? mine.pInv(m) : mine.p(m);
            double[] goldM = which == Transform.KV ? golden.pInv() : golden.p();
            double[] delta = new double[16];
            for (int a = 0; a < 16; a++) {
                // the golden element is only known to its file rounding
                double known = which == Transform.KV ? golden.pInvRounding()[16 * m + a] : FILE_ROUNDING;
                delta[a] = Math.abs(mineM[a] - goldM[16 * m + a]) + known;
            }
            boolean transpose = which == Transform.Q;
            for (int g = 0; g < hd / 2; g += 4) {
                for (int r = 0; r < 4; r++) {
                    double s = 0;
                    for (int c = 0; c < 4; c++) {
                        s += (transpose ? delta[4 * c + r] : delta[4 * r + c]) * Math.abs(x[i * hd + g + c]);
                    }
                    out[i * hd + g + r] = s;
                }
            }
        }
        return out;
    }

    /**
     * The slack is only as large as the matrix difference the golden's {@code P} comparison accepts
     * ({@link #matrices}): a wrong convention that moves the matrices cannot buy itself a wide tolerance.
     * ({@code P⁻¹} follows from the checked {@code P}.)
     */
    private static void requireAccepted(Prope.Projections mine, Matrices golden) {
        double[] p = new double[16 * mine.count()];
        for (int m = 0; m < mine.count(); m++) {
            System.arraycopy(mine.p(m), 0, p, 16 * m, 16);
        }
        matrices("P (beyond the accepted matrix difference, so no geometry slack)", golden.p(), p);
    }

    /**
     * 4×4 matrices {@code [A | b]} within the accepted difference: every element within
     * {@code atol + rtol·|g|}, and the translation column additionally within {@code √3·(atol + rtol)·|b|₂}, the
     * accepted difference of the rotation rows carried through {@code b = −R·t} (a ray frame's rows turn by
     * an angle, its translation moves by that angle times the camera's distance from the origin).
     */
    static void matrices(String what, double[] golden, double[] actual) {
        if (golden.length != actual.length) {
            throw new Mismatch(what + ": expected " + golden.length / 16 + " matrices, actual " + actual.length / 16);
        }
        double rowTol = CameraGolden.ATOL + CameraGolden.RTOL;
        for (int m = 0; m < golden.length; m += 16) {
            double b = Math.sqrt(golden[m + 3] * golden[m + 3] + golden[m + 7] * golden[m + 7]
                    + golden[m + 11] * golden[m + 11]);
            for (int a = 0; a < 16; a++) {
                double g = golden[m + a];
                double tol = CameraGolden.ATOL + CameraGolden.RTOL * Math.abs(g)
                        + (a % 4 == 3 && a < 12 ? Math.sqrt(3) * rowTol * b : 0);
                boolean ok = Double.isNaN(g) ? Double.isNaN(actual[m + a]) : Math.abs(actual[m + a] - g) <= tol;
                if (!ok) {
                    throw new Mismatch(what + "[" + m / 16 + "][" + a / 4 + "][" + a % 4 + "]: expected " + g
                            + ", actual " + actual[m + a] + " (tolerance " + tol + ")");
                }
            }
        }
    }

    /**
     * Slack of {@code softmax(q·kᵀ/√d) v} when q, k, v are each uncertain by their slacks: a logit moves by at
     * most {@code δs = Σ_c (|q_c|·σk_c + σq_c·|k_c|)/√d}, which moves the weights by at most {@code 2·max δs}
     * in total, times the largest |v|; plus the largest value slack.
     */
    static double[] attentionSlack(float[] q, float[] k, float[] v, double[] sq, double[] sk, double[] sv, int hd) {
        int n = q.length / hd;
        int m = k.length / hd;
        double[] out = new double[n * hd];
        double[] vMax = new double[hd];
        double[] svMax = new double[hd];
        for (int j = 0; j < m; j++) {
            for (int c = 0; c < hd; c++) {
                vMax[c] = Math.max(vMax[c], Math.abs(v[j * hd + c]));
                svMax[c] = Math.max(svMax[c], sv[j * hd + c]);
            }
        }
        for (int i = 0; i < n; i++) {
            double ds = 0;
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int c = 0; c < hd; c++) {
                    s += Math.abs(q[i * hd + c]) * sk[j * hd + c] + sq[i * hd + c] * Math.abs(k[j * hd + c]);
                }
                ds = Math.max(ds, s / Math.sqrt(hd));
            }
            for (int c = 0; c < hd; c++) {
                out[i * hd + c] = svMax[c] + 2 * ds * vMax[c];
            }
        }
        return out;
    }
}
