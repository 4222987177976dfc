package org.spikeforge.synapses.plasticity;

/**
 * Oja's rule and Oja's subspace rule on rates or traces ({@code oja}): Hebbian learning with a
 * decay that normalises the weights, so a linear neuron's weight vector converges to the leading
 * principal component of its input, and k neurons' weights to an orthonormal basis of the top-k
 * principal subspace.
 *
 * <pre>
 *   one output:   y = w·x,      Δw   = η·y·(x − y·w)                       (Oja 1982)
 *   k outputs:    y = W·x,      ΔW   = η·(y·xᵀ − y·yᵀ·W)                   (Oja 1989, subspace rule)
 *   then each weight ← clip(w, w_min, w_max)
 * </pre>
 *
 * <p>The subspace rule's {@code −y·yᵀ·W} term is a lateral, anti-Hebbian interaction between the
 * outputs; it is what the Hebbian orthogonal projection learner of continual learning (Xiao et al.
 * 2024) uses to extract the principal subspace of past activity with lateral connections.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>unit</th><th>meaning</th></tr>
 *   <tr><td>eta</td><td>1/(activity²)</td><td>learning rate η &gt; 0 (small against 1/λ_max for convergence)</td></tr>
 *   <tr><td>w_min, w_max</td><td>weight</td><td>hard bounds (usually unbounded)</td></tr>
 * </table>
 *
 * <p>References: E. Oja, A simplified neuron model as a principal component analyzer, J Math Biol
 * 15:267 (1982); E. Oja, Neural networks, principal components, and subspaces, Int J Neural Syst
 * 1:61 (1989); M. Xiao et al., Hebbian learning based orthogonal projection for continual learning
 * of spiking neural networks, ICLR 2024.
 */
public record Oja(double eta, WeightBounds bounds) implements RateRule {

    public Oja {
        PairStdp.positiveFinite("eta", eta, false);
        if (bounds == null) bounds = WeightBounds.UNBOUNDED;
    }

    @Override public String kind() { return "oja"; }

    /** One output: updates {@code w} (length n) for input {@code x}; returns the output {@code y = w·x} before the update. */
    public static double updateSingle(double[] w, double[] x, double eta, double wMin, double wMax) {
        double y = 0;
        for (int i = 0; i < w.length; i++) y += w[i] * x[i];
        for (int i = 0; i < w.length; i++) {
            final double nw = w[i] + eta * y * (x[i] - y * w[i]);
            w[i] = nw < wMin ? wMin : (nw > wMax ? wMax : nw);
        }
        return y;
    }

    /**
     * k outputs: updates {@code W} (row-major k×n) for input {@code x} by Oja's subspace rule;
     * writes the outputs {@code y = W·x} (before the update) into {@code y} (length k) and uses
     * {@code scratch} (length n) for {@code yᵀ·W}.
     */
    public static void updateSubspace(double[] weights, int k, int n, double[] x, double[] y, double[] scratch,
                                      double eta, double wMin, double wMax) {
        for (int j = 0; j < k; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) s += weights[j * n + i] * x[i];
            y[j] = s;
        }
        java.util.Arrays.fill(scratch, 0, n, 0.0);
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < n; i++) scratch[i] += y[j] * weights[j * n + i];
        }
        for (int j = 0; j < k; j++) {
            final double gy = eta * y[j];
            for (int i = 0; i < n; i++) {
                final double nw = weights[j * n + i] + gy * (x[i] - scratch[i]);
                weights[j * n + i] = nw < wMin ? wMin : (nw > wMax ? wMax : nw);
            }
        }
    }

    /** {@link #updateSingle} with this rule's rate and bounds. */
    public double update(double[] w, double[] x) {
        return updateSingle(w, x, eta, bounds.wMin(), bounds.wMax());
    }
}
