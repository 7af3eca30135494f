package dev.posplan.planners.camera;

/**
 * In-place block transforms of one head's features {@code x[seq · headDim]} (token-major), shared by
 * PRoPE, GTA and UCPE. Each transform touches the dimensions {@code [start, end)} of every token;
 * arithmetic is double, results are rounded to float32 as the references' float32 tensors are.
 *
 * <p>Matrices are row-major {@code n×n} blocks in one array; token {@code i} uses matrix
 * {@code i / tokensPerMatrix} (a camera shared by its tokens, or 1 for per-token matrices). Rotation
 * tables hold {@code pairs} cos/sin values per row; token {@code i} uses row {@code i % tableRows} (the
 * same grid repeats for every image).
 */
final class HeadTransforms {

    private HeadTransforms() {
    }

    /**
     * Consecutive n-vectors times the token's n×n matrix {@code M} (or {@code Mᵀ}): {@code x' = M x}.
     */
    static void matrices(float[] x, int seq, int headDim, int start, int end, int n, double[] mats,
            int tokensPerMatrix, boolean transpose) {
        double[] v = new double[n];
        for (int i = 0; i < seq; i++) {
            int m = (i / tokensPerMatrix) * n * n;
            int row = i * headDim;
            for (int g = start; g < end; g += n) {
                for (int a = 0; a < n; a++) {
                    v[a] = x[row + g + a];
                }
                for (int r = 0; r < n; r++) {
                    double s = 0;
                    for (int c = 0; c < n; c++) {
                        s += (transpose ? mats[m + c * n + r] : mats[m + r * n + c]) * v[c];
                    }
                    x[row + g + r] = (float) s;
                }
            }
        }
    }

    /**
     * Consecutive 3-vectors as points: {@code x' = (M [x; 1])[0..2]} with the token's 4x4 matrix
     * (homogeneous coordinate 1, last row of M unused).
     */
    static void points(float[] x, int seq, int headDim, int start, int end, double[] mats, int tokensPerMatrix) {
        for (int i = 0; i < seq; i++) {
            int m = (i / tokensPerMatrix) * 16;
            int row = i * headDim;
            for (int g = start; g < end; g += 3) {
                double a = x[row + g];
                double b = x[row + g + 1];
                double c = x[row + g + 2];
                for (int r = 0; r < 3; r++) {
                    x[row + g + r] = (float) (mats[m + 4 * r] * a + mats[m + 4 * r + 1] * b + mats[m + 4 * r + 2] * c
                            + mats[m + 4 * r + 3]);
                }
            }
        }
    }

    /**
     * Interleaved pairs {@code (x[s+2p], x[s+2p+1])} rotated by the 2x2 matrix {@code [[cos, −sin], [sin, cos]]}
     * of pair p (its transpose when {@code inverse}).
     */
    static void rotateInterleaved(float[] x, int seq, int headDim, int start, double[] cos, double[] sin, int pairs,
            int tableRows, boolean inverse) {
        for (int i = 0; i < seq; i++) {
            int t = (i % tableRows) * pairs;
            int row = i * headDim + start;
            for (int p = 0; p < pairs; p++) {
                double c = cos[t + p];
                double s = inverse ? -sin[t + p] : sin[t + p];
                double a = x[row + 2 * p];
                double b = x[row + 2 * p + 1];
                x[row + 2 * p] = (float) (c * a - s * b);
                x[row + 2 * p + 1] = (float) (s * a + c * b);
            }
        }
    }

    /**
     * Split halves {@code a = x[s+j], b = x[s+pairs+j]}: {@code a' = cos·a + sin·b, b' = −sin·a + cos·b}
     * (PRoPE's sign), the opposite sign when {@code inverse}.
     */
    static void rotateSplit(float[] x, int seq, int headDim, int start, float[] cos, float[] sin, int pairs,
            int tableRows, boolean inverse) {
        for (int i = 0; i < seq; i++) {
            int t = (i % tableRows) * pairs;
            int row = i * headDim + start;
            for (int j = 0; j < pairs; j++) {
                double c = cos[t + j];
                double s = inverse ? -sin[t + j] : sin[t + j];
                double a = x[row + j];
                double b = x[row + pairs + j];
                x[row + j] = (float) (c * a + s * b);
                x[row + pairs + j] = (float) (-s * a + c * b);
            }
        }
    }

    /** Checks a feature array holds {@code seq} rows of {@code headDim}. */
    static int rows(float[] x, int headDim, String what) {
        if (x.length % headDim != 0) {
            throw new IllegalArgumentException(what + ": " + x.length + " values are not rows of head_dim " + headDim);
        }
        return x.length / headDim;
    }
}
