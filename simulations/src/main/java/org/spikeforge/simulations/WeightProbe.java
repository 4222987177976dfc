package org.spikeforge.simulations;

import java.util.Arrays;
import org.spikeforge.hardware.CompiledNetwork;
import org.spikeforge.hardware.NetworkGraph;

/**
 * Samples the weights of chosen synapses of one projection every {@code every} steps, after the
 * step's learning phase (so sample {@code k} holds the weights at time {@code (step+1)·dt}), as
 * {@link StateProbe} samples state. Synapse {@code j} of a projection counts through its delay
 * groups in order, each in CSR order (by source, then as stored); {@link #source} and
 * {@link #target} say which pair each recorded synapse joins. Weights are in the engine unit of
 * the projection's receptor.
 */
public final class WeightProbe implements Probe {
    private final String name;
    private final int[] groups;
    private final int[] groupStart; // first synapse index of each group; groupStart[groups.length] = total
    private final int[] synapses;
    private final int[] group, local, source, target;
    private final int every;
    private float[][] buffers;
    private double[] data = new double[0];
    private int[] sampleSteps = new int[0];
    private int samples;

    /**
     * @param name     probe name
     * @param graph    the network graph (for the projection's groups and their synapses)
     * @param groups   indices into {@code graph.projections()} of the projection's delay groups ({@link Network#projectionGroups})
     * @param synapses projection-wide synapse indices to record
     * @param every    sampling interval in steps, >= 1
     */
    public WeightProbe(String name, NetworkGraph graph, int[] groups, int[] synapses, int every) {
        if (every < 1) throw new IllegalArgumentException("probe " + name + ": sampling interval must be >= 1 step");
        if (groups.length == 0) throw new IllegalArgumentException("probe " + name + ": a projection has at least one group");
        this.name = name;
        this.groups = groups.clone();
        this.groupStart = new int[groups.length + 1];
        for (int g = 0; g < groups.length; g++) {
            groupStart[g + 1] = groupStart[g] + graph.projections().get(groups[g]).connectivity().synapses();
        }
        int total = groupStart[groups.length];
        this.synapses = synapses.clone();
        this.group = new int[synapses.length];
        this.local = new int[synapses.length];
        this.source = new int[synapses.length];
        this.target = new int[synapses.length];
        for (int k = 0; k < synapses.length; k++) {
            int j = synapses[k];
            if (j < 0 || j >= total) throw new IllegalArgumentException("probe " + name + ": synapse " + j + " outside [0, " + total + ")");
            int g = 0;
            while (groupStart[g + 1] <= j) g++;
            group[k] = g;
            local[k] = j - groupStart[g];
            var csr = graph.projections().get(groups[g]).connectivity();
            int[] rowStart = csr.rowStart();
            int s = 0;
            while (rowStart[s + 1] <= local[k]) s++;
            source[k] = s;
            target[k] = csr.targets()[local[k]];
        }
        this.every = every;
    }

    @Override public String name() { return name; }

    /** Synapses of the projection in all its groups. */
    public int synapseCount() { return groupStart[groups.length]; }

    /** The recorded synapses (projection-wide indices). */
    public int[] synapses() { return synapses.clone(); }

    /** Presynaptic neuron of recorded synapse {@code k}. */
    public int source(int k) { return source[k]; }

    /** Postsynaptic neuron of recorded synapse {@code k}. */
    public int target(int k) { return target[k]; }

    @Override
    public void start(CompiledNetwork net, long totalSteps) {
        buffers = new float[groups.length][];
        for (int g = 0; g < groups.length; g++) {
            // a compiled network may store a shared weight once: size the buffer to what it reports
            buffers[g] = new float[Math.max(net.graph().projections().get(groups[g]).weights().length, 1)];
        }
        int cap = (int) Math.min(Integer.MAX_VALUE / Math.max(1, synapses.length), totalSteps / every + 1);
        data = new double[cap * synapses.length];
        sampleSteps = new int[cap];
        samples = 0;
    }

    @Override
    public void record(long step, CompiledNetwork net) {
        if (step % every != 0) return;
        if (samples == sampleSteps.length) {
            sampleSteps = Arrays.copyOf(sampleSteps, Math.max(4, samples * 2));
            data = Arrays.copyOf(data, sampleSteps.length * synapses.length);
        }
        for (int g = 0; g < groups.length; g++) net.readWeights(groups[g], buffers[g]);
        int base = samples * synapses.length;
        for (int k = 0; k < synapses.length; k++) {
            float[] b = buffers[group[k]];
            data[base + k] = b.length == 1 ? b[0] : b[local[k]];
        }
        sampleSteps[samples++] = Math.toIntExact(step);
    }

    public int samples() { return samples; }

    /** The step after which sample {@code s} was taken. */
    public int sampleStep(int s) { return sampleSteps[s]; }

    /** Weight of recorded synapse {@code k} in sample {@code s}. */
    public double value(int s, int k) { return data[s * synapses.length + k]; }

    /** The trace of recorded synapse {@code k}. */
    public double[] trace(int k) {
        double[] t = new double[samples];
        for (int s = 0; s < samples; s++) t[s] = data[s * synapses.length + k];
        return t;
    }

    /** All recorded weights of sample {@code s}. */
    public double[] sample(int s) {
        return Arrays.copyOfRange(data, s * synapses.length, (s + 1) * synapses.length);
    }
}
