package dev.posplan.multimodal.camera;

import dev.posplan.multimodal.InvalidInputException;

/**
 * The small double-precision linear algebra the camera encodings need, written once: 3x3 and 4x4
 * matrices as row-major {@code double[9]} / {@code double[16]}, 3-vectors as {@code double[3]}.
 * Matrices act on column vectors ({@code y = M x}), as in every reference. Methods never modify their
 * arguments unless they take an {@code out} array.
 */
public final class LinAlg {

    /** Largest accepted {@code |RᵀR − I|} entry of a rotation (inputs are often float32 or rounded text). */
    public static final double ORTHONORMAL_TOLERANCE = 1e-4;

    /** A matrix whose |determinant| is at most this is treated as singular. */
    public static final double SINGULAR_TOLERANCE = 1e-12;

    private LinAlg() {
    }

    public static double[] identity4() {
        return new double[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
    }

    /** {@code a · b} of two n×n row-major matrices. */
    public static double[] multiply(double[] a, double[] b, int n) {
        double[] out = new double[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += a[r * n + k] * b[k * n + c];
                }
                out[r * n + c] = s;
            }
        }
        return out;
    }

    public static double[] mul4(double[] a, double[] b) {
        return multiply(a, b, 4);
    }

    public static double[] transpose(double[] m, int n) {
        double[] out = new double[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                out[c * n + r] = m[r * n + c];
            }
        }
        return out;
    }

    /** The upper-left 3x3 block of a 4x4 matrix. */
    public static double[] rotation(double[] m4) {
        return new double[] {m4[0], m4[1], m4[2], m4[4], m4[5], m4[6], m4[8], m4[9], m4[10]};
    }

    /** The translation column (rows 0..2, column 3) of a 4x4 matrix. */
    public static double[] translation(double[] m4) {
        return new double[] {m4[3], m4[7], m4[11]};
    }

    /** The 4x4 rigid transform {@code [R | t; 0 0 0 1]}. */
    public static double[] rigid(double[] r3, double[] t) {
        return new double[] {r3[0], r3[1], r3[2], t[0], r3[3], r3[4], r3[5], t[1], r3[6], r3[7], r3[8], t[2],
            0, 0, 0, 1};
    }

    /** Inverse of a rigid 4x4 transform: {@code [Rᵀ | −Rᵀt]} (what PRoPE's {@code _invert_SE3} computes). */
    public static double[] rigidInverse(double[] m4) {
        double[] rt = transpose(rotation(m4), 3);
        double[] t = translation(m4);
        double[] nt = apply3(rt, t);
        return rigid(rt, new double[] {-nt[0], -nt[1], -nt[2]});
    }

    /** {@code m · v} for a 3x3 matrix. */
    public static double[] apply3(double[] m3, double[] v) {
        return new double[] {
            m3[0] * v[0] + m3[1] * v[1] + m3[2] * v[2],
            m3[3] * v[0] + m3[4] * v[1] + m3[5] * v[2],
            m3[6] * v[0] + m3[7] * v[1] + m3[8] * v[2]};
    }

    /**
     * {@code m · (x, y, z)} (or {@code mᵀ · (x, y, z)} when {@code transposed}) written to
     * {@code out[off..off+2]}: the allocation-free form for per-token loops.
     */
    public static void apply3(double[] m3, boolean transposed, double x, double y, double z, double[] out, int off) {
        if (transposed) {
            out[off] = m3[0] * x + m3[3] * y + m3[6] * z;
            out[off + 1] = m3[1] * x + m3[4] * y + m3[7] * z;
            out[off + 2] = m3[2] * x + m3[5] * y + m3[8] * z;
        } else {
            out[off] = m3[0] * x + m3[1] * y + m3[2] * z;
            out[off + 1] = m3[3] * x + m3[4] * y + m3[5] * z;
            out[off + 2] = m3[6] * x + m3[7] * y + m3[8] * z;
        }
    }

    public static double determinant3(double[] m) {
        return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6])
                + m[2] * (m[3] * m[7] - m[4] * m[6]);
    }

    /**
     * General inverse of an n×n matrix (Gauss-Jordan with partial pivoting).
     *
     * @param field name used in the error when the matrix is singular
     */
    public static double[] inverse(double[] m, int n, String field) {
        double[] a = m.clone();
        double[] inv = new double[n * n];
        for (int i = 0; i < n; i++) {
            inv[i * n + i] = 1;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r * n + col]) > Math.abs(a[pivot * n + col])) {
                    pivot = r;
                }
            }
            double p = a[pivot * n + col];
            if (!(Math.abs(p) > SINGULAR_TOLERANCE)) {
                throw InvalidInputException.of(field + ": matrix is singular, cannot invert");
            }
            swapRows(a, n, col, pivot);
            swapRows(inv, n, col, pivot);
            for (int c = 0; c < n; c++) {
                a[col * n + c] /= p;
                inv[col * n + c] /= p;
            }
            for (int r = 0; r < n; r++) {
                double f = a[r * n + col];
                if (r == col || f == 0) {
                    continue;
                }
                for (int c = 0; c < n; c++) {
                    a[r * n + c] -= f * a[col * n + c];
                    inv[r * n + c] -= f * inv[col * n + c];
                }
            }
        }
        return inv;
    }

    private static void swapRows(double[] a, int n, int r1, int r2) {
        if (r1 == r2) {
            return;
        }
        for (int c = 0; c < n; c++) {
            double t = a[r1 * n + c];
            a[r1 * n + c] = a[r2 * n + c];
            a[r2 * n + c] = t;
        }
    }

    /** Largest entry of {@code |RᵀR − I|}: 0 for an exact rotation or reflection. */
    public static double orthonormalityError(double[] r3) {
        double worst = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = r3[i] * r3[j] + r3[3 + i] * r3[3 + j] + r3[6 + i] * r3[6 + j];
                worst = Math.max(worst, Math.abs(s - (i == j ? 1 : 0)));
            }
        }
        return worst;
    }

    /**
     * Checks that a 3x3 matrix is a proper rotation (orthonormal within {@link #ORTHONORMAL_TOLERANCE},
     * determinant +1).
     */
    public static void requireRotation(double[] r3, String field) {
        double err = orthonormalityError(r3);
        if (!(err <= ORTHONORMAL_TOLERANCE)) {
            throw InvalidInputException.of(field + ": rotation is not orthonormal (max |RᵀR − I| = " + err
                    + ", tolerance " + ORTHONORMAL_TOLERANCE + ")");
        }
        if (!(determinant3(r3) > 0)) {
            throw InvalidInputException.of(field + ": rotation has determinant " + determinant3(r3)
                    + " (a reflection, not a rotation)");
        }
    }

    /** Rejects NaN and infinite values, naming the field and the first bad index. */
    public static void requireFinite(double[] values, String field) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw InvalidInputException.of(field + "[" + i + "] must be finite, got " + values[i]);
            }
        }
    }

    public static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    /** {@code out = a × b} ({@code out} must not alias {@code a} or {@code b}). */
    public static void cross(double[] a, double[] b, double[] out) {
        out[0] = a[1] * b[2] - a[2] * b[1];
        out[1] = a[2] * b[0] - a[0] * b[2];
        out[2] = a[0] * b[1] - a[1] * b[0];
    }

    /** Scales {@code a} in place to {@code a / max(|a|, eps)}. */
    public static void normalizeInPlace(double[] a, double eps) {
        double n = Math.max(norm(a), eps);
        a[0] /= n;
        a[1] /= n;
        a[2] /= n;
    }

    public static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    public static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** {@code a / max(|a|, eps)}: the clamped normalisation of torch's {@code F.normalize}. */
    public static double[] normalize(double[] a, double eps) {
        double n = Math.max(norm(a), eps);
        return new double[] {a[0] / n, a[1] / n, a[2] / n};
    }

    /** {@code a / |a|} (NaN for a zero vector, as plain division in the references). */
    public static double[] normalize(double[] a) {
        double n = norm(a);
        return new double[] {a[0] / n, a[1] / n, a[2] / n};
    }
}
