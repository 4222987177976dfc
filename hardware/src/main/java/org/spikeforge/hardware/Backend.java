package org.spikeforge.hardware;

/**
 * A substrate a network runs on: it compiles a {@link NetworkGraph} once, choosing its own kernel
 * for each model, and then executes the phases of a time step when the simulator asks. The run
 * loop (clock, probes, stopping) belongs to the simulator, not to the backend.
 */
public interface Backend {

    /** Name used on the command line and in reports ("scalar", "simd", ...). */
    String name();

    /** One-line description for listings. */
    String description();

    /** Compiles {@code graph}; the result owns all per-run state. */
    CompiledNetwork compile(NetworkGraph graph, BackendOptions options);
}
