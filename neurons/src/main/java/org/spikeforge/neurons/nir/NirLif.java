package org.spikeforge.neurons.nir;

import java.util.List;
import org.spikeforge.neurons.Dimension;
import org.spikeforge.neurons.ParameterSpec;
import org.spikeforge.neurons.ResetMode;

/**
 * NIR's leaky integrate-and-fire neuron ({@code nir_lif}; NIR {@code LIF}, snnTorch {@code Leaky},
 * Norse {@code LIFBoxCell}).
 *
 * <pre>
 *   τ dv/dt = (v_leak − v) + R·x
 *   spike when v &gt; v_threshold, then reset: v ← v_reset, or v ← v − (v_threshold − v_reset)
 * </pre>
 *
 * <table>
 *   <caption>Parameters (one value per neuron, or one shared value)</caption>
 *   <tr><th>name</th><th>NIR unit</th><th>engine reading</th><th>registry default</th><th>meaning</th></tr>
 *   <tr><td>tau</td><td>s</td><td>s (registry: ms)</td><td>10 ms</td><td>membrane time constant</td></tr>
 *   <tr><td>r</td><td>1</td><td>GΩ = mV/pA</td><td>1</td><td>input resistance</td></tr>
 *   <tr><td>v_leak</td><td>1</td><td>mV</td><td>0</td><td>leak (resting) potential, also the initial v</td></tr>
 *   <tr><td>v_threshold</td><td>1</td><td>mV</td><td>1</td><td>threshold (spike when v &gt; v_threshold)</td></tr>
 *   <tr><td>v_reset</td><td>1</td><td>mV</td><td>0</td><td>reset potential</td></tr>
 * </table>
 *
 * <p>Discretisation ({@link NirDiscretisation}): Euler {@code v ← (1 − dt/τ)·v + dt/τ·v_leak +
 * R·dt/τ·x}, or exact with x held over the step ({@link NirCoefficients}). With snnTorch's
 * exported {@code τ = dt/(1−β)}, {@code R = τ/dt}, Euler gives back {@code v ← β·v + x}. Reset and
 * state as {@link NirSpikingNeuron}: {@code v} is the membrane at the threshold test, {@code spk}
 * the last step's spike.
 *
 * <p>References: NIR (Pedersen et al., Nat. Commun. 15, 8122, 2024); snnTorch {@code Leaky}
 * (Eshraghian et al., Proc. IEEE 111, 2023).
 */
public record NirLif(double[] tau, double[] r, double[] vLeak, double[] vThreshold, double[] vReset,
                     NirDiscretisation discretisation, ResetMode reset, boolean delayedReset) implements NirSpikingNeuron {

    public static final List<ParameterSpec> PARAMETERS = List.of(
            new ParameterSpec("tau", Dimension.TIME, 10.0, "membrane time constant"),
            new ParameterSpec("r", Dimension.RESISTANCE, 1.0, "input resistance (NIR r)"),
            new ParameterSpec("v_leak", Dimension.VOLTAGE, 0.0, "leak potential"),
            new ParameterSpec("v_threshold", Dimension.VOLTAGE, 1.0, "spike threshold (v > v_threshold)"),
            new ParameterSpec("v_reset", Dimension.VOLTAGE, 0.0, "reset potential"),
            new ParameterSpec("exact", Dimension.DIMENSIONLESS, 0.0, "1: exact integration, 0: forward Euler"),
            new ParameterSpec("reset_delay", Dimension.DIMENSIONLESS, 0.0, "1: snnTorch's delayed reset, 0: NIR's immediate reset"));

    public NirLif {
        int n = NirParameters.neurons("nir_lif", new String[] {"tau", "r", "v_leak", "v_threshold", "v_reset"},
                tau, r, vLeak, vThreshold, vReset);
        tau = NirParameters.positive("nir_lif", "tau", NirParameters.broadcast(tau, n), "s");
        r = NirParameters.finite("nir_lif", "r", NirParameters.broadcast(r, n));
        vLeak = NirParameters.finite("nir_lif", "v_leak", NirParameters.broadcast(vLeak, n));
        vThreshold = NirParameters.finite("nir_lif", "v_threshold", NirParameters.broadcast(vThreshold, n));
        vReset = NirParameters.finite("nir_lif", "v_reset", NirParameters.broadcast(vReset, n));
        if (discretisation == null) discretisation = NirDiscretisation.EULER;
        if (reset == null) reset = ResetMode.TO_VALUE;
    }

    /** Shared parameters, time constant in seconds. */
    public NirLif(double tau, double r, double vLeak, double vThreshold, double vReset, NirDiscretisation discretisation,
                  ResetMode reset, boolean delayedReset) {
        this(NirParameters.one(tau), NirParameters.one(r), NirParameters.one(vLeak), NirParameters.one(vThreshold),
                NirParameters.one(vReset), discretisation, reset, delayedReset);
    }

    @Override public double[] tau() { return tau.clone(); }
    @Override public double[] r() { return r.clone(); }
    @Override public double[] vLeak() { return vLeak.clone(); }
    @Override public double[] vThreshold() { return vThreshold.clone(); }
    @Override public double[] vReset() { return vReset.clone(); }

    @Override public String kind() { return "nir_lif"; }
    @Override public int neurons() { return tau.length; }
    @Override public List<String> stateVariables() { return List.of("v", "spk"); }
    @Override public List<Dimension> stateDimensions() { return List.of(Dimension.VOLTAGE, Dimension.DIMENSIONLESS); }
    @Override public double[] restingState() { return new double[] {vLeak[0], 0.0}; }
    @Override public double[] leakPotential() { return vLeak.clone(); }

    @Override
    public NirCoefficients coefficients(double dtMs) {
        return NirCoefficients.of(discretisation, NirNeuron.seconds(dtMs), tau, null, r, null);
    }
}
