package org.spikeforge.neurons;

/** Drives one model's reference kernel directly, without any engine: one neuron, input per step. */
final class KernelHarness {
    final NeuronModel model;
    final PopulationState state;
    final NeuronKernel kernel;
    final int[] spikes;
    long step;

    KernelHarness(NeuronModel model, int size, double dtMs) {
        this.model = model;
        this.state = new PopulationState(size, model.stateVariables().size(), model.receptors().size(), 1);
        double[] rest = model.restingState();
        for (int k = 0; k < rest.length; k++) java.util.Arrays.fill(state.vars[k], rest[k]);
        this.kernel = model.kernel(dtMs);
        this.spikes = new int[size];
    }

    /** Adds {@code w} to receptor {@code r} of neuron {@code i} for the next step. */
    void input(int r, int i, double w) {
        state.ring[r][i] += w;
    }

    /** Advances one step; returns the number of spikes. */
    int step() {
        int n = kernel.step(state, 0, 0, state.size, spikes, 0);
        step++;
        return n;
    }
}
