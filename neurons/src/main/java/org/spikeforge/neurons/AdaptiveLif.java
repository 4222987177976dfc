package org.spikeforge.neurons;

import java.util.List;

/**
 * Current-based LIF neuron with a spike-triggered adaptation current ({@code adaptive_lif}): the
 * {@link CubaLif} neuron plus an outward current {@code w} that jumps by {@code b} at every spike
 * and decays with {@code τ_w}. It is the AdEx model with {@code Δ_T → 0} and no subthreshold
 * adaptation ({@code a = 0}), and the adaptation current of Benda &amp; Herz 2003.
 *
 * <pre>
 *   τ_m   dv/dt   = −(v − v_rest) + R·(i_e + i_i − w + I_ext)
 *   τ_e   di_e/dt = −i_e          on input w_syn to "exc": i_e ← i_e + w_syn  (pA)
 *   τ_i   di_i/dt = −i_i          on input w_syn to "inh": i_i ← i_i + w_syn  (pA, usually &lt; 0)
 *   τ_w   dw/dt   = −w
 *   if v &gt; v_th: spike, v ← v_reset (or by subtraction), w ← w + b, membrane clamped for t_ref
 *                 (currents and w keep decaying while it is clamped)
 * </pre>
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>unit</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>tau_m</td><td>ms</td><td>10</td><td>membrane time constant</td></tr>
 *   <tr><td>tau_syn_e</td><td>ms</td><td>2</td><td>excitatory synaptic time constant</td></tr>
 *   <tr><td>tau_syn_i</td><td>ms</td><td>2</td><td>inhibitory synaptic time constant</td></tr>
 *   <tr><td>tau_w</td><td>ms</td><td>144</td><td>adaptation time constant (Brette &amp; Gerstner 2005)</td></tr>
 *   <tr><td>b</td><td>pA</td><td>80.5</td><td>spike-triggered adaptation increment (Brette &amp; Gerstner 2005)</td></tr>
 *   <tr><td>v_rest</td><td>mV</td><td>−65</td><td>resting potential</td></tr>
 *   <tr><td>v_reset</td><td>mV</td><td>−65</td><td>reset potential</td></tr>
 *   <tr><td>v_th</td><td>mV</td><td>−50</td><td>threshold</td></tr>
 *   <tr><td>r</td><td>GΩ</td><td>0.04</td><td>membrane resistance</td></tr>
 *   <tr><td>t_ref</td><td>ms</td><td>2</td><td>refractory period</td></tr>
 * </table>
 *
 * <p>Integration: exact. All sub-threshold dynamics are linear, and {@code w} enters the membrane
 * equation as an exponentially decaying current of sign −1, so over one step
 * {@code v ← v∞ + (v − v∞)·P22 + P21e·i_e + P21i·i_i − P21w·w} with the propagators of
 * {@link Propagators#currentToVoltage} for {@code τ_e}, {@code τ_i} and {@code τ_w}, and
 * {@code w ← w·e^{−dt/τ_w}} (Rotter &amp; Diesmann 1999). State variables: {@code v} (mV),
 * {@code i_e}, {@code i_i}, {@code w} (pA).
 *
 * <p>References: Brette &amp; Gerstner 2005, J Neurophysiol 94:3637; Benda &amp; Herz 2003,
 * Neural Comput 15:2523; Gerstner et al., <i>Neuronal Dynamics</i> (2014), ch. 6.1.
 */
public record AdaptiveLif(double tauM, double tauSynE, double tauSynI, double tauW, double b, double vRest,
                          double vReset, double vTh, double r, double tRef, ResetMode reset) implements NeuronModel {

    public static final List<ParameterSpec> PARAMETERS = List.of(
            new ParameterSpec("tau_m", Dimension.TIME, 10.0, "membrane time constant"),
            new ParameterSpec("tau_syn_e", Dimension.TIME, 2.0, "excitatory synaptic time constant"),
            new ParameterSpec("tau_syn_i", Dimension.TIME, 2.0, "inhibitory synaptic time constant"),
            new ParameterSpec("tau_w", Dimension.TIME, 144.0, "adaptation time constant"),
            new ParameterSpec("b", Dimension.CURRENT, 80.5, "spike-triggered adaptation increment"),
            new ParameterSpec("v_rest", Dimension.VOLTAGE, -65.0, "resting potential"),
            new ParameterSpec("v_reset", Dimension.VOLTAGE, -65.0, "reset potential"),
            new ParameterSpec("v_th", Dimension.VOLTAGE, -50.0, "spike threshold (v > v_th)"),
            new ParameterSpec("r", Dimension.RESISTANCE, 0.04, "membrane resistance"),
            new ParameterSpec("t_ref", Dimension.TIME, 2.0, "refractory period"));

    public AdaptiveLif {
        Checks.positive("tau_m", tauM, "ms");
        Checks.positive("tau_syn_e", tauSynE, "ms");
        Checks.positive("tau_syn_i", tauSynI, "ms");
        Checks.positive("tau_w", tauW, "ms");
        Checks.finite("b", b);
        Checks.finite("v_rest", vRest);
        Checks.finite("v_reset", vReset);
        Checks.finite("v_th", vTh);
        Checks.nonNegative("r", r, "GOhm");
        Checks.nonNegative("t_ref", tRef, "ms");
        if (reset == null) reset = ResetMode.TO_VALUE;
    }

    @Override public String kind() { return "adaptive_lif"; }
    @Override public List<String> stateVariables() { return List.of("v", "i_e", "i_i", "w"); }
    @Override public List<Dimension> stateDimensions() {
        return List.of(Dimension.VOLTAGE, Dimension.CURRENT, Dimension.CURRENT, Dimension.CURRENT);
    }
    @Override public List<String> receptors() { return List.of("exc", "inh"); }
    @Override public Dimension receptorDimension(int receptor) { return Dimension.CURRENT; }
    @Override public double[] restingState() { return new double[] {vRest, 0.0, 0.0, 0.0}; }
    @Override public double refractoryMs() { return tRef; }

    @Override
    public NeuronKernel kernel(double dtMs) {
        final double p22 = Propagators.decay(dtMs, tauM);
        final double p11e = Propagators.decay(dtMs, tauSynE);
        final double p11i = Propagators.decay(dtMs, tauSynI);
        final double pw = Propagators.decay(dtMs, tauW);
        final double p21e = Propagators.currentToVoltage(dtMs, tauM, tauSynE, r);
        final double p21i = Propagators.currentToVoltage(dtMs, tauM, tauSynI, r);
        final double p21w = Propagators.currentToVoltage(dtMs, tauM, tauW, r);
        final double vRest = this.vRest, r = this.r, vTh = this.vTh, vReset = this.vReset, b = this.b;
        final double jump = vTh - vReset;
        final boolean subtract = reset == ResetMode.SUBTRACT;
        final int refSteps = refractorySteps(dtMs);
        return (s, slot, from, to, spikes, count) -> {
            final double[] v = s.vars[0], ie = s.vars[1], ii = s.vars[2], w = s.vars[3];
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
                final double wi = w[i];
                w[i] = wi * pw;
                if (ref[i] > 0 && --ref[i] > 0) continue;
                final double vInf = vRest + r * iExt[i];
                double vi = vInf + (v[i] - vInf) * p22 + p21e * e + p21i * h - p21w * wi;
                if (vi > vTh) {
                    vi = subtract ? vi - jump : vReset;
                    w[i] += b;
                    ref[i] = refSteps;
                    spikes[count++] = i;
                }
                v[i] = vi;
            }
            return count;
        };
    }
}
