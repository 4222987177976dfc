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

    /**
     * Checks the backend-specific settings of {@code options} without compiling anything, so that
     * a tool (a sweep) can reject a bad key or value before any run starts. Throws an
     * {@link IllegalArgumentException} naming the key; the default accepts everything.
     */
    default void checkOptions(BackendOptions options) {}

    /** Compiles {@code graph}; the result owns all per-run state. */
    CompiledNetwork compile(NetworkGraph graph, BackendOptions options);
}
