package org.spikeforge.neurons;

import java.util.ArrayList;
import java.util.List;

/** Test helper: one neuron of a model, stepped by its reference kernel. */
final class Sim {
    final NeuronModel model;
    final PopulationState state;
    final NeuronKernel kernel;
    final double dt;
    private final int[] spikes = new int[1];
    long step;

    Sim(NeuronModel model, double dt) {
        this.model = model;
        this.dt = dt;
        this.state = new PopulationState(1, model.stateVariables().size(), model.receptors().size(), 1);
        double[] r = model.restingState();
        for (int k = 0; k < r.length; k++) state.vars[k][0] = r[k];
        this.kernel = model.kernel(dt);
    }

    /** Advances one step; true if the neuron spiked. */
    boolean step() {
        step++;
        return kernel.step(state, 0, 0, 1, spikes, 0) == 1;
    }

    /** Spike times (ms, step index × dt) over {@code steps} steps. */
    List<Double> run(long steps) {
        List<Double> t = new ArrayList<>();
        for (long s = 0; s < steps; s++) {
            long at = step;
            if (step()) t.add(at * dt);
        }
        return t;
    }

    double v() { return state.vars[0][0]; }

    double var(String name) { return state.vars[model.stateIndex(name)][0]; }

    static double[] isis(List<Double> t) {
        double[] d = new double[Math.max(0, t.size() - 1)];
        for (int i = 1; i < t.size(); i++) d[i - 1] = t.get(i) - t.get(i - 1);
        return d;
    }

    static double mean(double[] a, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += a[i];
        return s / (to - from);
    }

    static double cv(double[] a, int from, int to) {
        double m = mean(a, from, to), s = 0;
        for (int i = from; i < to; i++) s += (a[i] - m) * (a[i] - m);
        return Math.sqrt(s / (to - from)) / m;
    }
}
