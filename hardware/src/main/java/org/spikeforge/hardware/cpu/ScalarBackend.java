package org.spikeforge.hardware.cpu;

import org.spikeforge.hardware.Backend;
import org.spikeforge.hardware.BackendOptions;
import org.spikeforge.hardware.CompiledNetwork;
import org.spikeforge.hardware.NetworkGraph;

/**
 * The reference backend: one thread, each model's own {@link org.spikeforge.neurons.NeuronKernel},
 * plain loops. Obviously correct rather than fast; every other backend is tested against it.
 */
public final class ScalarBackend implements Backend {
    @Override public String name() { return "scalar"; }

    @Override public String description() { return "reference CPU backend: single thread, scalar, exact"; }

    @Override
    public CompiledNetwork compile(NetworkGraph graph, BackendOptions options) {
        return new CpuNetwork(graph);
    }
}
