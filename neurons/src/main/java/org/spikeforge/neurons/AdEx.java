package org.spikeforge.neurons;

import java.util.List;

/**
 * Adaptive exponential integrate-and-fire neuron ({@code adex}) of Brette &amp; Gerstner 2005,
 * with exponential synaptic currents (NEST's {@code aeif_psc_exp}).
 *
 * <pre>
 *   C_m dv/dt = −g_L(v − E_L) + g_L·Δ_T·exp((min(v, v_peak) − V_T)/Δ_T) − w + i_e + i_i + I_ext
 *   τ_w dw/dt = a·(v − E_L) − w
 *   τ_e di_e/dt = −i_e      on input w_syn to "exc": i_e ← i_e + w_syn  (pA)
 *   τ_i di_i/dt = −i_i      on input w_syn to "inh": i_i ← i_i + w_syn  (pA, usually &lt; 0)
 *   if v &gt; v_peak: spike, v ← v_reset, w ← w + b, membrane clamped for t_ref
 * </pre>
 *
 * <table>
 *   <caption>Parameters (defaults: Brette &amp; Gerstner 2005, Table 1, except v_peak)</caption>
 *   <tr><th>name</th><th>unit</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>c_m</td><td>pF</td><td>281</td><td>membrane capacitance</td></tr>
 *   <tr><td>g_l</td><td>nS</td><td>30</td><td>leak conductance</td></tr>
 *   <tr><td>e_l</td><td>mV</td><td>−70.6</td><td>leak reversal potential</td></tr>
 *   <tr><td>v_t</td><td>mV</td><td>−50.4</td><td>threshold slope factor's centre (rheobase threshold)</td></tr>
 *   <tr><td>delta_t</td><td>mV</td><td>2</td><td>slope factor (sharpness of the spike initiation)</td></tr>
 *   <tr><td>tau_w</td><td>ms</td><td>144</td><td>adaptation time constant</td></tr>
 *   <tr><td>a</td><td>nS</td><td>4</td><td>subthreshold adaptation</td></tr>
 *   <tr><td>b</td><td>pA</td><td>80.5</td><td>spike-triggered adaptation increment</td></tr>
 *   <tr><td>v_reset</td><td>mV</td><td>−70.6</td><td>reset potential</td></tr>
 *   <tr><td>v_peak</td><td>mV</td><td>0</td><td>spike detection (NEST's default; the paper integrates to +20 mV)</td></tr>
 *   <tr><td>tau_syn_e</td><td>ms</td><td>2</td><td>excitatory synaptic time constant</td></tr>
 *   <tr><td>tau_syn_i</td><td>ms</td><td>2</td><td>inhibitory synaptic time constant</td></tr>
 *   <tr><td>t_ref</td><td>ms</td><td>0</td><td>refractory period</td></tr>
 * </table>
 *
 * <p>Integration: forward Euler (no Runge–Kutta) on {@code n = ceil(dt / 25 µs)} equal sub-steps
 * {@code h = dt/n} per step, the synaptic currents decaying exactly between sub-steps; the
 * sub-step loop ends at the first sub-step in which {@code v > v_peak} (the rest of that step is
 * not integrated), and the spike is reported in that step. The exponential cut-off (v inside the exponential capped at {@code v_peak}, as
 * in NEST) keeps the upstroke finite, so the scheme never overflows. While the membrane is
 * clamped at {@code v_reset}, {@code w} relaxes exactly towards {@code a·(v_reset − E_L)}.
 * State variables: {@code v} (mV), {@code i_e}, {@code i_i}, {@code w} (pA).
 *
 * <p>References: R. Brette &amp; W. Gerstner, Adaptive exponential integrate-and-fire model as an
 * effective description of neuronal activity, J Neurophysiol 94:3637 (2005); Naud et al. 2008,
 * Biol Cybern 99:335 (firing patterns).
 */
public record AdEx(double cM, double gL, double eL, double vT, double deltaT, double tauW, double a, double b,
                   double vReset, double vPeak, double tauSynE, double tauSynI, double tRef) implements NeuronModel {

    /** Largest Euler sub-step, in ms. */
    public static final double MAX_SUBSTEP_MS = 0.025;

    public static final List<ParameterSpec> PARAMETERS = List.of(
            new ParameterSpec("c_m", Dimension.CAPACITANCE, 281.0, "membrane capacitance"),
            new ParameterSpec("g_l", Dimension.CONDUCTANCE, 30.0, "leak conductance"),
            new ParameterSpec("e_l", Dimension.VOLTAGE, -70.6, "leak reversal potential"),
            new ParameterSpec("v_t", Dimension.VOLTAGE, -50.4, "rheobase threshold"),
            new ParameterSpec("delta_t", Dimension.VOLTAGE, 2.0, "slope factor"),
            new ParameterSpec("tau_w", Dimension.TIME, 144.0, "adaptation time constant"),
            new ParameterSpec("a", Dimension.CONDUCTANCE, 4.0, "subthreshold adaptation"),
            new ParameterSpec("b", Dimension.CURRENT, 80.5, "spike-triggered adaptation increment"),
            new ParameterSpec("v_reset", Dimension.VOLTAGE, -70.6, "reset potential"),
            new ParameterSpec("v_peak", Dimension.VOLTAGE, 0.0, "spike detection potential (v > v_peak)"),
            new ParameterSpec("tau_syn_e", Dimension.TIME, 2.0, "excitatory synaptic time constant"),
            new ParameterSpec("tau_syn_i", Dimension.TIME, 2.0, "inhibitory synaptic time constant"),
            new ParameterSpec("t_ref", Dimension.TIME, 0.0, "refractory period"));

    public AdEx {
        Checks.positive("c_m", cM, "pF");
        Checks.positive("g_l", gL, "nS");
        Checks.finite("e_l", eL);
        Checks.finite("v_t", vT);
        Checks.positive("delta_t", deltaT, "mV");
        Checks.positive("tau_w", tauW, "ms");
        Checks.finite("a", a);
        Checks.finite("b", b);
        Checks.finite("v_reset", vReset);
        Checks.finite("v_peak", vPeak);
        Checks.positive("tau_syn_e", tauSynE, "ms");
        Checks.positive("tau_syn_i", tauSynI, "ms");
        Checks.nonNegative("t_ref", tRef, "ms");
        if (!(vPeak > vT)) {
            throw new IllegalArgumentException("v_peak (" + vPeak + " mV) must lie above v_t (" + vT + " mV)");
        }
        if (!(vReset < vPeak)) {
            throw new IllegalArgumentException("v_reset (" + vReset + " mV) must lie below v_peak (" + vPeak + " mV)");
        }
    }

    /** The model with Brette &amp; Gerstner's Table 1 parameters (the defaults). */
    public static AdEx bretteGerstner2005() {
        return new AdEx(281.0, 30.0, -70.6, -50.4, 2.0, 144.0, 4.0, 80.5, -70.6, 0.0, 2.0, 2.0, 0.0);
    }

    @Override public String kind() { return "adex"; }
    @Override public List<String> stateVariables() { return List.of("v", "i_e", "i_i", "w"); }
    @Override public List<Dimension> stateDimensions() {
        return List.of(Dimension.VOLTAGE, Dimension.CURRENT, Dimension.CURRENT, Dimension.CURRENT);
    }
    @Override public List<String> receptors() { return List.of("exc", "inh"); }
    @Override public Dimension receptorDimension(int receptor) { return Dimension.CURRENT; }
    @Override public double[] restingState() { return new double[] {eL, 0.0, 0.0, 0.0}; }
    @Override public double refractoryMs() { return tRef; }

    /** Number of Euler sub-steps per step of {@code dtMs}. */
    public static int substeps(double dtMs) {
        return Math.max(1, (int) Math.ceil(dtMs / MAX_SUBSTEP_MS - 1e-9));
    }

    @Override
    public NeuronKernel kernel(double dtMs) {
        Checks.positive("dt", dtMs, "ms");
        final int n = substeps(dtMs);
        final double h = dtMs / n;
        final double hOverC = h / cM, hOverTauW = h / tauW;
        final double subE = Propagators.decay(h, tauSynE), subI = Propagators.decay(h, tauSynI);
        final double stepE = Propagators.decay(dtMs, tauSynE), stepI = Propagators.decay(dtMs, tauSynI);
        final double pw = Propagators.decay(dtMs, tauW);
        final double gL = this.gL, eL = this.eL, vT = this.vT, deltaT = this.deltaT, gLDeltaT = gL * deltaT;
        final double a = this.a, b = this.b, vReset = this.vReset, vPeak = this.vPeak;
        final double wClamped = a * (vReset - eL);
        final int refSteps = refractorySteps(dtMs);
        return (s, slot, from, to, spikes, count) -> {
            final double[] v = s.vars[0], ie = s.vars[1], ii = s.vars[2], w = s.vars[3];
            final double[] inE = s.ring[0], inI = s.ring[1];
            final double[] iExt = s.iExt;
            final int[] ref = s.refractory;
            for (int i = from; i < to; i++) {
                double e = ie[i] + inE[slot + i];
                double g = ii[i] + inI[slot + i];
                inE[slot + i] = 0.0;
                inI[slot + i] = 0.0;
                ie[i] = e * stepE;
                ii[i] = g * stepI;
                if (ref[i] > 0 && --ref[i] > 0) {
                    w[i] = wClamped + (w[i] - wClamped) * pw;
                    continue;
                }
                final double iE = iExt[i];
                double vi = v[i], wi = w[i];
                boolean spiked = false;
                for (int k = 0; k < n; k++) {
                    final double ve = Math.min(vi, vPeak);
                    final double dv = hOverC * (-gL * (vi - eL) + gLDeltaT * Math.exp((ve - vT) / deltaT) - wi + e + g + iE);
                    final double dw = hOverTauW * (a * (vi - eL) - wi);
                    vi += dv;
                    wi += dw;
                    e *= subE;
                    g *= subI;
                    if (vi > vPeak) {
                        spiked = true;
                        break;
                    }
                }
                if (spiked) {
                    vi = vReset;
                    wi += b;
                    ref[i] = refSteps;
                    spikes[count++] = i;
                }
                v[i] = vi;
                w[i] = wi;
            }
            return count;
        };
    }
}
