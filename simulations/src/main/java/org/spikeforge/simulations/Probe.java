package org.spikeforge.simulations;

import org.spikeforge.hardware.CompiledNetwork;

/**
 * Something that records during a run. The simulator calls {@link #record} once per step after
 * all phases; a probe copies only what it records, and must not allocate in steady state.
 */
public interface Probe {

    /** Name of the probe (unique in a run). */
    String name();

    /** Called once before the first step. */
    default void start(CompiledNetwork net, long totalSteps) {}

    /** Called after step {@code step}. */
    void record(long step, CompiledNetwork net);

    /** Called once after the last step (also after an interrupted run). */
    default void finish(long stepsDone) {}
}
