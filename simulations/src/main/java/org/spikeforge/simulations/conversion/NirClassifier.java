package org.spikeforge.simulations.conversion;

import java.util.Arrays;
import org.spikeforge.neurons.ResetMode;
import org.spikeforge.simulations.nir.NirEdge;
import org.spikeforge.simulations.nir.NirExecutor;
import org.spikeforge.simulations.nir.NirFlatGraph;
import org.spikeforge.simulations.nir.NirFormatException;
import org.spikeforge.simulations.nir.NirGraph;
import org.spikeforge.simulations.nir.NirNode;
import org.spikeforge.simulations.nir.NirRecording;
import org.spikeforge.simulations.nir.NirRunOptions;

/**
 * Classifies static samples with a NIR graph of a rate-converted network (as {@link NirExport}
 * writes): each sample is fed unchanged at every step, the graph is run with reset by
 * subtraction (IF semantics equal to {@link ConvertedSnn}'s), and the class after T steps is the
 * argmax of the output: of its value at step T for a non-spiking readout (membrane), or of the
 * spikes counted up to T for a spiking one, {@code 10⁻³·v} (the membrane after the reset) breaking
 * ties as in {@link ConvertedSnn}. Membranes are recorded in float32, so a tie-break can differ
 * from the float64 reference only when two membranes agree to float32 precision.
 */
public final class NirClassifier {
    private final NirGraph graph;
    private final NirExecutor executor;
    private final String outputNode, readoutNode;
    private final boolean spiking;
    private final double[] jump; // v_threshold − v_reset of the spiking readout
    private final int inputs;

    public NirClassifier(NirGraph graph) {
        this.graph = graph;
        this.executor = NirExecutor.compile(graph, NirRunOptions.defaults().withReset(ResetMode.SUBTRACT));
        NirFlatGraph flat = executor.graph();
        if (flat.graphOutputs().size() != 1) throw new NirFormatException("a classifier needs exactly one Output node, the graph has " + flat.graphOutputs());
        this.outputNode = flat.graphOutputs().get(0);
        String feeding = null;
        for (NirEdge e : flat.edges()) if (e.target().equals(outputNode)) feeding = e.source();
        if (feeding == null) throw new NirFormatException("Output node '" + outputNode + "' has no incoming edge");
        this.readoutNode = feeding;
        NirNode readout = flat.node(feeding).node();
        this.spiking = readout.isSpiking();
        int k = flat.outputSize(feeding);
        this.jump = switch (readout) {
            case NirNode.IF f -> difference(f.vThreshold().broadcast(k, "v_threshold"), f.vReset().broadcast(k, "v_reset"));
            case NirNode.LIF f -> difference(f.vThreshold().broadcast(k, "v_threshold"), f.vReset().broadcast(k, "v_reset"));
            case NirNode.CubaLIF f -> difference(f.vThreshold().broadcast(k, "v_threshold"), f.vReset().broadcast(k, "v_reset"));
            default -> new double[k];
        };
        this.inputs = flat.outputSize(executor.inputNode());
    }

    private static double[] difference(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) r[i] = a[i] - b[i];
        return r;
    }

    public NirGraph graph() { return graph; }

    /** Values per sample the Input node takes. */
    public int inputSize() { return inputs; }

    /** Whether the output is read as spike counts (else as a membrane). */
    public boolean spikingReadout() { return spiking; }

    /**
     * The predicted class of every sample after each of {@code timesteps} (ascending, ≥ 1) steps:
     * {@code [sample][checkpoint]}. Samples run in batches of {@code batch}.
     */
    public int[][] predict(double[][] samples, int[] timesteps, int batch) {
        if (timesteps.length == 0) throw new IllegalArgumentException("give at least one number of time steps");
        for (int k = 0; k < timesteps.length; k++) {
            if (timesteps[k] < 1 || (k > 0 && timesteps[k] <= timesteps[k - 1])) {
                throw new IllegalArgumentException("time steps must be ascending and >= 1, got " + Arrays.toString(timesteps));
            }
        }
        int T = timesteps[timesteps.length - 1];
        int[][] out = new int[samples.length][timesteps.length];
        for (int from = 0; from < samples.length; from += batch) {
            int B = Math.min(batch, samples.length - from);
            double[] in = new double[B * T * inputs];
            for (int b = 0; b < B; b++) {
                double[] x = samples[from + b];
                if (x.length != inputs) {
                    throw new IllegalArgumentException("sample " + (from + b) + " has " + x.length + " values; the graph's input takes " + inputs);
                }
                for (int t = 0; t < T; t++) System.arraycopy(x, 0, in, (b * T + t) * inputs, inputs);
            }
            NirRecording rec = executor.run(in, B, T);
            NirRecording.Trace o = rec.get(outputNode, "output");
            NirRecording.Trace v = spiking ? rec.get(readoutNode, "v") : null;
            int k = o.shape()[2];
            if (spiking && jump.length != k) throw new NirFormatException("Output node '" + outputNode + "' has " + k + " values, its source " + jump.length);
            double[] score = new double[k];
            for (int b = 0; b < B; b++) {
                double[] counts = new double[k];
                int next = 0;
                for (int t = 0; t < T && next < timesteps.length; t++) {
                    for (int c = 0; c < k; c++) counts[c] += o.at(b, t, c);
                    if (t + 1 != timesteps[next]) continue;
                    for (int c = 0; c < k; c++) {
                        // As ConvertedSnn: count + 10⁻³·(membrane after the reset) breaks ties.
                        score[c] = spiking ? counts[c] + 1e-3 * (v.at(b, t, c) - o.at(b, t, c) * jump[c]) : o.at(b, t, c);
                    }
                    out[from + b][next++] = ConvertedSnn.argmax(score);
                }
            }
        }
        return out;
    }

    /** Accuracy (fraction correct) after each of {@code timesteps} steps. */
    public double[] accuracy(double[][] samples, int[] labels, int[] timesteps, int batch) {
        if (labels.length != samples.length) {
            throw new IllegalArgumentException(samples.length + " samples but " + labels.length + " labels");
        }
        int[][] p = predict(samples, timesteps, batch);
        double[] acc = new double[timesteps.length];
        for (int s = 0; s < samples.length; s++) for (int k = 0; k < timesteps.length; k++) if (p[s][k] == labels[s]) acc[k]++;
        for (int k = 0; k < acc.length; k++) acc[k] /= samples.length;
        return acc;
    }
}
