package org.spikeforge.simulations.har;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Linear readout fitted by ridge regression onto one-hot targets (the classic LSM readout, Maass,
 * Natschläger and Markram 2002): {@code W = argmin ‖[F 1]·Wᵀ − Y‖² + λ‖W_F‖²}, the bias column not
 * penalised, solved through the normal equations with a Cholesky factorisation (Commons Math). The
 * predicted class is the argmax of {@code W·[f; 1]}.
 */
public final class RidgeReadout {
    private RidgeReadout() {}

    /**
     * Fits {@code classes × (features + 1)} weights, row-major, last column the bias.
     *
     * @param features one row per sample
     * @param labels   class of each sample
     */
    public static float[] fit(double[][] features, int[] labels, int classes, double lambda) {
        if (features.length == 0) throw new IllegalArgumentException("ridge readout needs at least one training sample");
        if (!(lambda > 0)) throw new IllegalArgumentException("ridge penalty must be > 0, was " + lambda);
        int f = features[0].length, d = f + 1;
        double[][] g = new double[d][d];
        double[][] b = new double[d][classes];
        double[] row = new double[d];
        for (int s = 0; s < features.length; s++) {
            System.arraycopy(features[s], 0, row, 0, f);
            row[f] = 1;
            for (int i = 0; i < d; i++) {
                double ri = row[i];
                if (ri == 0) continue;
                for (int j = i; j < d; j++) g[i][j] += ri * row[j];
                b[i][labels[s]] += ri;
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) g[i][j] = g[j][i];
            g[i][i] += i < f ? lambda : 1e-9 * lambda;
        }
        RealMatrix w = new CholeskyDecomposition(new Array2DRowRealMatrix(g, false), 1e-12, 1e-14).getSolver()
                .solve(new Array2DRowRealMatrix(b, false));
        float[] out = new float[classes * d];
        for (int c = 0; c < classes; c++) for (int i = 0; i < d; i++) out[c * d + i] = (float) w.getEntry(i, c);
        return out;
    }

    /** argmax of {@code W·[f; 1]}, ties to the lower class. */
    public static int predict(float[] weights, int classes, double[] features) {
        int d = features.length + 1;
        int best = 0;
        double bestV = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            double v = weights[c * d + d - 1];
            for (int i = 0; i < d - 1; i++) v += weights[c * d + i] * features[i];
            if (v > bestV) {
                bestV = v;
                best = c;
            }
        }
        return best;
    }
}
