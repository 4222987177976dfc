package org.spikeforge.hardware.event;

import org.spikeforge.hardware.Backend;
import org.spikeforge.hardware.BackendOptions;
import org.spikeforge.hardware.CompiledNetwork;
import org.spikeforge.hardware.NetworkGraph;

/**
 * The fully event-driven mode for {@code lif} and {@code if} networks with delta synapses: neurons
 * are updated analytically only when a spike reaches them, threshold crossings under a constant
 * current are solved exactly, and spike times are exact rather than on the grid (see
 * {@link EventNetwork}). Single-threaded; {@link ModeSelector} says when it beats stepping.
 */
public final class EventBackend implements Backend {
    @Override public String name() { return "event"; }

    @Override
    public String description() {
        return "event-driven, exact spike times (lif and if with delta synapses only); fast on sparse activity";
    }

    /** @throws IllegalArgumentException naming the population and model when a model other than lif or if is present */
    @Override
    public CompiledNetwork compile(NetworkGraph graph, BackendOptions options) {
        return new EventNetwork(graph);
    }
}
