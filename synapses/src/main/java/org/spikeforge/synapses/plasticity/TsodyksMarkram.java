package org.spikeforge.synapses.plasticity;

/**
 * Tsodyks–Markram short-term depression and facilitation ({@code tsodyks_markram}). Each
 * presynaptic neuron keeps the fraction of available resources {@code x} and the utilisation
 * {@code u}; the n-th spike transmits {@code w·u_n·x_n}, where {@code w} is the stored weight
 * (the absolute efficacy A of the paper). The stored weights do not change.
 *
 * <pre>
 *   between spikes:  x relaxes to 1 with τ_rec,   u relaxes to U with τ_facil
 *   at spike n, Δ after spike n−1:
 *     u_n = U + u_{n−1}·(1 − U)·e^{−Δ/τ_facil}                 (u_1 = U)
 *     x_n = 1 + (x_{n−1} − u_{n−1}·x_{n−1} − 1)·e^{−Δ/τ_rec}   (x_1 = 1)
 *     transmitted: w·u_n·x_n
 * </pre>
 *
 * <p>For a regular train of period T the efficacy converges to {@code w·u*·x*} with
 * {@code u* = U / (1 − (1 − U)·e^{−T/τ_facil})} and
 * {@code x* = (1 − e^{−T/τ_rec}) / (1 − (1 − u*)·e^{−T/τ_rec})}; with {@code τ_facil = 0} (pure
 * depression) {@code u* = U}.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>unit</th><th>meaning</th></tr>
 *   <tr><td>u</td><td>1</td><td>utilisation increment U, in (0, 1]</td></tr>
 *   <tr><td>tau_rec</td><td>ms</td><td>recovery time constant of x (depression)</td></tr>
 *   <tr><td>tau_facil</td><td>ms</td><td>relaxation time constant of u (facilitation); 0 for none</td></tr>
 * </table>
 *
 * <p>The recursion is exact in continuous time (the state changes only at spikes), so it holds for
 * any time step; a backend calls {@link #onSpike} once per spiking presynaptic neuron and scales
 * that neuron's outgoing weights by the result. This is NEST's {@code tsodyks2_synapse}.
 *
 * <p>References: Tsodyks &amp; Markram 1997, PNAS 94:719; Tsodyks, Pawelzik &amp; Markram 1998,
 * Neural Comput 10:821; Maass &amp; Markram 2002, J Comput Syst Sci 69:593.
 */
public record TsodyksMarkram(double u, double tauRecMs, double tauFacilMs) implements PlasticityRule {

    public TsodyksMarkram {
        if (!(u > 0 && u <= 1)) throw new IllegalArgumentException("u (utilisation U) must be in (0, 1], was " + u);
        PairStdp.positiveFinite("tau_rec", tauRecMs, false);
        PairStdp.positiveFinite("tau_facil", tauFacilMs, true);
    }

    @Override public String kind() { return "tsodyks_markram"; }

    /** Steady-state utilisation {@code u*} of a regular train with period {@code periodMs}. */
    public double steadyStateU(double periodMs) {
        double f = tauFacilMs == 0 ? 0.0 : Math.exp(-periodMs / tauFacilMs);
        return u / (1 - (1 - u) * f);
    }

    /** Steady-state resources {@code x*} of a regular train with period {@code periodMs}. */
    public double steadyStateX(double periodMs) {
        double d = Math.exp(-periodMs / tauRecMs);
        return (1 - d) / (1 - (1 - steadyStateU(periodMs)) * d);
    }

    /** Fresh state: no spike yet ({@code last = −1}), {@code x = 1}, {@code u = 0}. */
    public static void reset(double[] uState, double[] xState, long[] lastStep) {
        java.util.Arrays.fill(uState, 0.0);
        java.util.Arrays.fill(xState, 1.0);
        java.util.Arrays.fill(lastStep, -1L);
    }

    /**
     * Advances presynaptic neuron {@code i} to a spike in step {@code step} and returns the factor
     * {@code u_n·x_n} by which its outgoing weights are scaled.
     */
    public static double onSpike(int i, long step, double dtMs, double bigU, double tauRecMs, double tauFacilMs,
                                 double[] uState, double[] xState, long[] lastStep) {
        final long last = lastStep[i];
        double un, xn;
        if (last < 0) {
            un = bigU;
            xn = 1.0;
        } else {
            final double delta = (step - last) * dtMs;
            final double fDecay = tauFacilMs == 0 ? 0.0 : Math.exp(-delta / tauFacilMs);
            final double rDecay = Math.exp(-delta / tauRecMs);
            final double u0 = uState[i], x0 = xState[i];
            un = bigU + u0 * (1 - bigU) * fDecay;
            xn = 1 + (x0 - u0 * x0 - 1) * rDecay;
        }
        uState[i] = un;
        xState[i] = xn;
        lastStep[i] = step;
        return un * xn;
    }

    /** {@link #onSpike} with this rule's parameters. */
    public double spike(int i, long step, double dtMs, double[] uState, double[] xState, long[] lastStep) {
        return onSpike(i, step, dtMs, u, tauRecMs, tauFacilMs, uState, xState, lastStep);
    }
}
