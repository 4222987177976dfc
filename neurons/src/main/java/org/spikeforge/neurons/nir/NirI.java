package org.spikeforge.neurons.nir;

import java.util.List;
import org.spikeforge.neurons.Dimension;
import org.spikeforge.neurons.ParameterSpec;

/**
 * NIR's integrator ({@code nir_i}; NIR {@code I}): a non-spiking neuron that sums its input.
 *
 * <pre>
 *   dv/dt = R·x
 * </pre>
 *
 * <table>
 *   <caption>Parameters (one value per neuron, or one shared value)</caption>
 *   <tr><th>name</th><th>NIR unit</th><th>engine reading</th><th>registry default</th><th>meaning</th></tr>
 *   <tr><td>r</td><td>1/s</td><td>mV/(pA·s), registry: Hz</td><td>1000 Hz</td><td>input gain per second</td></tr>
 * </table>
 *
 * <p>One step: {@code v ← v + R·dt·x} with dt in seconds. The initial v is 0.
 */
public record NirI(double[] r) implements NirNeuron {

    public static final List<ParameterSpec> PARAMETERS = List.of(
            new ParameterSpec("r", Dimension.FREQUENCY, 1000.0, "input gain per second (NIR r)"));

    public NirI {
        r = NirParameters.finite("nir_i", "r", NirParameters.broadcast(r, NirParameters.neurons("nir_i", new String[] {"r"}, r)));
    }

    /** A shared gain. */
    public NirI(double r) {
        this(NirParameters.one(r));
    }

    @Override public double[] r() { return r.clone(); }

    @Override public String kind() { return "nir_i"; }
    @Override public int neurons() { return r.length; }
    @Override public NirDiscretisation discretisation() { return NirDiscretisation.EULER; }
    @Override public List<String> stateVariables() { return List.of("v"); }
    @Override public List<Dimension> stateDimensions() { return List.of(Dimension.VOLTAGE); }
    @Override public double[] restingState() { return new double[] {0.0}; }
    @Override public double[] leakPotential() { return new double[r.length]; }

    @Override
    public NirCoefficients coefficients(double dtMs) {
        return NirCoefficients.of(NirDiscretisation.EULER, NirNeuron.seconds(dtMs), null, null, r, null);
    }
}
