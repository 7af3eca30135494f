package dev.posplan.conformance;

/**
 * Single-head softmax attention over {@code [seq, dim]} float32 rows, in double: what the golden
 * generators ran between posplan's input and output transforms ({@code o_sdpa_reference} of PRoPE/UCPE,
 * GTA's {@code AttnFn}). Not part of posplan: the model computes attention; the checkers only need it to
 * carry transformed q, k, v through to the output transform.
 */
final class Attention {

    /** How query/key similarity is formed before scaling. */
    enum Similarity {
        /** {@code q·k}. */
        DOT,
        /** {@code q·k − ½|q|² − ½|k|² = −½|q − k|²} (GTA {@code euclid_sim}). */
        NEGATIVE_HALF_SQUARED_DISTANCE
    }

    private Attention() {
    }

    /** {@code softmax(sim(q, k) · dim^−½) v}. */
    static float[] softmax(float[] q, float[] k, float[] v, int dim, Similarity similarity) {
        int n = q.length / dim;
        int m = k.length / dim;
        double scale = 1.0 / Math.sqrt(dim);
        float[] out = new float[n * dim];
        double[] w = new double[m];
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < m; j++) {
                double s = 0;
                double qq = 0;
                double kk = 0;
                for (int c = 0; c < dim; c++) {
                    double a = q[i * dim + c];
                    double b = k[j * dim + c];
                    s += a * b;
                    qq += a * a;
                    kk += b * b;
                }
                if (similarity == Similarity.NEGATIVE_HALF_SQUARED_DISTANCE) {
                    s -= 0.5 * qq + 0.5 * kk;
                }
                w[j] = s * scale;
                max = Math.max(max, w[j]);
            }
            double sum = 0;
            for (int j = 0; j < m; j++) {
                w[j] = Math.exp(w[j] - max);
                sum += w[j];
            }
            for (int c = 0; c < dim; c++) {
                double acc = 0;
                for (int j = 0; j < m; j++) {
                    acc += w[j] * v[j * dim + c];
                }
                out[i * dim + c] = (float) (acc / sum);
            }
        }
        return out;
    }
}
