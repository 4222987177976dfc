package org.spikeforge.neurons.nir;

import java.util.List;
import org.spikeforge.neurons.Dimension;
import org.spikeforge.neurons.ParameterSpec;

/**
 * NIR's leaky integrator ({@code nir_li}; NIR {@code LI}): a non-spiking readout neuron whose
 * output is its membrane.
 *
 * <pre>
 *   τ dv/dt = (v_leak − v) + R·x
 * </pre>
 *
 * <table>
 *   <caption>Parameters (one value per neuron, or one shared value)</caption>
 *   <tr><th>name</th><th>NIR unit</th><th>engine reading</th><th>registry default</th><th>meaning</th></tr>
 *   <tr><td>tau</td><td>s</td><td>s (registry: ms)</td><td>10 ms</td><td>time constant</td></tr>
 *   <tr><td>r</td><td>1</td><td>GΩ = mV/pA</td><td>1</td><td>input resistance</td></tr>
 *   <tr><td>v_leak</td><td>1</td><td>mV</td><td>0</td><td>leak potential, also the initial v</td></tr>
 * </table>
 *
 * <p>Discretisation as {@link NirLif} ({@link NirCoefficients}); never spikes.
 */
public record NirLi(double[] tau, double[] r, double[] vLeak, NirDiscretisation discretisation) implements NirNeuron {

    public static final List<ParameterSpec> PARAMETERS = List.of(
            new ParameterSpec("tau", Dimension.TIME, 10.0, "time constant"),
            new ParameterSpec("r", Dimension.RESISTANCE, 1.0, "input resistance (NIR r)"),
            new ParameterSpec("v_leak", Dimension.VOLTAGE, 0.0, "leak potential"),
            new ParameterSpec("exact", Dimension.DIMENSIONLESS, 0.0, "1: exact integration, 0: forward Euler"));

    public NirLi {
        int n = NirParameters.neurons("nir_li", new String[] {"tau", "r", "v_leak"}, tau, r, vLeak);
        tau = NirParameters.positive("nir_li", "tau", NirParameters.broadcast(tau, n), "s");
        r = NirParameters.finite("nir_li", "r", NirParameters.broadcast(r, n));
        vLeak = NirParameters.finite("nir_li", "v_leak", NirParameters.broadcast(vLeak, n));
        if (discretisation == null) discretisation = NirDiscretisation.EULER;
    }

    /** Shared parameters, time constant in seconds. */
    public NirLi(double tau, double r, double vLeak, NirDiscretisation discretisation) {
        this(NirParameters.one(tau), NirParameters.one(r), NirParameters.one(vLeak), discretisation);
    }

    @Override public double[] tau() { return tau.clone(); }
    @Override public double[] r() { return r.clone(); }
    @Override public double[] vLeak() { return vLeak.clone(); }

    @Override public String kind() { return "nir_li"; }
    @Override public int neurons() { return tau.length; }
    @Override public List<String> stateVariables() { return List.of("v"); }
    @Override public List<Dimension> stateDimensions() { return List.of(Dimension.VOLTAGE); }
    @Override public double[] restingState() { return new double[] {vLeak[0]}; }
    @Override public double[] leakPotential() { return vLeak.clone(); }

    @Override
    public NirCoefficients coefficients(double dtMs) {
        return NirCoefficients.of(discretisation, NirNeuron.seconds(dtMs), tau, null, r, null);
    }
}
