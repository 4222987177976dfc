package org.spikeforge.neurons;

/**
 * One time step of one population's neurons, over the index range {@code [from, to)}.
 *
 * <p>This is the model's reference update (scalar, exact where the dynamics are linear). A kernel
 * is bound to one time step {@code dt} and holds only precomputed propagators, so it is safe to
 * call concurrently on disjoint ranges.
 *
 * <p>Step semantics, shared by every model: input arriving in step {@code s} (the sum of the
 * weights of all spikes whose delay ends in {@code s}) is added to its target variable at the
 * start of step {@code s}; the state is then advanced from {@code s·dt} to {@code (s+1)·dt};
 * then the threshold {@code v > v_th} is tested, and a spike is reported as emitted in step
 * {@code s}. A neuron that spiked in step {@code k} keeps its membrane clamped in steps
 * {@code k+1 … k+R−1}, where {@code R = round(t_ref/dt)}, and integrates again from step
 * {@code k+R} (Brian2's refractory convention).
 */
@FunctionalInterface
public interface NeuronKernel {

    /**
     * Advances neurons {@code [from, to)} by one step.
     *
     * @param state      the population's state
     * @param inputSlot  offset into each receptor ring of this step's slot ({@code slot·size});
     *                   the kernel reads, then zeroes, {@code ring[r][inputSlot + i]}
     * @param spikes     output buffer of indices of neurons that spiked
     * @param count      number of entries already in {@code spikes}
     * @return the new number of entries in {@code spikes}
     */
    int step(PopulationState state, int inputSlot, int from, int to, int[] spikes, int count);
}
