package org.spikeforge.neurons.nir;

import java.util.List;
import org.spikeforge.neurons.Dimension;
import org.spikeforge.neurons.ParameterSpec;

/**
 * NIR's current-based leaky integrator ({@code nir_cuba_li}; NIR {@code CubaLI}): a non-spiking
 * readout with a synaptic current.
 *
 * <pre>
 *   τ_syn dI/dt = −I + w_in·x
 *   τ_mem dv/dt = (v_leak − v) + R·I
 * </pre>
 *
 * <table>
 *   <caption>Parameters (one value per neuron, or one shared value)</caption>
 *   <tr><th>name</th><th>NIR unit</th><th>engine reading</th><th>registry default</th><th>meaning</th></tr>
 *   <tr><td>tau_mem</td><td>s</td><td>s (registry: ms)</td><td>10 ms</td><td>membrane time constant</td></tr>
 *   <tr><td>tau_syn</td><td>s</td><td>s (registry: ms)</td><td>5 ms</td><td>synaptic time constant</td></tr>
 *   <tr><td>r</td><td>1</td><td>GΩ = mV/pA</td><td>1</td><td>input resistance</td></tr>
 *   <tr><td>v_leak</td><td>1</td><td>mV</td><td>0</td><td>leak potential, also the initial v</td></tr>
 *   <tr><td>w_in</td><td>1</td><td>1</td><td>1</td><td>input weight on the synaptic current</td></tr>
 * </table>
 *
 * <p>Discretisation as {@link NirCubaLif} ({@link NirCoefficients}); never spikes.
 */
public record NirCubaLi(double[] tauMem, double[] tauSyn, double[] r, double[] vLeak, double[] wIn,
                        NirDiscretisation discretisation) implements NirNeuron {

    public static final List<ParameterSpec> PARAMETERS = List.of(
            new ParameterSpec("tau_mem", Dimension.TIME, 10.0, "membrane time constant"),
            new ParameterSpec("tau_syn", Dimension.TIME, 5.0, "synaptic time constant"),
            new ParameterSpec("r", Dimension.RESISTANCE, 1.0, "input resistance (NIR r)"),
            new ParameterSpec("v_leak", Dimension.VOLTAGE, 0.0, "leak potential"),
            new ParameterSpec("w_in", Dimension.DIMENSIONLESS, 1.0, "input weight on the synaptic current"),
            new ParameterSpec("exact", Dimension.DIMENSIONLESS, 0.0, "1: exact integration, 0: forward Euler"));

    public NirCubaLi {
        String k = "nir_cuba_li";
        int n = NirParameters.neurons(k, new String[] {"tau_mem", "tau_syn", "r", "v_leak", "w_in"}, tauMem, tauSyn, r, vLeak, wIn);
        tauMem = NirParameters.positive(k, "tau_mem", NirParameters.broadcast(tauMem, n), "s");
        tauSyn = NirParameters.positive(k, "tau_syn", NirParameters.broadcast(tauSyn, n), "s");
        r = NirParameters.finite(k, "r", NirParameters.broadcast(r, n));
        vLeak = NirParameters.finite(k, "v_leak", NirParameters.broadcast(vLeak, n));
        wIn = NirParameters.finite(k, "w_in", NirParameters.broadcast(wIn, n));
        if (discretisation == null) discretisation = NirDiscretisation.EULER;
    }

    /** Shared parameters, time constants in seconds. */
    public NirCubaLi(double tauMem, double tauSyn, double r, double vLeak, double wIn, NirDiscretisation discretisation) {
        this(NirParameters.one(tauMem), NirParameters.one(tauSyn), NirParameters.one(r), NirParameters.one(vLeak),
                NirParameters.one(wIn), discretisation);
    }

    @Override public double[] tauMem() { return tauMem.clone(); }
    @Override public double[] tauSyn() { return tauSyn.clone(); }
    @Override public double[] r() { return r.clone(); }
    @Override public double[] vLeak() { return vLeak.clone(); }
    @Override public double[] wIn() { return wIn.clone(); }

    @Override public String kind() { return "nir_cuba_li"; }
    @Override public int neurons() { return tauMem.length; }
    @Override public boolean hasSynapticCurrent() { return true; }
    @Override public List<String> stateVariables() { return List.of("v", "i"); }
    @Override public List<Dimension> stateDimensions() { return List.of(Dimension.VOLTAGE, Dimension.CURRENT); }
    @Override public double[] restingState() { return new double[] {vLeak[0], 0.0}; }
    @Override public double[] leakPotential() { return vLeak.clone(); }

    @Override
    public NirCoefficients coefficients(double dtMs) {
        return NirCoefficients.of(discretisation, NirNeuron.seconds(dtMs), tauMem, tauSyn, r, wIn);
    }
}
