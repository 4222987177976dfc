package org.spikeforge.simulations.har;

import java.util.List;
import org.spikeforge.hardware.edge.EdgeCostModel;
import org.spikeforge.hardware.edge.EdgeDevice;
import org.spikeforge.hardware.edge.EdgeEstimate;
import org.spikeforge.hardware.edge.InferenceWorkload;

/**
 * A (compressed) model evaluated on test windows, and what it would cost on edge devices: the
 * operation counts the engine made on the test set, averaged per window, become the
 * {@link InferenceWorkload} of {@link EdgeCostModel}.
 *
 * @param model      the model as simulated
 * @param evaluation its evaluation on the test windows
 */
public record Deployment(HarModel model, Evaluation evaluation) {

    /** Evaluates {@code model} on {@code standardisedTest}. */
    public static Deployment of(HarModel model, HarWindows standardisedTest) {
        return new Deployment(model, model.evaluate(standardisedTest));
    }

    public Metrics metrics() {
        return evaluation.metrics();
    }

    /** Per-window means of the counted operations, with the model's memory footprint. */
    public InferenceWorkload workload() {
        OperationTotals o = evaluation.operations();
        Footprint f = model.footprint();
        return new InferenceWorkload(o.synapticEventsPerWindow(), o.neuronUpdatesPerWindow(), o.encoderUpdatesPerWindow(),
                o.readoutAccumulationsPerWindow(), o.spikesPerWindow(), o.stepsPerWindow(), f.neurons(), f.weightBits(), f.floatWeights(),
                f.stateBits(), f.floatState(), f.parameterBytes(), f.stateBytes(), f.bufferBytes());
    }

    public EdgeEstimate on(EdgeDevice device) {
        return EdgeCostModel.estimate(device, workload());
    }

    public List<EdgeEstimate> onAll(List<EdgeDevice> devices) {
        InferenceWorkload w = workload();
        return devices.stream().map(d -> EdgeCostModel.estimate(d, w)).toList();
    }
}
