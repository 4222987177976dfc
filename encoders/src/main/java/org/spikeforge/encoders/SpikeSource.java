package org.spikeforge.encoders;

/**
 * A population of spike generators: each step it reports which of its channels spike. Sources are
 * stateful (a position in a spike list, a random stream) and are advanced once per step, in step
 * order, by one thread.
 */
public interface SpikeSource {

    /** Number of channels (neurons) of the source. */
    int size();

    /**
     * Writes the indices of the channels that spike in step {@code step} to {@code out}, starting
     * at 0, and returns how many. {@code out} has room for {@link #size()} entries.
     */
    int spikes(long step, int[] out);

    /** Restarts the source at step 0 (sources with a random stream are re-seeded as built). */
    void reset();
}
