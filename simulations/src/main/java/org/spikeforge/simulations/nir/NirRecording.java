package org.spikeforge.simulations.nir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The traces of one NIR run: for each recorded node and variable ({@code spk}, {@code v},
 * {@code i}, {@code output}) a float32 array of shape (B, T, …node shape) in C order.
 */
public final class NirRecording {

    /** One recorded variable of one node. */
    public record Trace(String node, String variable, int[] shape, float[] data) {
        @Override public int[] shape() { return shape.clone(); }

        /** Value of neuron {@code k} (flat index within the node) at batch {@code b}, step {@code t}. */
        public float at(int b, int t, int k) {
            int n = data.length / (shape[0] * shape[1]);
            return data[(b * shape[1] + t) * n + k];
        }
    }

    private final int batch, steps;
    private final double dt;
    private final Map<String, Trace> traces;

    NirRecording(int batch, int steps, double dt, Map<String, Trace> traces) {
        this.batch = batch;
        this.steps = steps;
        this.dt = dt;
        this.traces = Collections.unmodifiableMap(new LinkedHashMap<>(traces));
    }

    public int batch() { return batch; }

    public int steps() { return steps; }

    public double dt() { return dt; }

    /** All traces, keyed {@code node/variable}. */
    public Map<String, Trace> traces() { return traces; }

    /** One trace, or an error listing what was recorded. */
    public Trace get(String node, String variable) {
        Trace t = traces.get(node + "/" + variable);
        if (t == null) {
            throw new NirFormatException("no trace '" + variable + "' of node '" + node + "' (recorded: " + String.join(", ", traces.keySet()) + ")");
        }
        return t;
    }

    /** The graph's output trace: that of its only Output node. */
    public Trace output() {
        List<Trace> outs = new ArrayList<>();
        for (Trace t : traces.values()) if (t.variable().equals("output")) outs.add(t);
        if (outs.size() != 1) throw new NirFormatException("the graph has " + outs.size() + " Output nodes; name one");
        return outs.get(0);
    }

    /**
     * Writes {@code <node>_spk.npy}, {@code <node>_v.npy}, {@code <node>_i.npy} for the neuron
     * nodes and {@code output.npy} (or {@code output_<node>.npy} for each of several Output
     * nodes). Characters other than letters, digits, '.', '-' and '_' in node names become '_'.
     *
     * @return the files written
     */
    public List<Path> writeTo(Path dir) {
        List<Path> written = new ArrayList<>();
        long outputs = traces.values().stream().filter(t -> t.variable().equals("output")).count();
        for (Trace t : traces.values()) {
            String file = t.variable().equals("output")
                    ? (outputs == 1 ? "output.npy" : "output_" + safe(t.node()) + ".npy")
                    : safe(t.node()) + "_" + t.variable() + ".npy";
            Path p = dir.resolve(file);
            NirNpy.writeFloat32(p, t.shape(), t.data());
            written.add(p);
        }
        return written;
    }

    static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
