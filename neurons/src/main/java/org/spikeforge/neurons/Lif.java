package org.spikeforge.neurons;

import java.util.List;

/**
 * Leaky integrate-and-fire neuron with delta-current synapses ({@code lif}).
 *
 * <pre>
 *   τ_m dv/dt = −(v − v_rest) + R·I_ext
 *   on input of weight w (mV):  v ← v + w
 *   if v &gt; v_th:               spike, reset (to v_reset, or by subtraction), refractory t_ref
 * </pre>
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>unit</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>tau_m</td><td>ms</td><td>10</td><td>membrane time constant</td></tr>
 *   <tr><td>v_rest</td><td>mV</td><td>−65</td><td>resting potential</td></tr>
 *   <tr><td>v_reset</td><td>mV</td><td>−65</td><td>reset potential</td></tr>
 *   <tr><td>v_th</td><td>mV</td><td>−50</td><td>threshold (spike when v &gt; v_th)</td></tr>
 *   <tr><td>r</td><td>GΩ</td><td>0.1</td><td>membrane resistance (R·I in mV for I in pA)</td></tr>
 *   <tr><td>t_ref</td><td>ms</td><td>2</td><td>refractory period (membrane clamped)</td></tr>
 * </table>
 *
 * <p>Integration: exact. With {@code I_ext} constant over a step,
 * {@code v(t+dt) = v∞ + (v(t) − v∞)·e^{−dt/τ_m}} with {@code v∞ = v_rest + R·I_ext}. Delta input
 * arriving in a step is added before that step's propagation (see {@link NeuronKernel}); input
 * arriving while the membrane is clamped is discarded, as in NEST's {@code iaf_psc_delta}.
 *
 * <p>References: Lapicque 1907; Gerstner et al., <i>Neuronal Dynamics</i> (2014), ch. 1.3;
 * Rotter &amp; Diesmann 1999 (exact integration).
 */
public record Lif(double tauM, double vRest, double vReset, double vTh, double r, double tRef, ResetMode reset)
        implements NeuronModel {

    public static final List<ParameterSpec> PARAMETERS = List.of(
            new ParameterSpec("tau_m", Dimension.TIME, 10.0, "membrane time constant"),
            new ParameterSpec("v_rest", Dimension.VOLTAGE, -65.0, "resting potential"),
            new ParameterSpec("v_reset", Dimension.VOLTAGE, -65.0, "reset potential"),
            new ParameterSpec("v_th", Dimension.VOLTAGE, -50.0, "spike threshold (v > v_th)"),
            new ParameterSpec("r", Dimension.RESISTANCE, 0.1, "membrane resistance"),
            new ParameterSpec("t_ref", Dimension.TIME, 2.0, "refractory period"));

    public Lif {
        Checks.positive("tau_m", tauM, "ms");
        Checks.finite("v_rest", vRest);
        Checks.finite("v_reset", vReset);
        Checks.finite("v_th", vTh);
        Checks.nonNegative("r", r, "GOhm");
        Checks.nonNegative("t_ref", tRef, "ms");
        if (reset == null) reset = ResetMode.TO_VALUE;
    }

    @Override public String kind() { return "lif"; }
    @Override public List<String> stateVariables() { return List.of("v"); }
    @Override public List<Dimension> stateDimensions() { return List.of(Dimension.VOLTAGE); }
    @Override public List<String> receptors() { return List.of("v"); }
    @Override public Dimension receptorDimension(int receptor) { return Dimension.VOLTAGE; }
    @Override public double[] restingState() { return new double[] {vRest}; }
    @Override public double refractoryMs() { return tRef; }

    @Override
    public NeuronKernel kernel(double dtMs) {
        final double p = Propagators.decay(dtMs, tauM);
        final double vRest = this.vRest, r = this.r, vTh = this.vTh, vReset = this.vReset;
        final double jump = vTh - vReset;
        final boolean subtract = reset == ResetMode.SUBTRACT;
        final int refSteps = refractorySteps(dtMs);
        return (s, slot, from, to, spikes, count) -> {
            final double[] v = s.vars[0];
            final double[] in = s.ring[0];
            final double[] iExt = s.iExt;
            final int[] ref = s.refractory;
            for (int i = from; i < to; i++) {
                final double w = in[slot + i];
                in[slot + i] = 0.0;
                if (ref[i] > 0 && --ref[i] > 0) continue;
                final double vInf = vRest + r * iExt[i];
                double vi = vInf + (v[i] + w - vInf) * p;
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
