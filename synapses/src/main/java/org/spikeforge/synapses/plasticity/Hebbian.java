package org.spikeforge.synapses.plasticity;

/**
 * Plain Hebbian and anti-Hebbian learning on rates or traces ({@code hebbian},
 * {@code anti_hebbian}):
 *
 * <pre>
 *   Δw_ij = ± η · y_j · x_i,     then w_ij ← clip(w_ij, w_min, w_max)
 * </pre>
 *
 * <p>with {@code +} for Hebbian and {@code −} for anti-Hebbian learning, {@code x_i} the activity
 * of presynaptic neuron i and {@code y_j} that of postsynaptic neuron j. Anti-Hebbian lateral
 * weights decorrelate a layer's outputs (Földiák 1990); without bounds the Hebbian rule grows
 * without limit, which {@link Oja} corrects.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>unit</th><th>meaning</th></tr>
 *   <tr><td>eta</td><td>weight/(activity²)</td><td>learning rate η &gt; 0</td></tr>
 *   <tr><td>anti</td><td>—</td><td>true for anti-Hebbian (sign −)</td></tr>
 *   <tr><td>w_min, w_max</td><td>weight</td><td>hard bounds</td></tr>
 * </table>
 *
 * <p>References: Hebb 1949; Dayan &amp; Abbott, <i>Theoretical Neuroscience</i> (2001), ch. 8.2;
 * Földiák 1990, Biol Cybern 64:165.
 */
public record Hebbian(double eta, boolean anti, WeightBounds bounds) implements RateRule {

    public Hebbian {
        PairStdp.positiveFinite("eta", eta, false);
        if (bounds == null) bounds = WeightBounds.UNBOUNDED;
    }

    @Override public String kind() { return anti ? "anti_hebbian" : "hebbian"; }

    /** The signed learning rate, {@code ±η}. */
    public double signedRate() {
        return anti ? -eta : eta;
    }

    /**
     * Dense update of {@code w} (row-major, {@code w[j·nPre + i]} from pre i to post j) by
     * {@code rate·y_j·x_i}, clipped to {@code [wMin, wMax]}. Pass {@code rate = −η} for anti-Hebbian.
     */
    public static void updateDense(double[] w, int nPost, int nPre, double[] x, double[] y, double rate,
                                   double wMin, double wMax) {
        for (int j = 0; j < nPost; j++) {
            final double gy = rate * y[j];
            if (gy == 0) continue;
            final int row = j * nPre;
            for (int i = 0; i < nPre; i++) {
                final double nw = w[row + i] + gy * x[i];
                w[row + i] = nw < wMin ? wMin : (nw > wMax ? wMax : nw);
            }
        }
    }

    /** Sparse update over CSR synapses ({@code rowStart}/{@code targets} by source) of {@code rate·y_target·x_source}. */
    public static void updateCsr(int[] rowStart, int[] targets, float[] w, double[] x, double[] y, double rate,
                                 double wMin, double wMax) {
        for (int s = 0; s + 1 < rowStart.length; s++) {
            final double gx = rate * x[s];
            if (gx == 0) continue;
            for (int k = rowStart[s]; k < rowStart[s + 1]; k++) {
                final double nw = w[k] + gx * y[targets[k]];
                w[k] = (float) (nw < wMin ? wMin : (nw > wMax ? wMax : nw));
            }
        }
    }

    /** {@link #updateDense} with this rule's rate and bounds. */
    public void update(double[] w, int nPost, int nPre, double[] x, double[] y) {
        updateDense(w, nPost, nPre, x, y, signedRate(), bounds.wMin(), bounds.wMax());
    }
}
