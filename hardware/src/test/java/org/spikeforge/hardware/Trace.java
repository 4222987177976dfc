package org.spikeforge.hardware;

import java.util.Arrays;
import org.spikeforge.hardware.cpu.CpuNetwork;
import org.spikeforge.neurons.PopulationState;

/**
 * Everything a run produced that must agree between backends: every spike of every population
 * (as {@code step·size + index}, in the order the backend reported them), the final state's raw
 * bits, and the operation counts.
 */
public record Trace(long[][] spikes, long[][] finalStateBits, int[][] finalRefractory, long synapticEvents) {

    /** Runs {@code steps} steps of {@code net} and closes it. */
    public static Trace run(CompiledNetwork net, int steps) {
        NetworkGraph g = net.graph();
        int np = g.populations().size();
        long[][] buf = new long[np][1024];
        int[] n = new int[np];
        try (net) {
            for (long step = 0; step < steps; step++) {
                net.applyInputs(step);
                net.updateNeurons(step);
                net.propagate(step);
                for (int p = 0; p < np; p++) {
                    int c = net.spikeCount(p);
                    int[] s = net.spikes(p);
                    long size = g.populations().get(p).size();
                    for (int k = 0; k < c; k++) {
                        if (n[p] == buf[p].length) buf[p] = Arrays.copyOf(buf[p], 2 * n[p]);
                        buf[p][n[p]++] = step * size + s[k];
                    }
                }
            }
            long[][] spikes = new long[np][];
            long[][] bits = new long[np][];
            int[][] ref = new int[np][];
            for (int p = 0; p < np; p++) {
                spikes[p] = Arrays.copyOf(buf[p], n[p]);
                PopulationState s = ((CpuNetwork) net).state(p);
                int size = s.size, nv = s.vars.length;
                bits[p] = new long[nv * size];
                for (int k = 0; k < nv; k++) {
                    for (int i = 0; i < size; i++) bits[p][k * size + i] = Double.doubleToRawLongBits(s.vars[k][i]);
                }
                ref[p] = s.refractory.clone();
            }
            return new Trace(spikes, bits, ref, net.counts().synapticEvents);
        }
    }

    public long totalSpikes() {
        long t = 0;
        for (long[] s : spikes) t += s.length;
        return t;
    }

    /** Whether spike lists, state bits and refractory counters are all identical. */
    public boolean identical(Trace o) {
        return Arrays.deepEquals(spikes, o.spikes) && Arrays.deepEquals(finalStateBits, o.finalStateBits)
                && Arrays.deepEquals(finalRefractory, o.finalRefractory) && synapticEvents == o.synapticEvents;
    }

    /** First difference, for failure messages. */
    public String firstDifference(Trace o) {
        for (int p = 0; p < spikes.length; p++) {
            int m = Math.min(spikes[p].length, o.spikes[p].length);
            for (int k = 0; k < m; k++) {
                if (spikes[p][k] != o.spikes[p][k]) return "population " + p + " spike #" + k + ": " + spikes[p][k] + " vs " + o.spikes[p][k];
            }
            if (spikes[p].length != o.spikes[p].length) return "population " + p + ": " + spikes[p].length + " vs " + o.spikes[p].length + " spikes";
            if (!Arrays.equals(finalStateBits[p], o.finalStateBits[p])) return "population " + p + ": final state differs";
            if (!Arrays.equals(finalRefractory[p], o.finalRefractory[p])) return "population " + p + ": refractory counters differ";
        }
        return synapticEvents != o.synapticEvents ? "events " + synapticEvents + " vs " + o.synapticEvents : "none";
    }
}
