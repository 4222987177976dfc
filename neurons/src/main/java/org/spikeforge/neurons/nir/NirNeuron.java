package org.spikeforge.neurons.nir;

import org.spikeforge.neurons.Dimension;
import org.spikeforge.neurons.NeuronKernel;
import org.spikeforge.neurons.NeuronModel;

/**
 * A neuron of the Neuromorphic Intermediate Representation, with NIR's parameters (one value per
 * neuron, or one shared by all) and the discretisation chosen for it ({@link NirDiscretisation}).
 * Units are NIR's, read in the engine's units as described in the package documentation: time
 * constants in seconds, {@code v} in mV, the input {@code x} and current {@code I} in pA.
 *
 * <p>Every implementation steps with the coefficients of {@link NirCoefficients}, the same ones
 * the NIR reference executor uses, and with the same operations in the same order.
 */
public sealed interface NirNeuron extends NeuronModel permits NirSpikingNeuron, NirLi, NirCubaLi, NirI {

    /** Number of neurons the per-neuron parameters describe, or 1 when every parameter is shared. */
    int neurons();

    NirDiscretisation discretisation();

    /**
     * The membrane potential the leak pulls towards, per neuron ({@code v_leak}; zeros for the
     * integrators IF and I, which have none). This is the {@code v_leak} of the {@code cM·v_leak}
     * term and the initial membrane.
     */
    double[] leakPotential();

    /** Per-neuron parameters fit only a population of their own size; shared ones fit any. */
    @Override
    default void checkPopulationSize(int size) {
        if (neurons() != 1 && neurons() != size) {
            throw new IllegalArgumentException(kind() + " has parameters for " + neurons() + " neurons, not for a population of " + size);
        }
    }

    /** Whether the model has a synaptic current {@code i} (CubaLIF, CubaLI). */
    default boolean hasSynapticCurrent() {
        return false;
    }

    /** The step coefficients for a time step of {@code dtMs} milliseconds (NIR's time is in seconds). */
    NirCoefficients coefficients(double dtMs);

    /** The one input port: NIR's {@code x}, in pA (see the package documentation). */
    @Override
    default java.util.List<String> receptors() {
        return java.util.List.of("x");
    }

    @Override
    default Dimension receptorDimension(int receptor) {
        return Dimension.CURRENT;
    }

    /** NIR neurons have no refractory period. */
    @Override
    default double refractoryMs() {
        return 0.0;
    }

    @Override
    default NeuronKernel kernel(double dtMs) {
        return NirSteps.leaky(coefficients(dtMs), leakPotential(), kind());
    }

    /** {@code dtMs} as NIR seconds. */
    static double seconds(double dtMs) {
        return dtMs / 1000.0;
    }
}
