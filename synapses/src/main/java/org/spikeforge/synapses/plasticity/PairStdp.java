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
 * "symmetric nearest-spike" scheme of Morrison et al. 2008, Fig. 7B) uses only the latest one,
 * because the trace is reset to 1 instead of incremented. Restricted nearest-spike pairing
 * (Morrison et al. 2008, Fig. 7C; NEST's {@code stdp_nn_restr_synapse}; the rule of Masquelier et
 * al. 2008) pairs as nearest-spike, but a spike takes part in at most one potentiating and one
 * depressing pair: a postsynaptic spike potentiates a synapse only if its presynaptic neuron fired
 * since the previous postsynaptic spike, and a presynaptic spike depresses only if the postsynaptic
 * neuron fired since the previous presynaptic spike, so that potentiation and depression alternate.
 * It needs each neuron's last spike step ({@link #onPreSpikesRestricted}, {@link #onPostSpikesRestricted}).
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
        NEAREST,
        /**
         * As {@link #NEAREST}, and each spike joins at most one potentiating and one depressing pair
         * (Morrison et al. 2008, Fig. 7C; the "reduced nearest neighbour" rule of Masquelier et al. 2008).
         */
        RESTRICTED_NEAREST;

        /** Whether traces reset to 1 at a spike (both nearest-spike schemes). */
        public boolean resetsTraces() {
            return this != ALL_TO_ALL;
        }

        public static Pairing parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "all_to_all", "all-to-all", "all" -> ALL_TO_ALL;
                case "nearest", "nearest_spike", "nearest-spike" -> NEAREST;
                case "restricted_nearest", "restricted", "reduced_nearest", "nearest_restricted" -> RESTRICTED_NEAREST;
                default -> throw new IllegalArgumentException(
                        "unknown pairing '" + s + "', expected all_to_all, nearest or restricted_nearest");
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

    /**
     * Presynaptic spikes of step {@code step} under restricted nearest-spike pairing: the synapse from
     * each spiking source {@code s} to target {@code t} is depressed by {@code A₋·f₋(w)·post[t]} only if
     * {@code t} fired since {@code s} last did ({@code lastPost[t] >= lastPre[s]}: a postsynaptic spike
     * in the step of {@code s}'s previous spike came after it); then {@code pre[s] ← 1} and
     * {@code lastPre[s] ← step}. {@code post} holds nearest-spike traces; last steps start at
     * {@link Long#MIN_VALUE} (never fired).
     */
    public static void onPreSpikesRestricted(int[] spiking, int n, int[] rowStart, int[] targets, float[] w, double[] pre,
                                             double[] post, long[] lastPre, long[] lastPost, long step, double aMinus,
                                             boolean multiplicative, double wMin, double wMax) {
        for (int k = 0; k < n; k++) {
            final int s = spiking[k];
            final long previous = lastPre[s];
            for (int j = rowStart[s], end = rowStart[s + 1]; j < end; j++) {
                final int t = targets[j];
                if (lastPost[t] < previous || lastPost[t] == Long.MIN_VALUE) continue;
                final double wj = w[j];
                final double nw = wj - aMinus * post[t] * (multiplicative ? wj - wMin : 1.0);
                w[j] = (float) (nw < wMin ? wMin : (nw > wMax ? wMax : nw));
            }
            pre[s] = 1.0;
            lastPre[s] = step;
        }
    }

    /**
     * Postsynaptic spikes of step {@code step} under restricted nearest-spike pairing: the synapse
     * from source {@code s} to each spiking target {@code t} is potentiated by {@code A₊·f₊(w)·pre[s]}
     * only if {@code s} fired since {@code t} last did ({@code lastPre[s] > lastPost[t]}; a
     * presynaptic spike of this step counts, with Δt = 0); then {@code post[t] ← 1} and
     * {@code lastPost[t] ← step}.
     */
    public static void onPostSpikesRestricted(int[] spiking, int n, int[] colStart, int[] colSynapse, int[] colSource,
                                              float[] w, double[] pre, double[] post, long[] lastPre, long[] lastPost,
                                              long step, double aPlus, boolean multiplicative, double wMin, double wMax) {
        for (int k = 0; k < n; k++) {
            final int t = spiking[k];
            final long previous = lastPost[t];
            for (int c = colStart[t], end = colStart[t + 1]; c < end; c++) {
                final int s = colSource[c];
                if (lastPre[s] <= previous || lastPre[s] == Long.MIN_VALUE) continue;
                final int j = colSynapse[c];
                final double wj = w[j];
                final double nw = wj + aPlus * pre[s] * (multiplicative ? wMax - wj : 1.0);
                w[j] = (float) (nw < wMin ? wMin : (nw > wMax ? wMax : nw));
            }
            post[t] = 1.0;
            lastPost[t] = step;
        }
    }

    /** {@link #onPreSpikes} with this rule's parameters (all-to-all or nearest pairing). */
    public void onPre(int[] spiking, int n, int[] rowStart, int[] targets, float[] w, double[] pre, double[] post) {
        requireUnrestricted();
        onPreSpikes(spiking, n, rowStart, targets, w, pre, post, aMinus, dependence == WeightDependence.MULTIPLICATIVE,
                pairing == Pairing.NEAREST, bounds.wMin(), bounds.wMax());
    }

    /** {@link #onPostSpikes} with this rule's parameters (all-to-all or nearest pairing). */
    public void onPost(int[] spiking, int n, int[] colStart, int[] colSynapse, int[] colSource, float[] w,
                       double[] pre, double[] post) {
        requireUnrestricted();
        onPostSpikes(spiking, n, colStart, colSynapse, colSource, w, pre, post, aPlus,
                dependence == WeightDependence.MULTIPLICATIVE, pairing == Pairing.NEAREST, bounds.wMin(), bounds.wMax());
    }

    /**
     * Presynaptic spikes of step {@code step} with this rule's parameters, for any pairing; the
     * last-spike arrays are read and written only under restricted pairing.
     */
    public void onPre(int[] spiking, int n, int[] rowStart, int[] targets, float[] w, double[] pre, double[] post,
                      long[] lastPre, long[] lastPost, long step) {
        if (pairing != Pairing.RESTRICTED_NEAREST) {
            onPre(spiking, n, rowStart, targets, w, pre, post);
            return;
        }
        onPreSpikesRestricted(spiking, n, rowStart, targets, w, pre, post, lastPre, lastPost, step, aMinus,
                dependence == WeightDependence.MULTIPLICATIVE, bounds.wMin(), bounds.wMax());
    }

    /** Postsynaptic spikes of step {@code step} with this rule's parameters, for any pairing. */
    public void onPost(int[] spiking, int n, int[] colStart, int[] colSynapse, int[] colSource, float[] w,
                       double[] pre, double[] post, long[] lastPre, long[] lastPost, long step) {
        if (pairing != Pairing.RESTRICTED_NEAREST) {
            onPost(spiking, n, colStart, colSynapse, colSource, w, pre, post);
            return;
        }
        onPostSpikesRestricted(spiking, n, colStart, colSynapse, colSource, w, pre, post, lastPre, lastPost, step, aPlus,
                dependence == WeightDependence.MULTIPLICATIVE, bounds.wMin(), bounds.wMax());
    }

    private void requireUnrestricted() {
        if (pairing == Pairing.RESTRICTED_NEAREST) {
            throw new IllegalStateException("restricted nearest-spike pairing needs the last spike steps: use the onPre/onPost overloads that take them");
        }
    }
}
