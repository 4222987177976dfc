package org.spikeforge.simulations.har;

import java.util.Map;

/**
 * What a model occupies on a device.
 *
 * @param parameterBytes weights (values, sparse indices, scales) and biases: the model size
 * @param stateBytes     neuron state and encoder state
 * @param bufferBytes    activation buffers: input window, spike list, class accumulators
 * @param neurons        neurons, encoder channels and readout units
 * @param synapses       stored (non-zero) weights
 * @param weightBits     bits per stored weight
 * @param floatWeights   weights are floating point
 * @param stateBits      bits per state variable
 * @param floatState     state is floating point
 * @param parts          parameter bytes per tensor
 */
public record Footprint(long parameterBytes, long stateBytes, long bufferBytes, long neurons, long synapses, int weightBits,
                        boolean floatWeights, int stateBits, boolean floatState, Map<String, Long> parts) {
    public Footprint {
        parts = Map.copyOf(parts);
    }
}
