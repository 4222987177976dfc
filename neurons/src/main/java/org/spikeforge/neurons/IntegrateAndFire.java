package org.spikeforge.neurons;

import java.util.List;

/**
 * Non-leaky integrate-and-fire neuron ({@code if}, NIR's {@code IF}).
 *
 * <pre>
 *   C_m dv/dt = I_ext
 *   on input of weight w (mV):  v ← v + w
 *   if v &gt; v_th:               spike, reset (to v_reset, or by subtraction), refractory t_ref
 * </pre>
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>unit</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>c_m</td><td>pF</td><td>250</td><td>membrane capacitance</td></tr>
 *   <tr><td>v_reset</td><td>mV</td><td>0</td><td>reset potential</td></tr>
 *   <tr><td>v_th</td><td>mV</td><td>1</td><td>threshold (spike when v &gt; v_th)</td></tr>
 *   <tr><td>t_ref</td><td>ms</td><td>0</td><td>refractory period</td></tr>
 * </table>
 *
 * <p>Integration: exact ({@code v ← v + dt·I_ext/C_m}, I_ext constant over a step). Reset by
 * subtraction makes it the rate-coding neuron of ANN-to-SNN conversion (Rueckauer et al. 2017).
 */
public record IntegrateAndFire(double cM, double vReset, double vTh, double tRef, ResetMode reset)
        implements NeuronModel {

    public static final List<ParameterSpec> PARAMETERS = List.of(
            new ParameterSpec("c_m", Dimension.CAPACITANCE, 250.0, "membrane capacitance"),
            new ParameterSpec("v_reset", Dimension.VOLTAGE, 0.0, "reset potential"),
            new ParameterSpec("v_th", Dimension.VOLTAGE, 1.0, "spike threshold (v > v_th)"),
            new ParameterSpec("t_ref", Dimension.TIME, 0.0, "refractory period"));

    public IntegrateAndFire {
        Checks.positive("c_m", cM, "pF");
        Checks.finite("v_reset", vReset);
        Checks.finite("v_th", vTh);
        Checks.nonNegative("t_ref", tRef, "ms");
        if (reset == null) reset = ResetMode.TO_VALUE;
    }

    @Override public String kind() { return "if"; }
    @Override public List<String> stateVariables() { return List.of("v"); }
    @Override public List<Dimension> stateDimensions() { return List.of(Dimension.VOLTAGE); }
    @Override public List<String> receptors() { return List.of("v"); }
    @Override public Dimension receptorDimension(int receptor) { return Dimension.VOLTAGE; }
    @Override public double[] restingState() { return new double[] {vReset}; }
    @Override public double refractoryMs() { return tRef; }

    @Override
    public NeuronKernel kernel(double dtMs) {
        final double gain = dtMs / cM;
        final double vTh = this.vTh, vReset = this.vReset, jump = vTh - vReset;
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
                double vi = v[i] + w + gain * iExt[i];
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
