package org.spikeforge.simulations;

import java.util.Arrays;
import org.spikeforge.hardware.CompiledNetwork;

/**
 * Samples one state variable of chosen neurons every {@code every} steps, after the step's update
 * (so sample {@code k} is the state at time {@code (step+1)·dt}, after any reset).
 */
public final class StateProbe implements Probe {
    private final String name;
    private final int population;
    private final int variable;
    private final int[] neurons;
    private final int every;
    private final double[] row;
    private double[] data = new double[0];
    private int[] sampleSteps = new int[0];
    private int samples;

    public StateProbe(String name, int population, int variable, int[] neurons, int every) {
        if (every < 1) throw new IllegalArgumentException("probe " + name + ": sampling interval must be >= 1 step");
        this.name = name;
        this.population = population;
        this.variable = variable;
        this.neurons = neurons.clone();
        this.every = every;
        this.row = new double[neurons.length];
    }

    @Override public String name() { return name; }

    public int population() { return population; }

    public int variable() { return variable; }

    public int[] neurons() { return neurons.clone(); }

    /** Sampling interval, steps. */
    public int every() { return every; }

    @Override
    public void start(CompiledNetwork net, long totalSteps) {
        int cap = (int) Math.min(Integer.MAX_VALUE / Math.max(1, neurons.length), totalSteps / every + 1);
        data = new double[cap * neurons.length];
        sampleSteps = new int[cap];
        samples = 0;
    }

    @Override
    public void record(long step, CompiledNetwork net) {
        if (step % every != 0) return;
        if (samples == sampleSteps.length) {
            sampleSteps = Arrays.copyOf(sampleSteps, Math.max(4, samples * 2));
            data = Arrays.copyOf(data, sampleSteps.length * neurons.length);
        }
        net.readState(population, variable, neurons, row);
        System.arraycopy(row, 0, data, samples * neurons.length, neurons.length);
        sampleSteps[samples++] = Math.toIntExact(step);
    }

    public int samples() { return samples; }

    /** The step after which sample {@code k} was taken. */
    public int sampleStep(int k) { return sampleSteps[k]; }

    /** Value of neuron {@code neurons()[j]} in sample {@code k}. */
    public double value(int k, int j) { return data[k * neurons.length + j]; }

    /** The trace of neuron {@code neurons()[j]}. */
    public double[] trace(int j) {
        double[] t = new double[samples];
        for (int k = 0; k < samples; k++) t[k] = data[k * neurons.length + j];
        return t;
    }
}
