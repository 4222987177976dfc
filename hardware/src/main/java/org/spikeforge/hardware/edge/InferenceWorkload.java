package org.spikeforge.hardware.edge;

/**
 * What one inference (one input window) of a spiking model costs in operations and memory: the
 * input of {@link EdgeCostModel}. The operation figures are means over the windows a simulation
 * counted, not figures derived from parameter counts.
 *
 * <table>
 *   <caption>Fields</caption>
 *   <tr><th>field</th><th>unit</th><th>meaning</th></tr>
 *   <tr><td>synapticEvents</td><td>1</td><td>spike deliveries: one per synapse reached by a spike (sparse scatter-add)</td></tr>
 *   <tr><td>neuronUpdates</td><td>1</td><td>neuron state updates: neurons × time steps</td></tr>
 *   <tr><td>encoderUpdates</td><td>1</td><td>input encoder updates (one integrate-compare per input channel per step)</td></tr>
 *   <tr><td>readoutAccumulations</td><td>1</td><td>additions of a readout weight into a class accumulator</td></tr>
 *   <tr><td>spikes</td><td>1</td><td>spikes emitted (inputs and neurons)</td></tr>
 *   <tr><td>steps</td><td>1</td><td>time steps</td></tr>
 *   <tr><td>neurons</td><td>1</td><td>neurons, encoder channels and readout units the device must hold</td></tr>
 *   <tr><td>weightBits</td><td>bit</td><td>bits per stored weight; 32 with {@code floatWeights}</td></tr>
 *   <tr><td>floatWeights</td><td>-</td><td>weights are fp32 (or decoded to fp32 for arithmetic, as FP8 is on these cores)</td></tr>
 *   <tr><td>stateBits</td><td>bit</td><td>bits per neuron state variable; 32 with {@code floatState}</td></tr>
 *   <tr><td>floatState</td><td>-</td><td>neuron state is fp32</td></tr>
 *   <tr><td>parameterBytes</td><td>byte</td><td>stored model: weights, indices, scales, biases (goes to flash on an MCU)</td></tr>
 *   <tr><td>stateBytes</td><td>byte</td><td>neuron state, synaptic input buffers, encoder state</td></tr>
 *   <tr><td>bufferBytes</td><td>byte</td><td>activation buffers: the input window, spike lists, readout accumulators</td></tr>
 * </table>
 */
public record InferenceWorkload(double synapticEvents, double neuronUpdates, double encoderUpdates,
                                double readoutAccumulations, double spikes, double steps, long neurons,
                                int weightBits, boolean floatWeights, int stateBits, boolean floatState,
                                long parameterBytes, long stateBytes, long bufferBytes) {

    public InferenceWorkload {
        check("synaptic events", synapticEvents);
        check("neuron updates", neuronUpdates);
        check("encoder updates", encoderUpdates);
        check("readout accumulations", readoutAccumulations);
        check("spikes", spikes);
        check("steps", steps);
        if (neurons < 0 || parameterBytes < 0 || stateBytes < 0 || bufferBytes < 0) {
            throw new IllegalArgumentException("workload: neurons and byte counts must be >= 0");
        }
        if (weightBits < 1 || weightBits > 64) throw new IllegalArgumentException("workload: weight bits must be in [1, 64], was " + weightBits);
        if (stateBits < 1 || stateBits > 64) throw new IllegalArgumentException("workload: state bits must be in [1, 64], was " + stateBits);
    }

    private static void check(String what, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) throw new IllegalArgumentException("workload: " + what + " must be finite and >= 0, was " + v);
    }
}
