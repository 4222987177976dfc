package org.spikeforge.neurons;

import java.util.List;

/**
 * Current-based LIF neuron with exponential synaptic currents ({@code cuba_lif}); NEST's
 * {@code iaf_psc_exp} and NIR's {@code CubaLIF}.
 *
 * <pre>
 *   τ_m   dv/dt   = −(v − v_rest) + R·(i_e + i_i + I_ext)
 *   τ_e   di_e/dt = −i_e          on input w to receptor "exc": i_e ← i_e + w  (pA)
 *   τ_i   di_i/dt = −i_i          on input w to receptor "inh": i_i ← i_i + w  (pA, w usually &lt; 0)
 *   if v &gt; v_th: spike, reset, membrane clamped for t_ref (currents keep decaying)
 * </pre>
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>unit</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>tau_m</td><td>ms</td><td>10</td><td>membrane time constant</td></tr>
 *   <tr><td>tau_syn_e</td><td>ms</td><td>2</td><td>excitatory synaptic time constant</td></tr>
 *   <tr><td>tau_syn_i</td><td>ms</td><td>2</td><td>inhibitory synaptic time constant</td></tr>
 *   <tr><td>v_rest</td><td>mV</td><td>−65</td><td>resting potential</td></tr>
 *   <tr><td>v_reset</td><td>mV</td><td>−65</td><td>reset potential</td></tr>
 *   <tr><td>v_th</td><td>mV</td><td>−50</td><td>threshold</td></tr>
 *   <tr><td>r</td><td>GΩ</td><td>0.04</td><td>membrane resistance (τ_m/C_m; 10 ms / 250 pF)</td></tr>
 *   <tr><td>t_ref</td><td>ms</td><td>2</td><td>refractory period</td></tr>
 * </table>
 *
 * <p>Integration: exact (Rotter &amp; Diesmann 1999). Over one step, with the currents at their
 * start-of-step values, {@code v ← v∞ + (v − v∞)·P22 + P21e·i_e + P21i·i_i}, {@code i ← i·P11},
 * with {@code P22 = e^{−dt/τ_m}}, {@code P11 = e^{−dt/τ_s}} and
 * {@code P21 = R·τ_s/(τ_s − τ_m)·(e^{−dt/τ_s} − e^{−dt/τ_m})} ({@link Propagators}). This is
 * Brian2's {@code exact} method on the same equations, so Brian2's CUBA benchmark is this model
 * with {@code R = 1 GΩ} and weights in pA equal to its mV jumps of g.
 */
public record CubaLif(double tauM, double tauSynE, double tauSynI, double vRest, double vReset, double vTh,
                      double r, double tRef, ResetMode reset) implements NeuronModel {

    public static final List<ParameterSpec> PARAMETERS = List.of(
            new ParameterSpec("tau_m", Dimension.TIME, 10.0, "membrane time constant"),
            new ParameterSpec("tau_syn_e", Dimension.TIME, 2.0, "excitatory synaptic time constant"),
            new ParameterSpec("tau_syn_i", Dimension.TIME, 2.0, "inhibitory synaptic time constant"),
            new ParameterSpec("v_rest", Dimension.VOLTAGE, -65.0, "resting potential"),
            new ParameterSpec("v_reset", Dimension.VOLTAGE, -65.0, "reset potential"),
            new ParameterSpec("v_th", Dimension.VOLTAGE, -50.0, "spike threshold (v > v_th)"),
            new ParameterSpec("r", Dimension.RESISTANCE, 0.04, "membrane resistance"),
            new ParameterSpec("t_ref", Dimension.TIME, 2.0, "refractory period"));

    public CubaLif {
        Checks.positive("tau_m", tauM, "ms");
        Checks.positive("tau_syn_e", tauSynE, "ms");
        Checks.positive("tau_syn_i", tauSynI, "ms");
        Checks.finite("v_rest", vRest);
        Checks.finite("v_reset", vReset);
        Checks.finite("v_th", vTh);
        Checks.nonNegative("r", r, "GOhm");
        Checks.nonNegative("t_ref", tRef, "ms");
        if (reset == null) reset = ResetMode.TO_VALUE;
    }

    @Override public String kind() { return "cuba_lif"; }
    @Override public List<String> stateVariables() { return List.of("v", "i_e", "i_i"); }
    @Override public List<Dimension> stateDimensions() {
        return List.of(Dimension.VOLTAGE, Dimension.CURRENT, Dimension.CURRENT);
    }
    @Override public List<String> receptors() { return List.of("exc", "inh"); }
    @Override public Dimension receptorDimension(int receptor) { return Dimension.CURRENT; }
    @Override public double[] restingState() { return new double[] {vRest, 0.0, 0.0}; }
    @Override public double refractoryMs() { return tRef; }

    @Override
    public NeuronKernel kernel(double dtMs) {
        final double p22 = Propagators.decay(dtMs, tauM);
        final double p11e = Propagators.decay(dtMs, tauSynE);
        final double p11i = Propagators.decay(dtMs, tauSynI);
        final double p21e = Propagators.currentToVoltage(dtMs, tauM, tauSynE, r);
        final double p21i = Propagators.currentToVoltage(dtMs, tauM, tauSynI, r);
        final double vRest = this.vRest, r = this.r, vTh = this.vTh, vReset = this.vReset;
        final double jump = vTh - vReset;
        final boolean subtract = reset == ResetMode.SUBTRACT;
        final int refSteps = refractorySteps(dtMs);
        return (s, slot, from, to, spikes, count) -> {
            final double[] v = s.vars[0], ie = s.vars[1], ii = s.vars[2];
            final double[] inE = s.ring[0], inI = s.ring[1];
            final double[] iExt = s.iExt;
            final int[] ref = s.refractory;
            for (int i = from; i < to; i++) {
                final double e = ie[i] + inE[slot + i];
                final double h = ii[i] + inI[slot + i];
                inE[slot + i] = 0.0;
                inI[slot + i] = 0.0;
                ie[i] = e * p11e;
                ii[i] = h * p11i;
                if (ref[i] > 0 && --ref[i] > 0) continue;
                final double vInf = vRest + r * iExt[i];
                double vi = vInf + (v[i] - vInf) * p22 + p21e * e + p21i * h;
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
