package org.spikeforge.simulations;

import java.util.Arrays;
import org.spikeforge.hardware.CompiledNetwork;

/**
 * Records every spike of one node (population or source) in memory as (step, neuron) pairs, in
 * step order and ascending neuron order within a step.
 */
public final class SpikeProbe implements Probe {
    private final String name;
    private final int node;
    private int[] steps = new int[1024];
    private int[] neurons = new int[1024];
    private int n;

    public SpikeProbe(String name, int node) {
        this.name = name;
        this.node = node;
    }

    @Override public String name() { return name; }

    public int node() { return node; }

    @Override
    public void record(long step, CompiledNetwork net) {
        int c = net.spikeCount(node);
        if (c == 0) return;
        if (n + c > steps.length) {
            int cap = Math.max(n + c, steps.length * 2);
            steps = Arrays.copyOf(steps, cap);
            neurons = Arrays.copyOf(neurons, cap);
        }
        int[] s = net.spikes(node);
        int st = Math.toIntExact(step);
        for (int k = 0; k < c; k++) {
            steps[n + k] = st;
            neurons[n + k] = s[k];
        }
        n += c;
    }

    /** Number of recorded spikes. */
    public int count() { return n; }

    /** Step of each spike (a copy). */
    public int[] steps() { return Arrays.copyOf(steps, n); }

    /** Neuron of each spike (a copy). */
    public int[] neurons() { return Arrays.copyOf(neurons, n); }

    /** Spike times in ms of one neuron (step × dt). */
    public double[] timesOf(int neuron, double dtMs) {
        int c = 0;
        for (int k = 0; k < n; k++) if (neurons[k] == neuron) c++;
        double[] t = new double[c];
        c = 0;
        for (int k = 0; k < n; k++) if (neurons[k] == neuron) t[c++] = steps[k] * dtMs;
        return t;
    }
}
