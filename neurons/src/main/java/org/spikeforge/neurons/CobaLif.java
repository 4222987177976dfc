package org.spikeforge.neurons;

import java.util.List;

/**
 * Conductance-based LIF neuron with exponential conductances ({@code coba_lif}); NEST's
 * {@code iaf_cond_exp}, the neuron of the Brette et al. 2007 COBA benchmark.
 *
 * <pre>
 *   C_m dv/dt = −g_L(v − E_L) − g_e(v − E_e) − g_i(v − E_i) + I_ext
 *   τ_e dg_e/dt = −g_e        on input w to "exc": g_e ← g_e + w  (nS)
 *   τ_i dg_i/dt = −g_i        on input w to "inh": g_i ← g_i + w  (nS)
 *   if v &gt; v_th: spike, reset, membrane clamped for t_ref (conductances keep decaying)
 * </pre>
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>unit</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>c_m</td><td>pF</td><td>200</td><td>membrane capacitance</td></tr>
 *   <tr><td>g_l</td><td>nS</td><td>10</td><td>leak conductance</td></tr>
 *   <tr><td>e_l</td><td>mV</td><td>−60</td><td>leak reversal potential</td></tr>
 *   <tr><td>e_e</td><td>mV</td><td>0</td><td>excitatory reversal potential</td></tr>
 *   <tr><td>e_i</td><td>mV</td><td>−80</td><td>inhibitory reversal potential</td></tr>
 *   <tr><td>tau_syn_e</td><td>ms</td><td>5</td><td>excitatory conductance time constant</td></tr>
 *   <tr><td>tau_syn_i</td><td>ms</td><td>10</td><td>inhibitory conductance time constant</td></tr>
 *   <tr><td>v_reset</td><td>mV</td><td>−60</td><td>reset potential</td></tr>
 *   <tr><td>v_th</td><td>mV</td><td>−50</td><td>threshold</td></tr>
 *   <tr><td>t_ref</td><td>ms</td><td>5</td><td>refractory period</td></tr>
 * </table>
 *
 * <p>Integration: the conductances decay exactly. The membrane equation is linear in v for fixed
 * conductances, so over one step, with the conductances held at their start-of-step values, it is
 * solved exactly: {@code v ← v∞ + (v − v∞)·e^{−dt·g_tot/C_m}}, where {@code g_tot = g_L + g_e + g_i}
 * and {@code v∞ = (g_L E_L + g_e E_e + g_i E_i + I_ext)/g_tot} (the exponential-Euler scheme of
 * Brian2 and GeNN). It is unconditionally stable, unlike forward Euler, and first-order accurate
 * in the conductance change over a step.
 *
 * <p>{@link Method#EULER} (scenario key {@code method: euler}) integrates the membrane by forward Euler
 * instead, {@code v ← v + (dt/C_m)·(g_L E_L + g_e E_e + g_i E_i + I_ext − g_tot·v)}, as Brian2's
 * {@code method='euler'} (its COBA example's) does, for models ported from Brian2 and for a
 * comparison with it at equal cost: no {@code exp} and no division per neuron. It is first-order
 * accurate too, and stable while {@code dt·g_tot/C_m < 2} (0.005 at rest in the COBA benchmark, where
 * {@code g_tot = g_L}). The conductances decay exactly in both methods (the same multiply).
 *
 * <p>References: Brette et al. 2007, J Comput Neurosci 23:349 (benchmark 1); Vogels &amp; Abbott 2005.
 */
public record CobaLif(double cM, double gL, double eL, double eE, double eI, double tauSynE, double tauSynI,
                      double vReset, double vTh, double tRef, ResetMode reset, Method method) implements NeuronModel {

    /** How the membrane equation is integrated over a step (see the class comment). */
    public enum Method {
        /** {@code v ← v∞ + (v − v∞)·e^{−dt·g_tot/C_m}} with the conductances held over the step (the default). */
        EXPONENTIAL_EULER,
        /** {@code v ← v + (dt/C_m)·(g_L E_L + g_e E_e + g_i E_i + I_ext − g_tot·v)}. */
        EULER;

        /** The scenario name: {@code exponential_euler} or {@code euler}. */
        public String scenarioName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static final List<ParameterSpec> PARAMETERS = List.of(
            new ParameterSpec("c_m", Dimension.CAPACITANCE, 200.0, "membrane capacitance"),
            new ParameterSpec("g_l", Dimension.CONDUCTANCE, 10.0, "leak conductance"),
            new ParameterSpec("e_l", Dimension.VOLTAGE, -60.0, "leak reversal potential"),
            new ParameterSpec("e_e", Dimension.VOLTAGE, 0.0, "excitatory reversal potential"),
            new ParameterSpec("e_i", Dimension.VOLTAGE, -80.0, "inhibitory reversal potential"),
            new ParameterSpec("tau_syn_e", Dimension.TIME, 5.0, "excitatory conductance time constant"),
            new ParameterSpec("tau_syn_i", Dimension.TIME, 10.0, "inhibitory conductance time constant"),
            new ParameterSpec("v_reset", Dimension.VOLTAGE, -60.0, "reset potential"),
            new ParameterSpec("v_th", Dimension.VOLTAGE, -50.0, "spike threshold (v > v_th)"),
            new ParameterSpec("t_ref", Dimension.TIME, 5.0, "refractory period"));

    public CobaLif {
        Checks.positive("c_m", cM, "pF");
        Checks.positive("g_l", gL, "nS");
        Checks.finite("e_l", eL);
        Checks.finite("e_e", eE);
        Checks.finite("e_i", eI);
        Checks.positive("tau_syn_e", tauSynE, "ms");
        Checks.positive("tau_syn_i", tauSynI, "ms");
        Checks.finite("v_reset", vReset);
        Checks.finite("v_th", vTh);
        Checks.nonNegative("t_ref", tRef, "ms");
        if (reset == null) reset = ResetMode.TO_VALUE;
        if (method == null) method = Method.EXPONENTIAL_EULER;
    }

    /** With exponential Euler, the default method. */
    public CobaLif(double cM, double gL, double eL, double eE, double eI, double tauSynE, double tauSynI,
                   double vReset, double vTh, double tRef, ResetMode reset) {
        this(cM, gL, eL, eE, eI, tauSynE, tauSynI, vReset, vTh, tRef, reset, Method.EXPONENTIAL_EULER);
    }

    @Override
    public List<String> methods() {
        return java.util.Arrays.stream(Method.values()).map(Method::scenarioName).toList();
    }

    @Override
    public CobaLif withMethod(String name) {
        for (Method m : Method.values()) {
            if (m.scenarioName().equals(name)) return new CobaLif(cM, gL, eL, eE, eI, tauSynE, tauSynI, vReset, vTh, tRef, reset, m);
        }
        throw new IllegalArgumentException("method must be one of " + String.join(", ", methods()) + ", was " + name);
    }

    @Override public String kind() { return "coba_lif"; }
    @Override public List<String> stateVariables() { return List.of("v", "g_e", "g_i"); }
    @Override public List<Dimension> stateDimensions() {
        return List.of(Dimension.VOLTAGE, Dimension.CONDUCTANCE, Dimension.CONDUCTANCE);
    }
    @Override public List<String> receptors() { return List.of("exc", "inh"); }
    @Override public Dimension receptorDimension(int receptor) { return Dimension.CONDUCTANCE; }
    @Override public double[] restingState() { return new double[] {eL, 0.0, 0.0}; }
    @Override public double refractoryMs() { return tRef; }

    @Override
    public NeuronKernel kernel(double dtMs) {
        final double pe = Propagators.decay(dtMs, tauSynE);
        final double pi = Propagators.decay(dtMs, tauSynI);
        final double gL = this.gL, gLeL = gL * eL, eE = this.eE, eI = this.eI;
        final double dtOverC = dtMs / cM;
        final double vTh = this.vTh, vReset = this.vReset, jump = vTh - vReset;
        final boolean subtract = reset == ResetMode.SUBTRACT;
        final int refSteps = refractorySteps(dtMs);
        final boolean euler = method == Method.EULER;
        return (s, slot, from, to, spikes, count) -> {
            final double[] v = s.vars[0], ge = s.vars[1], gi = s.vars[2];
            final double[] inE = s.ring[0], inI = s.ring[1];
            final double[] iExt = s.iExt;
            final int[] ref = s.refractory;
            for (int i = from; i < to; i++) {
                final double e = ge[i] + inE[slot + i];
                final double h = gi[i] + inI[slot + i];
                inE[slot + i] = 0.0;
                inI[slot + i] = 0.0;
                ge[i] = e * pe;
                gi[i] = h * pi;
                if (ref[i] > 0 && --ref[i] > 0) continue;
                final double gTot = gL + e + h;
                double vi;
                if (euler) {
                    vi = v[i] + dtOverC * (gLeL + e * eE + h * eI + iExt[i] - gTot * v[i]);
                } else {
                    final double vInf = (gLeL + e * eE + h * eI + iExt[i]) / gTot;
                    vi = vInf + (v[i] - vInf) * Math.exp(-dtOverC * gTot);
                }
                if (vi > vTh) {
                    vi = subtract ? vi - jump : vReset;
                    ref[i] = refSteps;
                    spikes[count++] = i;
                }
                v[i] = vi;
            }
            return count;
        };
    }
}
