package org.spikeforge.neurons;

import java.util.List;
import java.util.Locale;

/**
 * The Izhikevich (2003) simple spiking neuron ({@code izhikevich}).
 *
 * <pre>
 *   dv/dt = 0.04·v² + 5·v + 140 − u + I        (v in mV, t in ms)
 *   du/dt = a·(b·v − u)
 *   on input w to receptor "v":  v ← v + w     (mV)
 *   if v &gt; v_peak:  spike, v ← c, u ← u + d
 * </pre>
 *
 * <table>
 *   <caption>Parameters (defaults: the regular-spiking preset)</caption>
 *   <tr><th>name</th><th>unit</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>a</td><td>1/ms</td><td>0.02</td><td>recovery rate of u (any sign)</td></tr>
 *   <tr><td>b</td><td>pA/mV</td><td>0.2</td><td>sensitivity of u to v</td></tr>
 *   <tr><td>c</td><td>mV</td><td>−65</td><td>after-spike reset of v</td></tr>
 *   <tr><td>d</td><td>pA</td><td>8</td><td>after-spike increment of u</td></tr>
 *   <tr><td>v_peak</td><td>mV</td><td>30</td><td>spike cut-off (spike when v &gt; v_peak)</td></tr>
 *   <tr><td>t_ref</td><td>ms</td><td>0</td><td>refractory period (the paper has none)</td></tr>
 * </table>
 *
 * <p>Units: the paper's equation is dimensionless with v in mV and t in ms. As NEST's
 * {@code izhikevich}, this model reads the current {@code I = I_ext} and the recovery variable
 * {@code u} in pA with an implied membrane capacitance of 1 pF, so that 1 pA moves v by 1 mV/ms;
 * a value of I in the paper is the same number of pA here. Synaptic input jumps v directly (mV): in
 * the paper's network a one-millisecond current pulse of S moves v by about S mV, so the paper's
 * weights carry over in mV.
 *
 * <p>Integration: the paper's own scheme, forward Euler on v in two half steps, then forward Euler
 * on u with the new v: {@code v ← v + dt/2·f(v, u)} twice, {@code u ← u + dt·a·(b·v − u)}, then
 * the threshold test. With {@code dt = 1 ms} this is exactly the MATLAB code of Izhikevich 2003
 * (Fig. 3), whose presets are tuned to it; smaller steps converge to the ODE.
 *
 * <p>Initial state: {@code v = c}, {@code u = b·c} (the paper starts all neurons at
 * {@code v = −65}, {@code u = b·v}; the two agree for the RS and FS presets).
 *
 * <p>Reference: E. M. Izhikevich, Simple model of spiking neurons, IEEE Trans. Neural Networks
 * 14:1569 (2003), Fig. 2 for the presets of {@link Preset}.
 */
public record Izhikevich(double a, double b, double c, double d, double vPeak, double tRef) implements NeuronModel {

    /** The cortical firing classes of Izhikevich 2003, Fig. 2, with their (a, b, c, d). */
    public enum Preset {
        /** Regular spiking: tonic firing with spike-frequency adaptation (excitatory cortical cells). */
        RS(0.02, 0.2, -65.0, 8.0),
        /** Intrinsically bursting: an initial burst, then tonic single spikes. */
        IB(0.02, 0.2, -55.0, 4.0),
        /** Chattering: repetitive bursts of closely spaced spikes. */
        CH(0.02, 0.2, -50.0, 2.0),
        /** Fast spiking: high-frequency tonic firing without adaptation (inhibitory interneurons). */
        FS(0.1, 0.2, -65.0, 2.0),
        /** Low-threshold spiking: high-frequency firing with adaptation (inhibitory interneurons). */
        LTS(0.02, 0.25, -65.0, 2.0);

        public final double a, b, c, d;

        Preset(double a, double b, double c, double d) {
            this.a = a;
            this.b = b;
            this.c = c;
            this.d = d;
        }

        /** The model with this preset's parameters, {@code v_peak = 30 mV} and no refractory period. */
        public Izhikevich model() {
            return new Izhikevich(a, b, c, d, 30.0, 0.0);
        }

        /** Parses "RS", "rs", "regular_spiking", ...; throws a one-line error naming the valid choices. */
        public static Preset parse(String s) {
            String k = s.trim().toUpperCase(Locale.ROOT);
            return switch (k) {
                case "RS", "REGULAR_SPIKING" -> RS;
                case "IB", "INTRINSICALLY_BURSTING", "BURSTING" -> IB;
                case "CH", "CHATTERING" -> CH;
                case "FS", "FAST_SPIKING" -> FS;
                case "LTS", "LOW_THRESHOLD_SPIKING" -> LTS;
                default -> throw new IllegalArgumentException(
                        "unknown Izhikevich preset '" + s + "', expected one of RS, IB, CH, FS, LTS");
            };
        }
    }

    public static final List<ParameterSpec> PARAMETERS = List.of(
            new ParameterSpec("a", Dimension.DIMENSIONLESS, 0.02, "recovery rate of u (1/ms)"),
            new ParameterSpec("b", Dimension.DIMENSIONLESS, 0.2, "sensitivity of u to v (pA/mV)"),
            new ParameterSpec("c", Dimension.VOLTAGE, -65.0, "after-spike reset of v"),
            new ParameterSpec("d", Dimension.CURRENT, 8.0, "after-spike increment of u"),
            new ParameterSpec("v_peak", Dimension.VOLTAGE, 30.0, "spike cut-off (v > v_peak)"),
            new ParameterSpec("t_ref", Dimension.TIME, 0.0, "refractory period"));

    public Izhikevich {
        Checks.finite("a", a); // negative in some of the paper's Fig. 1 classes (inhibition-induced firing)
        Checks.finite("b", b);
        Checks.finite("c", c);
        Checks.finite("d", d);
        Checks.finite("v_peak", vPeak);
        Checks.nonNegative("t_ref", tRef, "ms");
        if (!(c < vPeak)) {
            throw new IllegalArgumentException("c (reset, " + c + " mV) must lie below v_peak (" + vPeak + " mV)");
        }
    }

    @Override public String kind() { return "izhikevich"; }
    @Override public List<String> stateVariables() { return List.of("v", "u"); }
    @Override public List<Dimension> stateDimensions() { return List.of(Dimension.VOLTAGE, Dimension.CURRENT); }
    @Override public List<String> receptors() { return List.of("v"); }
    @Override public Dimension receptorDimension(int receptor) { return Dimension.VOLTAGE; }
    @Override public double[] restingState() { return new double[] {c, b * c}; }
    @Override public double refractoryMs() { return tRef; }

    @Override
    public NeuronKernel kernel(double dtMs) {
        Checks.positive("dt", dtMs, "ms");
        final double half = 0.5 * dtMs, dt = dtMs;
        final double a = this.a, b = this.b, c = this.c, d = this.d, vPeak = this.vPeak;
        final int refSteps = refractorySteps(dtMs);
        return (s, slot, from, to, spikes, count) -> {
            final double[] v = s.vars[0], u = s.vars[1];
            final double[] in = s.ring[0];
            final double[] iExt = s.iExt;
            final int[] ref = s.refractory;
            for (int i = from; i < to; i++) {
                final double w = in[slot + i];
                in[slot + i] = 0.0;
                if (ref[i] > 0 && --ref[i] > 0) continue;
                final double ui = u[i], drive = 140.0 - ui + iExt[i];
                double vi = v[i] + w;
                vi += half * ((0.04 * vi + 5.0) * vi + drive);
                vi += half * ((0.04 * vi + 5.0) * vi + drive);
                double un = ui + dt * a * (b * vi - ui);
                if (vi > vPeak) {
                    vi = c;
                    un += d;
                    ref[i] = refSteps;
                    spikes[count++] = i;
                }
                v[i] = vi;
                u[i] = un;
            }
            return count;
        };
    }
}
