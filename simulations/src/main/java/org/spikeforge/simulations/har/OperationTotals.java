package org.spikeforge.simulations.har;

/**
 * Operations counted over a set of windows: the engine's counts (neuron updates, synaptic events,
 * spikes) plus those of the model's own input encoder and readout.
 *
 * @param windows              windows classified
 * @param steps                time steps
 * @param neuronUpdates        neuron state updates (engine)
 * @param synapticEvents       spike deliveries to synapses (engine)
 * @param inputSpikes          spikes from the input encoder (engine)
 * @param neuronSpikes         spikes of the network's neurons (engine)
 * @param encoderUpdates       input encoder integrator updates
 * @param readoutAccumulations additions of readout weights into class accumulators
 */
public record OperationTotals(long windows, long steps, long neuronUpdates, long synapticEvents, long inputSpikes,
                              long neuronSpikes, long encoderUpdates, long readoutAccumulations) {

    public static final OperationTotals ZERO = new OperationTotals(0, 0, 0, 0, 0, 0, 0, 0);

    public OperationTotals plus(OperationTotals o) {
        return new OperationTotals(windows + o.windows, steps + o.steps, neuronUpdates + o.neuronUpdates,
                synapticEvents + o.synapticEvents, inputSpikes + o.inputSpikes, neuronSpikes + o.neuronSpikes,
                encoderUpdates + o.encoderUpdates, readoutAccumulations + o.readoutAccumulations);
    }

    private double mean(long x) {
        return windows == 0 ? 0 : x / (double) windows;
    }

    /** Synaptic operations per window: spike deliveries plus readout accumulations. */
    public double synapticOpsPerWindow() {
        return mean(synapticEvents + readoutAccumulations);
    }

    public double synapticEventsPerWindow() { return mean(synapticEvents); }

    public double neuronUpdatesPerWindow() { return mean(neuronUpdates); }

    public double encoderUpdatesPerWindow() { return mean(encoderUpdates); }

    public double readoutAccumulationsPerWindow() { return mean(readoutAccumulations); }

    public double spikesPerWindow() { return mean(inputSpikes + neuronSpikes); }

    public double stepsPerWindow() { return mean(steps); }
}
