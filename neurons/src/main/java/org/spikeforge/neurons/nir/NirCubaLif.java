package org.spikeforge.neurons.nir;

import java.util.List;
import org.spikeforge.neurons.Dimension;
import org.spikeforge.neurons.ParameterSpec;
import org.spikeforge.neurons.ResetMode;

/**
 * NIR's current-based LIF neuron ({@code nir_cuba_lif}; NIR {@code CubaLIF}, snnTorch
 * {@code Synaptic}, Norse {@code LIFCell}).
 *
 * <pre>
 *   τ_syn dI/dt = −I + w_in·x
 *   τ_mem dv/dt = (v_leak − v) + R·I
 *   spike when v &gt; v_threshold, then reset v (I is not reset)
 * </pre>
 *
 * <table>
 *   <caption>Parameters (one value per neuron, or one shared value)</caption>
 *   <tr><th>name</th><th>NIR unit</th><th>engine reading</th><th>registry default</th><th>meaning</th></tr>
 *   <tr><td>tau_mem</td><td>s</td><td>s (registry: ms)</td><td>10 ms</td><td>membrane time constant</td></tr>
 *   <tr><td>tau_syn</td><td>s</td><td>s (registry: ms)</td><td>5 ms</td><td>synaptic time constant</td></tr>
 *   <tr><td>r</td><td>1</td><td>GΩ = mV/pA</td><td>1</td><td>input resistance</td></tr>
 *   <tr><td>v_leak</td><td>1</td><td>mV</td><td>0</td><td>leak potential, also the initial v</td></tr>
 *   <tr><td>v_threshold</td><td>1</td><td>mV</td><td>1</td><td>threshold</td></tr>
 *   <tr><td>v_reset</td><td>1</td><td>mV</td><td>0</td><td>reset potential</td></tr>
 *   <tr><td>w_in</td><td>1</td><td>1</td><td>1</td><td>input weight on the synaptic current</td></tr>
 * </table>
 *
 * <p>Discretisation ({@link NirCoefficients}): Euler updates I first and drives v with the
 * updated I, {@code I ← (1 − dt/τ_syn)·I + dt/τ_syn·w_in·x}, {@code v ← (1 − dt/τ_mem)·v +
 * dt/τ_mem·(v_leak + R·I)}, which is snnTorch's {@code syn ← α·syn + x}, {@code mem ← β·mem +
 * syn} for its exported parameters; exact integrates both with x held over the step. State:
 * {@code v}, {@code i}, {@code spk} ({@link NirSpikingNeuron}).
 */
public record NirCubaLif(double[] tauMem, double[] tauSyn, double[] r, double[] vLeak, double[] vThreshold, double[] vReset,
                         double[] wIn, NirDiscretisation discretisation, ResetMode reset, boolean delayedReset)
        implements NirSpikingNeuron {

    public static final List<ParameterSpec> PARAMETERS = List.of(
            new ParameterSpec("tau_mem", Dimension.TIME, 10.0, "membrane time constant"),
            new ParameterSpec("tau_syn", Dimension.TIME, 5.0, "synaptic time constant"),
            new ParameterSpec("r", Dimension.RESISTANCE, 1.0, "input resistance (NIR r)"),
            new ParameterSpec("v_leak", Dimension.VOLTAGE, 0.0, "leak potential"),
            new ParameterSpec("v_threshold", Dimension.VOLTAGE, 1.0, "spike threshold (v > v_threshold)"),
            new ParameterSpec("v_reset", Dimension.VOLTAGE, 0.0, "reset potential"),
            new ParameterSpec("w_in", Dimension.DIMENSIONLESS, 1.0, "input weight on the synaptic current"),
            new ParameterSpec("exact", Dimension.DIMENSIONLESS, 0.0, "1: exact integration, 0: forward Euler"),
            new ParameterSpec("reset_delay", Dimension.DIMENSIONLESS, 0.0, "1: snnTorch's delayed reset, 0: NIR's immediate reset"));

    public NirCubaLif {
        String k = "nir_cuba_lif";
        int n = NirParameters.neurons(k, new String[] {"tau_mem", "tau_syn", "r", "v_leak", "v_threshold", "v_reset", "w_in"},
                tauMem, tauSyn, r, vLeak, vThreshold, vReset, wIn);
        tauMem = NirParameters.positive(k, "tau_mem", NirParameters.broadcast(tauMem, n), "s");
        tauSyn = NirParameters.positive(k, "tau_syn", NirParameters.broadcast(tauSyn, n), "s");
        r = NirParameters.finite(k, "r", NirParameters.broadcast(r, n));
        vLeak = NirParameters.finite(k, "v_leak", NirParameters.broadcast(vLeak, n));
        vThreshold = NirParameters.finite(k, "v_threshold", NirParameters.broadcast(vThreshold, n));
        vReset = NirParameters.finite(k, "v_reset", NirParameters.broadcast(vReset, n));
        wIn = NirParameters.finite(k, "w_in", NirParameters.broadcast(wIn, n));
        if (discretisation == null) discretisation = NirDiscretisation.EULER;
        if (reset == null) reset = ResetMode.TO_VALUE;
    }

    /** Shared parameters, time constants in seconds. */
    public NirCubaLif(double tauMem, double tauSyn, double r, double vLeak, double vThreshold, double vReset, double wIn,
                      NirDiscretisation discretisation, ResetMode reset, boolean delayedReset) {
        this(NirParameters.one(tauMem), NirParameters.one(tauSyn), NirParameters.one(r), NirParameters.one(vLeak),
                NirParameters.one(vThreshold), NirParameters.one(vReset), NirParameters.one(wIn), discretisation, reset, delayedReset);
    }

    @Override public double[] tauMem() { return tauMem.clone(); }
    @Override public double[] tauSyn() { return tauSyn.clone(); }
    @Override public double[] r() { return r.clone(); }
    @Override public double[] vLeak() { return vLeak.clone(); }
    @Override public double[] vThreshold() { return vThreshold.clone(); }
    @Override public double[] vReset() { return vReset.clone(); }
    @Override public double[] wIn() { return wIn.clone(); }

    @Override public String kind() { return "nir_cuba_lif"; }
    @Override public int neurons() { return tauMem.length; }
    @Override public boolean hasSynapticCurrent() { return true; }
    @Override public List<String> stateVariables() { return List.of("v", "i", "spk"); }
    @Override public List<Dimension> stateDimensions() {
        return List.of(Dimension.VOLTAGE, Dimension.CURRENT, Dimension.DIMENSIONLESS);
    }
    @Override public double[] restingState() { return new double[] {vLeak[0], 0.0, 0.0}; }
    @Override public double[] leakPotential() { return vLeak.clone(); }

    @Override
    public NirCoefficients coefficients(double dtMs) {
        return NirCoefficients.of(discretisation, NirNeuron.seconds(dtMs), tauMem, tauSyn, r, wIn);
    }
}
