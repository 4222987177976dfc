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
        EventNetwork n = new EventNetwork(graph);
        n.warmUpSteps(warmUp(options));
        return n;
    }

    /**
     * Warm-up steps in {@code auto} mode (the default), for the first event network in a JVM: as for
     * {@code simd}, enough for C2 to compile the methods called once a step; later networks find them compiled.
     */
    static final long AUTO_WARM_UP_STEPS = Long.getLong("spikeforge.eventWarmUp", 10_000);
    private static final java.util.concurrent.atomic.AtomicBoolean WARMED = new java.util.concurrent.atomic.AtomicBoolean();

    /** The {@code warmup} option: {@code auto} (the default) or a whole number of steps (0: none). */
    private static long warmUp(BackendOptions options) {
        String v = options.extra().getOrDefault("warmup", "auto").trim();
        if (v.equals("auto")) return WARMED.compareAndSet(false, true) ? AUTO_WARM_UP_STEPS : 0;
        try {
            long n = Long.parseLong(v);
            if (n >= 0) return n;
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("event backend: option warmup: value '" + v + "': expected auto or a whole number of steps (0: none)");
    }
}
