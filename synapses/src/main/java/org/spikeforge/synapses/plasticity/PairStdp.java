package org.spikeforge.synapses.plasticity;

import java.util.Locale;

/**
 * Pair-based spike-timing-dependent plasticity ({@code stdp}), computed online with one trace per
 * presynaptic neuron ({@code x}) and one per postsynaptic neuron ({@code y}).
 *
 * <pre>
 *   dx/dt = −x/τ₊      on a presynaptic spike:   w ← w − A₋·f₋(w)·y,  then x ← x + 1  (nearest: x ← 1)
 *   dy/dt = −y/τ₋      on a postsynaptic spike:  w ← w + A₊·f₊(w)·x,  then y ← y + 1  (nearest: y ← 1)
 *   after each update w ← clip(w, w_min, w_max)
 *
 *   additive:        f₊ = f₋ = 1                                   (Song, Miller &amp; Abbott 2000)
 *   multiplicative:  f₊ = w_max − w,  f₋ = w − w_min               (soft bounds; van Rossum et al. 2000,
 *                                                                    Gütig et al. 2003 with μ = 1)
 * </pre>
 *
 * <p>For one pair with {@code Δt = t_post − t_pre} the additive rule gives the window
 * {@code Δw = A₊·e^{−Δt/τ₊}} for {@code Δt ≥ 0} and {@code Δw = −A₋·e^{Δt/τ₋}} for {@code Δt < 0}.
 * All-to-all pairing sums over every earlier spike of the partner; nearest-spike pairing (the
 * "symmetric nearest-spike" scheme of Morrison et al. 2008, Fig. 7) uses only the latest one,
 * because the trace is reset to 1 instead of incremented.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>unit</th><th>meaning</th></tr>
 *   <tr><td>a_plus</td><td>weight</td><td>potentiation amplitude A₊ (additive: absolute; multiplicative: fraction of w_max − w)</td></tr>
 *   <tr><td>a_minus</td><td>weight</td><td>depression amplitude A₋ (additive: absolute; multiplicative: fraction of w − w_min)</td></tr>
 *   <tr><td>tau_plus</td><td>ms</td><td>presynaptic trace time constant τ₊</td></tr>
 *   <tr><td>tau_minus</td><td>ms</td><td>postsynaptic trace time constant τ₋</td></tr>
 *   <tr><td>w_min, w_max</td><td>weight</td><td>hard bounds</td></tr>
 * </table>
 *
 * <p>Discrete time: a backend multiplies every trace by {@code e^{−dt/τ}} once at the start of
 * each step's learning phase ({@link #decay}), then handles the step's presynaptic spikes
 * ({@link #onPreSpikes}), then its postsynaptic spikes ({@link #onPostSpikes}). A trace set in
 * step {@code s} therefore reads exactly {@code e^{−(s'−s)·dt/τ}} in step {@code s'}, and a pre
 * and a post spike in the same step count as a causal pair with {@code Δt = 0} (Brian2's order).
 *
 * <p>References: Bi &amp; Poo 1998; Song, Miller &amp; Abbott 2000, Nat Neurosci 3:919; van Rossum,
 * Bi &amp; Turrigiano 2000, J Neurosci 20:8812; Morrison, Diesmann &amp; Gerstner 2008, Biol Cybern 98:459.
 */
public record PairStdp(double aPlus, double aMinus, double tauPlusMs, double tauMinusMs, WeightBounds bounds,
                       WeightDependence dependence, Pairing pairing) implements PlasticityRule {

    /** How the size of an update depends on the current weight. */
    public enum WeightDependence {
        /** Updates independent of w, hard bounds. */
        ADDITIVE,
        /** Updates proportional to the distance to the bound they move towards. */
        MULTIPLICATIVE;

        public static WeightDependence parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "additive", "add" -> ADDITIVE;
                case "multiplicative", "mult", "soft_bounds" -> MULTIPLICATIVE;
                default -> throw new IllegalArgumentException(
                        "unknown weight dependence '" + s + "', expected additive or multiplicative");
            };
        }
    }

    /** Which spike pairs interact. */
    public enum Pairing {
        /** Every earlier spike of the partner contributes (traces accumulate). */
        ALL_TO_ALL,
        /** Only the latest spike of the partner contributes (traces reset to 1). */
        NEAREST;

        public static Pairing parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "all_to_all", "all-to-all", "all" -> ALL_TO_ALL;
                case "nearest", "nearest_spike", "nearest-spike" -> NEAREST;
                default -> throw new IllegalArgumentException(
                        "unknown pairing '" + s + "', expected all_to_all or nearest");
            };
        }
    }

    public PairStdp {
        positiveFinite("a_plus", aPlus, true);
        positiveFinite("a_minus", aMinus, true);
        positiveFinite("tau_plus", tauPlusMs, false);
        positiveFinite("tau_minus", tauMinusMs, false);
        if (bounds == null) throw new IllegalArgumentException("stdp needs weight bounds");
        if (dependence == null) dependence = WeightDependence.ADDITIVE;
        if (pairing == null) pairing = Pairing.ALL_TO_ALL;
        if (dependence == WeightDependence.MULTIPLICATIVE) bounds.requireFinite("multiplicative stdp");
    }

    static void positiveFinite(String field, double v, boolean zeroAllowed) {
        if (!Double.isFinite(v) || v < 0 || (!zeroAllowed && v == 0)) {
            throw new IllegalArgumentException(field + " must be a " + (zeroAllowed ? "non-negative" : "positive")
                    + " finite number, was " + v);
        }
    }

    @Override public String kind() { return "stdp"; }

    /** The additive window: the weight change of one isolated pair with {@code Δt = t_post − t_pre} in ms. */
    public double window(double deltaTMs) {
        return deltaTMs >= 0 ? aPlus * Math.exp(-deltaTMs / tauPlusMs) : -aMinus * Math.exp(deltaTMs / tauMinusMs);
    }

    /** Multiplies every entry of {@code trace} by {@code factor} ({@code e^{−dt/τ}}). */
    public static void decay(double[] trace, double factor) {
        for (int i = 0; i < trace.length; i++) trace[i] *= factor;
    }

    /**
     * Presynaptic spikes of one step: for each spiking source {@code s = spiking[0..n)}, depresses
     * its outgoing synapses by the postsynaptic trace, then updates {@code pre[s]}.
     *
     * @param rowStart CSR row pointers; {@code targets} CSR targets; {@code w} CSR weights
     */
    public static void onPreSpikes(int[] spiking, int n, int[] rowStart, int[] targets, float[] w, double[] pre,
                                   double[] post, double aMinus, boolean multiplicative, boolean nearest,
                                   double wMin, double wMax) {
        for (int k = 0; k < n; k++) {
            final int s = spiking[k];
            for (int j = rowStart[s], end = rowStart[s + 1]; j < end; j++) {
                final double wj = w[j];
                final double dw = aMinus * post[targets[j]] * (multiplicative ? wj - wMin : 1.0);
                final double nw = wj - dw;
                w[j] = (float) (nw < wMin ? wMin : (nw > wMax ? wMax : nw));
            }
            pre[s] = nearest ? 1.0 : pre[s] + 1.0;
        }
    }

    /**
     * Postsynaptic spikes of one step: for each spiking target {@code t = spiking[0..n)},
     * potentiates its incoming synapses (the column {@code colStart[t] … colStart[t+1]} of a
     * {@link org.spikeforge.synapses.CscIndex}) by the presynaptic trace, then updates {@code post[t]}.
     */
    public static void onPostSpikes(int[] spiking, int n, int[] colStart, int[] colSynapse, int[] colSource,
                                    float[] w, double[] pre, double[] post, double aPlus, boolean multiplicative,
                                    boolean nearest, double wMin, double wMax) {
        for (int k = 0; k < n; k++) {
            final int t = spiking[k];
            for (int c = colStart[t], end = colStart[t + 1]; c < end; c++) {
                final int j = colSynapse[c];
                final double wj = w[j];
                final double dw = aPlus * pre[colSource[c]] * (multiplicative ? wMax - wj : 1.0);
                final double nw = wj + dw;
                w[j] = (float) (nw < wMin ? wMin : (nw > wMax ? wMax : nw));
            }
            post[t] = nearest ? 1.0 : post[t] + 1.0;
        }
    }

    /** {@link #onPreSpikes} with this rule's parameters. */
    public void onPre(int[] spiking, int n, int[] rowStart, int[] targets, float[] w, double[] pre, double[] post) {
        onPreSpikes(spiking, n, rowStart, targets, w, pre, post, aMinus, dependence == WeightDependence.MULTIPLICATIVE,
                pairing == Pairing.NEAREST, bounds.wMin(), bounds.wMax());
    }

    /** {@link #onPostSpikes} with this rule's parameters. */
    public void onPost(int[] spiking, int n, int[] colStart, int[] colSynapse, int[] colSource, float[] w,
                       double[] pre, double[] post) {
        onPostSpikes(spiking, n, colStart, colSynapse, colSource, w, pre, post, aPlus,
                dependence == WeightDependence.MULTIPLICATIVE, pairing == Pairing.NEAREST, bounds.wMin(), bounds.wMax());
    }
}
