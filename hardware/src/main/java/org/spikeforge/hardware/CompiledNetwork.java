package org.spikeforge.hardware;

/**
 * A network compiled for one backend. The simulator calls the phases of each step in this order:
 * {@link #applyInputs}, {@link #updateNeurons}, {@link #propagate}, {@link #learn}; afterwards the
 * spikes of the step can be read with {@link #spikeCount} and {@link #spikes}, and state with
 * {@link #readState}. These are the same few phases on every substrate (as in GeNN).
 */
public interface CompiledNetwork extends AutoCloseable {

    NetworkGraph graph();

    /** Phase 1: sources emit their spikes for {@code step}; injected currents take their values. */
    void applyInputs(long step);

    /** Phase 2: every population advances one step; its spikes become readable. */
    void updateNeurons(long step);

    /** Phase 3: this step's spikes are delivered into the targets' delay buffers (event-driven). */
    void propagate(long step);

    /** Phase 4: plasticity on this step's spikes. No-op for static networks. */
    default void learn(long step) {}

    /** Number of spikes node {@code node} emitted in the current step. */
    int spikeCount(int node);

    /**
     * Indices of the neurons of node {@code node} that spiked in the current step, in
     * {@code [0, spikeCount(node))}, ascending. Valid until the next call of a phase.
     */
    int[] spikes(int node);

    /** Copies variable {@code var} of population {@code pop} for the given neurons into {@code dst}. */
    void readState(int pop, int var, int[] neurons, double[] dst);

    /**
     * Copies the current weights of projection {@code projection} (CSR order, engine units) into
     * {@code dst}. Plastic projections report their learned weights; static ones their initial weights.
     */
    default void readWeights(int projection, float[] dst) {
        float[] w = graph().projections().get(projection).weights();
        System.arraycopy(w, 0, dst, 0, w.length);
    }

    /** Operation counts so far, for the cost model. */
    OperationCounts counts();

    /**
     * Whether {@link #resetState()} is supported. Backends that cannot restore their state in place
     * (for example when it lives on a device and was never mirrored) return false, and callers that
     * run many independent trials compile the graph again instead.
     */
    default boolean canResetState() {
        return false;
    }

    /**
     * Restores every population to its initial state (membranes, synaptic variables, refractory
     * counters), clears the delay buffers and pending spikes, and resets every spike source, so that
     * the next step is step 0 of a fresh trial on the same compiled network. Learned weights are kept.
     *
     * @throws IllegalStateException when {@link #canResetState()} is false
     */
    default void resetState() {
        throw new IllegalStateException(getClass().getSimpleName() + " cannot reset its state in place; compile the graph again");
    }

    /**
     * Steps the simulator runs before the first timed run of this network and then undoes ({@link #resetState}
     * and {@link OperationCounts#clear}), so that the JIT compiler has compiled the step methods before the
     * clock starts: a JVM runs a method interpreted, then compiled without optimisation, and optimises it only
     * after thousands of calls, which for a method called once a step is most of a short run. 0 (the default):
     * no warm-up. Networks that return more than 0 must support {@link #resetState} and have no plasticity
     * that {@link #resetState} would not undo.
     */
    default long warmUpSteps() {
        return 0;
    }

    @Override
    default void close() {}
}
