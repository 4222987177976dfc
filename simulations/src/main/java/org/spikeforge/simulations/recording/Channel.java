package org.spikeforge.simulations.recording;

import java.util.Arrays;

/**
 * One recorded stream of a run: the spikes of a node (population or input), or one state variable of
 * chosen neurons of a population sampled every {@code every} steps.
 *
 * <p>In the queue each step carries, per channel, a count followed by that many ints: the indices of
 * the neurons that spiked (ascending), or the sampled values as float32 bits in the order of
 * {@link #neurons()}. A state channel that was not sampled in a step has count {@code -1}.
 *
 * @param name     probe name from the scenario (unique in a run)
 * @param kind     what is recorded
 * @param target   name of the population or input
 * @param node     node index of the target in the network graph
 * @param size     number of neurons of the target
 * @param variable state variable name (state channels only, else {@code null})
 * @param varIndex state variable index in the model's layout (state channels only, else -1)
 * @param neurons  sampled neurons (state channels only, else empty)
 * @param every    sampling interval in steps (state channels; 1 for spike channels)
 * @param unit     engine unit of the variable, e.g. {@code mV} (state channels; else {@code null})
 */
public record Channel(String name, Kind kind, String target, int node, int size, String variable, int varIndex,
                      int[] neurons, int every, String unit) {

    /** What a channel records. */
    public enum Kind { SPIKES, STATE }

    public Channel {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("channel name must not be empty");
        if (size < 1) throw new IllegalArgumentException("channel " + name + ": target size must be >= 1, was " + size);
        if (every < 1) throw new IllegalArgumentException("channel " + name + ": sampling interval must be >= 1 step, was " + every);
        neurons = neurons == null ? new int[0] : neurons.clone();
        if (kind == Kind.STATE) {
            if (variable == null || varIndex < 0) throw new IllegalArgumentException("channel " + name + ": state channel needs a variable");
            if (neurons.length == 0) throw new IllegalArgumentException("channel " + name + ": state channel needs at least one neuron");
            for (int n : neurons) {
                if (n < 0 || n >= size) {
                    throw new IllegalArgumentException("channel " + name + ": neuron " + n + " outside [0, " + size + ")");
                }
            }
        }
    }

    public static Channel spikes(String name, String target, int node, int size) {
        return new Channel(name, Kind.SPIKES, target, node, size, null, -1, new int[0], 1, null);
    }

    public static Channel state(String name, String target, int population, int size, String variable, int varIndex,
                                int[] neurons, int every, String unit) {
        return new Channel(name, Kind.STATE, target, population, size, variable, varIndex, neurons, every, unit);
    }

    @Override
    public int[] neurons() {
        return neurons.clone();
    }

    /** Number of sampled neurons of a state channel (no copy). */
    public int sampledNeurons() {
        return neurons.length;
    }

    /** Largest number of ints this channel adds to one step's record, after its count. */
    int maxPayload() {
        return kind == Kind.SPIKES ? size : neurons.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Channel c && name.equals(c.name) && kind == c.kind && target.equals(c.target) && node == c.node
                && size == c.size && java.util.Objects.equals(variable, c.variable) && varIndex == c.varIndex
                && Arrays.equals(neurons, c.neurons) && every == c.every && java.util.Objects.equals(unit, c.unit);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, kind, target, node, size, variable, varIndex, Arrays.hashCode(neurons), every);
    }

    @Override
    public String toString() {
        return kind == Kind.SPIKES ? name + " (spikes of " + target + ", " + size + " neurons)"
                : name + " (" + target + "." + variable + " of " + neurons.length + " neurons every " + every + " steps)";
    }
}
