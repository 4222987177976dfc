package org.spikeforge.neurons;

/**
 * Struct-of-arrays state of one population: every state variable is a primitive array indexed by
 * neuron. The fields are public and final on purpose: kernels read and write them directly in
 * their inner loops.
 *
 * <p>Invariants: {@code vars[k].length == size} for every variable {@code k} (named by
 * {@link NeuronModel#stateVariables()}, {@code v} first); {@code ring[r].length == slots·size}
 * for every receptor {@code r}; {@code refractory[i]} counts the steps left in neuron {@code i}'s
 * refractory period; {@code iExt[i]} is the external current in pA during the current step.
 */
public final class PopulationState {
    public final int size;
    public final int slots;
    public final double[][] vars;
    public final int[] refractory;
    public final double[][] ring;
    public final double[] iExt;

    public PopulationState(int size, int variables, int receptors, int slots) {
        if (size < 0) throw new IllegalArgumentException("size must be >= 0, was " + size);
        if (slots < 1) throw new IllegalArgumentException("slots must be >= 1, was " + slots);
        this.size = size;
        this.slots = slots;
        this.vars = new double[variables][size];
        this.refractory = new int[size];
        this.ring = new double[receptors][(int) Math.multiplyExact((long) slots, (long) size)];
        this.iExt = new double[size];
    }

    /** The membrane potential, always variable 0. */
    public double[] v() {
        return vars[0];
    }
}
