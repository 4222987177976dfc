package org.spikeforge.simulations.conversion;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * A linear classifier {@code score = W·x + b} on raw feature vectors (classes × features, row
 * major), trained in closed form by ridge regression or by multinomial logistic regression. Both
 * train on standardised features (zero mean, unit variance over the training set; constant
 * features are left out) and fold the standardisation back into {@code W} and {@code b}, so the
 * result applies to raw features directly, e.g. as the synaptic weights of a spiking readout.
 */
public record LinearReadout(int classes, int features, double[] weights, double[] bias) {

    public LinearReadout {
        if (weights.length != classes * features || bias.length != classes) {
            throw new IllegalArgumentException("readout needs " + classes + "×" + features + " weights and " + classes + " biases");
        }
    }

    public double[] scores(double[] x) {
        if (x.length != features) throw new IllegalArgumentException("feature vector has " + x.length + " values; expected " + features);
        double[] s = bias.clone();
        for (int c = 0; c < classes; c++) {
            int row = c * features;
            double acc = 0;
            for (int i = 0; i < features; i++) acc += weights[row + i] * x[i];
            s[c] += acc;
        }
        return s;
    }

    public int predict(double[] x) {
        return ConvertedSnn.argmax(scores(x));
    }

    /** Fraction of samples classified correctly. */
    public double accuracy(double[][] x, int[] y) {
        int ok = 0;
        for (int s = 0; s < x.length; s++) if (predict(x[s]) == y[s]) ok++;
        return (double) ok / x.length;
    }

    /** Per-feature mean and standard deviation; {@code std = 0} marks a constant feature. */
    record Standardiser(double[] mean, double[] std) {
        static Standardiser of(double[][] x) {
            int f = x[0].length, n = x.length;
            double[] mean = new double[f], std = new double[f];
            for (double[] r : x) for (int i = 0; i < f; i++) mean[i] += r[i];
            for (int i = 0; i < f; i++) mean[i] /= n;
            for (double[] r : x) for (int i = 0; i < f; i++) std[i] += (r[i] - mean[i]) * (r[i] - mean[i]);
            for (int i = 0; i < f; i++) {
                std[i] = Math.sqrt(std[i] / n);
                if (std[i] < 1e-12) std[i] = 0;
            }
            return new Standardiser(mean, std);
        }

        double[][] apply(double[][] x) {
            double[][] z = new double[x.length][mean.length];
            for (int s = 0; s < x.length; s++) {
                for (int i = 0; i < mean.length; i++) z[s][i] = std[i] == 0 ? 0 : (x[s][i] - mean[i]) / std[i];
            }
            return z;
        }

        /** Folds {@code score = Wz·z + bz}, z standardised, into raw-feature weights and bias. */
        LinearReadout fold(double[] wz, double[] bz, int classes) {
            int f = mean.length;
            double[] w = new double[classes * f], b = bz.clone();
            for (int c = 0; c < classes; c++) {
                for (int i = 0; i < f; i++) {
                    if (std[i] == 0) continue;
                    double v = wz[c * f + i] / std[i];
                    w[c * f + i] = v;
                    b[c] -= v * mean[i];
                }
            }
            return new LinearReadout(classes, f, w, b);
        }
    }

    private static void checkData(double[][] x, int[] y, int classes) {
        if (x.length == 0 || x.length != y.length) throw new IllegalArgumentException("need as many labels as samples, and at least one: " + x.length + " vs " + y.length);
        for (int s = 0; s < y.length; s++) {
            if (y[s] < 0 || y[s] >= classes) throw new IllegalArgumentException("label " + y[s] + " of sample " + s + " is outside [0, " + classes + ")");
            if (x[s].length != x[0].length) throw new IllegalArgumentException("sample " + s + " has " + x[s].length + " features; sample 0 has " + x[0].length);
        }
    }

    /**
     * Ridge regression onto one-hot targets: minimises {@code Σ|W z_s + b − e_{y_s}|² + λ|W|²} over
     * standardised features z. Solved in the primal ({@code (ZᵀZ + λI) Wᵀ = Zᵀ Y}) when there are
     * fewer features than samples, else in the dual ({@code Wᵀ = Zᵀ (Z Zᵀ + λI)⁻¹ Y}), with a
     * Cholesky factorisation (Commons Math) either way.
     */
    public static LinearReadout ridge(double[][] x, int[] y, int classes, double lambda) {
        checkData(x, y, classes);
        if (!(lambda > 0)) throw new IllegalArgumentException("ridge lambda must be > 0, was " + lambda);
        Standardiser st = Standardiser.of(x);
        double[][] z = st.apply(x);
        int n = z.length, f = z[0].length;
        double[] ym = new double[classes];
        for (int c : y) ym[c] += 1.0 / n;
        double[][] yc = new double[n][classes];
        for (int s = 0; s < n; s++) for (int c = 0; c < classes; c++) yc[s][c] = (y[s] == c ? 1 : 0) - ym[c];
        double[] wz = new double[classes * f];
        if (f <= n) {
            double[][] a = new double[f][f];
            for (double[] r : z) {
                for (int i = 0; i < f; i++) {
                    double ri = r[i];
                    if (ri == 0) continue;
                    double[] ai = a[i];
                    for (int j = 0; j <= i; j++) ai[j] += ri * r[j];
                }
            }
            for (int i = 0; i < f; i++) {
                a[i][i] += lambda;
                for (int j = 0; j < i; j++) a[j][i] = a[i][j];
            }
            double[][] rhs = new double[f][classes];
            for (int s = 0; s < n; s++) for (int i = 0; i < f; i++) for (int c = 0; c < classes; c++) rhs[i][c] += z[s][i] * yc[s][c];
            RealMatrix sol = new CholeskyDecomposition(new Array2DRowRealMatrix(a, false)).getSolver()
                    .solve(new Array2DRowRealMatrix(rhs, false));
            for (int i = 0; i < f; i++) for (int c = 0; c < classes; c++) wz[c * f + i] = sol.getEntry(i, c);
        } else {
            double[][] g = new double[n][n];
            for (int s = 0; s < n; s++) {
                for (int t = 0; t <= s; t++) {
                    double acc = 0;
                    double[] zs = z[s], zt = z[t];
                    for (int i = 0; i < f; i++) acc += zs[i] * zt[i];
                    g[s][t] = acc;
                    g[t][s] = acc;
                }
                g[s][s] += lambda;
            }
            RealMatrix alpha = new CholeskyDecomposition(new Array2DRowRealMatrix(g, false)).getSolver()
                    .solve(new Array2DRowRealMatrix(yc, false));
            for (int s = 0; s < n; s++) {
                for (int c = 0; c < classes; c++) {
                    double a = alpha.getEntry(s, c);
                    for (int i = 0; i < f; i++) wz[c * f + i] += z[s][i] * a;
                }
            }
        }
        return st.fold(wz, ym, classes);
    }

    /**
     * Multinomial logistic regression with L2 penalty {@code l2·|W|²/2}: minimises the mean
     * cross-entropy of {@code softmax(W z + b)} over standardised features by Nesterov-accelerated
     * gradient descent with step {@code 1/L}, where {@code L} bounds the curvature
     * ({@code λ_max(ZᵀZ)/n + l2}, λ_max by power iteration). Deterministic.
     */
    public static LinearReadout logistic(double[][] x, int[] y, int classes, double l2, int iterations) {
        checkData(x, y, classes);
        if (!(l2 >= 0) || iterations < 1) throw new IllegalArgumentException("need l2 >= 0 and iterations >= 1");
        Standardiser st = Standardiser.of(x);
        double[][] z = st.apply(x);
        int n = z.length, f = z[0].length, p = classes * f;
        // Curvature bound of the softmax cross-entropy: ≤ (1/2)·λ_max(ZᵀZ)/n per class block, plus the bias term.
        double[] v = new double[f], zv = new double[n];
        java.util.Arrays.fill(v, 1.0 / Math.sqrt(f));
        double lmax = 0;
        for (int it = 0; it < 50; it++) {
            for (int s = 0; s < n; s++) { double a = 0; for (int i = 0; i < f; i++) a += z[s][i] * v[i]; zv[s] = a; }
            double[] w = new double[f];
            for (int s = 0; s < n; s++) for (int i = 0; i < f; i++) w[i] += z[s][i] * zv[s];
            double norm = 0;
            for (double a : w) norm += a * a;
            norm = Math.sqrt(norm);
            lmax = norm;
            for (int i = 0; i < f; i++) v[i] = w[i] / norm;
        }
        double L = 0.5 * (lmax / n + 1) + l2;
        double step = 1 / L;
        double[] w = new double[p], b = new double[classes], wPrev = new double[p], bPrev = new double[classes];
        double[] yw = new double[p], yb = new double[classes], gw = new double[p], gb = new double[classes];
        double[] logit = new double[classes];
        double tk = 1;
        for (int it = 0; it < iterations; it++) {
            java.util.Arrays.fill(gw, 0);
            java.util.Arrays.fill(gb, 0);
            for (int s = 0; s < n; s++) {
                double[] zs = z[s];
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) {
                    double a = yb[c];
                    int row = c * f;
                    for (int i = 0; i < f; i++) a += yw[row + i] * zs[i];
                    logit[c] = a;
                    max = Math.max(max, a);
                }
                double sum = 0;
                for (int c = 0; c < classes; c++) { logit[c] = Math.exp(logit[c] - max); sum += logit[c]; }
                for (int c = 0; c < classes; c++) {
                    double r = (logit[c] / sum - (y[s] == c ? 1 : 0)) / n;
                    gb[c] += r;
                    if (r == 0) continue;
                    int row = c * f;
                    for (int i = 0; i < f; i++) gw[row + i] += r * zs[i];
                }
            }
            for (int k = 0; k < p; k++) gw[k] += l2 * yw[k];
            double tNext = (1 + Math.sqrt(1 + 4 * tk * tk)) / 2, mom = (tk - 1) / tNext;
            for (int k = 0; k < p; k++) {
                double wn = yw[k] - step * gw[k];
                yw[k] = wn + mom * (wn - wPrev[k]);
                wPrev[k] = wn;
            }
            for (int c = 0; c < classes; c++) {
                double bn = yb[c] - step * gb[c];
                yb[c] = bn + mom * (bn - bPrev[c]);
                bPrev[c] = bn;
            }
            tk = tNext;
            System.arraycopy(wPrev, 0, w, 0, p);
            System.arraycopy(bPrev, 0, b, 0, classes);
        }
        return st.fold(w, b, classes);
    }
}
