package org.spikeforge.synapses.plasticity;

/**
 * Triplet spike-timing-dependent plasticity ({@code triplet_stdp}) of Pfister &amp; Gerstner 2006:
 * two presynaptic traces {@code r₁, r₂} and two postsynaptic traces {@code o₁, o₂}.
 *
 * <pre>
 *   dr₁/dt = −r₁/τ₊    dr₂/dt = −r₂/τ_x    do₁/dt = −o₁/τ₋    do₂/dt = −o₂/τ_y
 *   on a presynaptic spike:   w ← w − o₁·(A₂₋ + A₃₋·r₂),  then r₁, r₂ ← r + 1   (nearest: ← 1)
 *   on a postsynaptic spike:  w ← w + r₁·(A₂₊ + A₃₊·o₂),  then o₁, o₂ ← o + 1   (nearest: ← 1)
 *   after each update w ← clip(w, w_min, w_max)
 * </pre>
 *
 * <p>{@code r₂} and {@code o₂} enter with their values just before the spike that reads them
 * (the paper's {@code t − ε}). The triplet terms make potentiation grow with the postsynaptic
 * rate, which reproduces the frequency dependence of Sjöström et al. 2001: at low pairing
 * frequency the pair terms dominate and post-before-pre pairs depress, above about 20–40 Hz
 * every pairing potentiates.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>unit</th><th>meaning</th></tr>
 *   <tr><td>a2_plus, a3_plus</td><td>weight</td><td>pair and triplet potentiation amplitudes A₂₊, A₃₊</td></tr>
 *   <tr><td>a2_minus, a3_minus</td><td>weight</td><td>pair and triplet depression amplitudes A₂₋, A₃₋</td></tr>
 *   <tr><td>tau_plus, tau_x</td><td>ms</td><td>presynaptic trace time constants τ₊, τ_x</td></tr>
 *   <tr><td>tau_minus, tau_y</td><td>ms</td><td>postsynaptic trace time constants τ₋, τ_y</td></tr>
 *   <tr><td>w_min, w_max</td><td>weight</td><td>hard bounds</td></tr>
 * </table>
 *
 * <p>Discrete time as in {@link PairStdp}: decay once per step, then presynaptic, then
 * postsynaptic spikes of the step.
 *
 * <p>Reference: J.-P. Pfister &amp; W. Gerstner, Triplets of spikes in a model of spike
 * timing-dependent plasticity, J Neurosci 26:9673 (2006), Table 4 for the fitted parameters of
 * {@link #visualCortexAllToAll} and {@link #visualCortexNearest} (visual cortex data of
 * Sjöström, Turrigiano &amp; Nelson 2001, Neuron 32:1149; τ₊ = 16.8 ms and τ₋ = 33.7 ms from
 * Bi &amp; Poo 1998).
 */
public record TripletStdp(double a2Plus, double a3Plus, double a2Minus, double a3Minus, double tauPlusMs,
                          double tauXMs, double tauMinusMs, double tauYMs, WeightBounds bounds,
                          PairStdp.Pairing pairing) implements PlasticityRule {

    public TripletStdp {
        PairStdp.positiveFinite("a2_plus", a2Plus, true);
        PairStdp.positiveFinite("a3_plus", a3Plus, true);
        PairStdp.positiveFinite("a2_minus", a2Minus, true);
        PairStdp.positiveFinite("a3_minus", a3Minus, true);
        PairStdp.positiveFinite("tau_plus", tauPlusMs, false);
        PairStdp.positiveFinite("tau_x", tauXMs, false);
        PairStdp.positiveFinite("tau_minus", tauMinusMs, false);
        PairStdp.positiveFinite("tau_y", tauYMs, false);
        if (bounds == null) throw new IllegalArgumentException("triplet_stdp needs weight bounds");
        if (pairing == null) pairing = PairStdp.Pairing.ALL_TO_ALL;
        if (pairing == PairStdp.Pairing.RESTRICTED_NEAREST) {
            throw new IllegalArgumentException("pairing restricted_nearest is defined for pair stdp only; triplet_stdp takes all_to_all or nearest");
        }
    }

    /** Pfister &amp; Gerstner 2006, Table 4, visual cortex, all-to-all interaction (full model). */
    public static TripletStdp visualCortexAllToAll(WeightBounds bounds) {
        return new TripletStdp(5e-10, 6.2e-3, 7e-3, 2.3e-4, 16.8, 101.0, 33.7, 125.0, bounds, PairStdp.Pairing.ALL_TO_ALL);
    }

    /** Pfister &amp; Gerstner 2006, Table 4, visual cortex, nearest-spike interaction (full model). */
    public static TripletStdp visualCortexNearest(WeightBounds bounds) {
        return new TripletStdp(8.8e-11, 5.3e-2, 6.6e-3, 3.1e-3, 16.8, 714.0, 33.7, 40.0, bounds, PairStdp.Pairing.NEAREST);
    }

    @Override public String kind() { return "triplet_stdp"; }

    /**
     * Presynaptic spikes of one step: depression by {@code o1·(A₂₋ + A₃₋·r2)} on each outgoing
     * synapse of every spiking source, then the source's traces {@code r1, r2} are updated.
     */
    public static void onPreSpikes(int[] spiking, int n, int[] rowStart, int[] targets, float[] w, double[] r1,
                                   double[] r2, double[] o1, double a2Minus, double a3Minus, boolean nearest,
                                   double wMin, double wMax) {
        for (int k = 0; k < n; k++) {
            final int s = spiking[k];
            final double gain = a2Minus + a3Minus * r2[s];
            for (int j = rowStart[s], end = rowStart[s + 1]; j < end; j++) {
                final double nw = w[j] - o1[targets[j]] * gain;
                w[j] = (float) (nw < wMin ? wMin : (nw > wMax ? wMax : nw));
            }
            r1[s] = nearest ? 1.0 : r1[s] + 1.0;
            r2[s] = nearest ? 1.0 : r2[s] + 1.0;
        }
    }

    /**
     * Postsynaptic spikes of one step: potentiation by {@code r1·(A₂₊ + A₃₊·o2)} on each incoming
     * synapse (a {@link org.spikeforge.synapses.CscIndex} column) of every spiking target, then the
     * target's traces {@code o1, o2} are updated.
     */
    public static void onPostSpikes(int[] spiking, int n, int[] colStart, int[] colSynapse, int[] colSource,
                                    float[] w, double[] r1, double[] o1, double[] o2, double a2Plus, double a3Plus,
                                    boolean nearest, double wMin, double wMax) {
        for (int k = 0; k < n; k++) {
            final int t = spiking[k];
            final double gain = a2Plus + a3Plus * o2[t];
            for (int c = colStart[t], end = colStart[t + 1]; c < end; c++) {
                final int j = colSynapse[c];
                final double nw = w[j] + r1[colSource[c]] * gain;
                w[j] = (float) (nw < wMin ? wMin : (nw > wMax ? wMax : nw));
            }
            o1[t] = nearest ? 1.0 : o1[t] + 1.0;
            o2[t] = nearest ? 1.0 : o2[t] + 1.0;
        }
    }

    /** {@link #onPreSpikes} with this rule's parameters. */
    public void onPre(int[] spiking, int n, int[] rowStart, int[] targets, float[] w, double[] r1, double[] r2, double[] o1) {
        onPreSpikes(spiking, n, rowStart, targets, w, r1, r2, o1, a2Minus, a3Minus, pairing == PairStdp.Pairing.NEAREST,
                bounds.wMin(), bounds.wMax());
    }

    /** {@link #onPostSpikes} with this rule's parameters. */
    public void onPost(int[] spiking, int n, int[] colStart, int[] colSynapse, int[] colSource, float[] w,
                       double[] r1, double[] o1, double[] o2) {
        onPostSpikes(spiking, n, colStart, colSynapse, colSource, w, r1, o1, o2, a2Plus, a3Plus,
                pairing == PairStdp.Pairing.NEAREST, bounds.wMin(), bounds.wMax());
    }
}
