package org.spikeforge.hardware.memristor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.spikeforge.encoders.SpikeArraySource;
import org.spikeforge.hardware.CompiledNetwork;
import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.neurons.CubaLif;
import org.spikeforge.neurons.Lif;
import org.spikeforge.neurons.NeuronModel;
import org.spikeforge.neurons.ResetMode;
import org.spikeforge.synapses.CsrConnectivity;

/** Test networks and a run loop that records every spike and the final state. */
final class Networks {
    private Networks() {}

    /** Spikes as "step:node:i" and the final membrane potentials. */
    record Run(List<String> spikes, double[][] v) {
        long populationSpikes(int populations) {
            return spikes.stream().filter(s -> Integer.parseInt(s.split(":")[1]) < populations).count();
        }
    }

    static Run run(CompiledNetwork net, int steps) {
        List<String> spikes = new ArrayList<>();
        NetworkGraph g = net.graph();
        for (long step = 0; step < steps; step++) {
            net.applyInputs(step);
            net.updateNeurons(step);
            net.propagate(step);
            net.learn(step);
            for (int node = 0; node < g.nodes(); node++) {
                int[] s = net.spikes(node);
                for (int k = 0; k < net.spikeCount(node); k++) spikes.add(step + ":" + node + ":" + s[k]);
            }
        }
        double[][] v = new double[g.populations().size()][];
        for (int p = 0; p < v.length; p++) {
            int n = g.populations().get(p).size();
            int[] all = new int[n];
            for (int i = 0; i < n; i++) all[i] = i;
            v[p] = new double[n];
            net.readState(p, 0, all, v[p]);
        }
        return new Run(spikes, v);
    }

    /**
     * CUBA (Vogels and Abbott 2005) scaled to 400 neurons with the same in-degrees (p = 0.2
     * instead of 0.02): 320 excitatory, 80 inhibitory CuBa-LIF, shared weights 1.62 pA and −9 pA.
     */
    static NetworkGraph cuba(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        CubaLif m = new CubaLif(20, 5, 10, -49, -60, -50, 1, 5, ResetMode.TO_VALUE);
        int ne = 320, ni = 80;
        List<NetworkGraph.Population> pops = List.of(cubaPopulation("exc", ne, m, rng), cubaPopulation("inh", ni, m, rng));
        List<NetworkGraph.Projection> pr = new ArrayList<>();
        pr.add(new NetworkGraph.Projection("exc_exc", 0, 0, 0, 0, random(ne, ne, 0.2, rng), new float[] {1.62f}, 1));
        pr.add(new NetworkGraph.Projection("exc_inh", 0, 0, 1, 0, random(ne, ni, 0.2, rng), new float[] {1.62f}, 1));
        pr.add(new NetworkGraph.Projection("inh_exc", 0, 1, 0, 1, random(ni, ne, 0.2, rng), new float[] {-9f}, 1));
        pr.add(new NetworkGraph.Projection("inh_inh", 0, 1, 1, 1, random(ni, ni, 0.2, rng), new float[] {-9f}, 1));
        return new NetworkGraph(0.1, pops, List.of(), pr, List.of());
    }

    private static NetworkGraph.Population cubaPopulation(String name, int n, NeuronModel model, UniformRandomProvider rng) {
        double[] rest = model.restingState();
        double[][] init = new double[rest.length][n];
        for (int v = 0; v < rest.length; v++) Arrays.fill(init[v], rest[v]);
        for (int i = 0; i < n; i++) init[0][i] = -60 + 10 * rng.nextDouble();
        return new NetworkGraph.Population(name, n, model, init);
    }

    static CsrConnectivity random(int m, int n, double p, UniformRandomProvider rng) {
        int[] pre = new int[m * n], post = new int[m * n];
        int count = 0;
        for (int s = 0; s < m; s++) {
            for (int q = 0; q < n; q++) {
                if (rng.nextDouble() < p) {
                    pre[count] = s;
                    post[count] = q;
                    count++;
                }
            }
        }
        return CsrConnectivity.fromPairs(m, n, pre, post, count, null);
    }

    /**
     * An input source of 8 channels (node 2), a LIF population A of 10 (node 0) and a CuBa-LIF
     * population B of 6 (node 1); individual weights, several delays (delay groups), a recurrent
     * projection with mixed-sign weights.
     */
    static NetworkGraph small(int steps) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(42);
        int inputs = 8, spikes = 400;
        long[] t = new long[spikes];
        int[] ch = new int[spikes];
        for (int k = 0; k < spikes; k++) {
            t[k] = rng.nextInt(steps - 20);
            ch[k] = rng.nextInt(inputs);
        }
        Lif lif = new Lif(10, -65, -65, -50, 0.1, 2, ResetMode.TO_VALUE);
        CubaLif cuba = new CubaLif(10, 2, 3, -65, -65, -50, 0.04, 2, ResetMode.TO_VALUE);
        List<NetworkGraph.Population> pops = List.of(population("A", 10, lif, rng), population("B", 6, cuba, rng));
        List<NetworkGraph.Source> sources = List.of(new NetworkGraph.Source("in", new SpikeArraySource(inputs, t, ch)));
        List<NetworkGraph.Projection> projections = new ArrayList<>();
        projections.addAll(projection("in->A", 2, 0, 0, inputs, 10, 0.6, 3.0, 9.0, new int[] {1}, rng));
        projections.addAll(projection("A->B", 0, 1, 0, 10, 6, 0.7, 300.0, 900.0, new int[] {3}, rng));
        projections.addAll(projection("in-|B", 2, 1, 1, inputs, 6, 0.5, -400.0, -100.0, new int[] {2}, rng));
        projections.addAll(projection("A->A", 0, 0, 0, 10, 10, 0.3, -6.0, 4.0, new int[] {1, 2}, rng));
        return new NetworkGraph(0.1, pops, sources, projections, List.of());
    }

    private static NetworkGraph.Population population(String name, int n, NeuronModel model, UniformRandomProvider rng) {
        double[] rest = model.restingState();
        double[][] init = new double[rest.length][n];
        for (int v = 0; v < rest.length; v++) Arrays.fill(init[v], rest[v]);
        for (int i = 0; i < n; i++) init[0][i] = rest[0] + 10 * rng.nextDouble();
        return new NetworkGraph.Population(name, n, model, init);
    }

    private static List<NetworkGraph.Projection> projection(String name, int source, int target, int receptor, int m, int n, double p,
                                                            double wMin, double wMax, int[] delays, UniformRandomProvider rng) {
        List<int[]> pairs = new ArrayList<>();
        for (int s = 0; s < m; s++) {
            for (int q = 0; q < n; q++) if (rng.nextDouble() < p && !(source == target && s == q)) pairs.add(new int[] {s, q});
        }
        float[] w = new float[pairs.size()];
        int[] d = new int[pairs.size()];
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) (wMin + (wMax - wMin) * rng.nextDouble());
            d[k] = delays[rng.nextInt(delays.length)];
        }
        List<NetworkGraph.Projection> groups = new ArrayList<>();
        int g = 0;
        for (int delay : delays) {
            int[] rowStart = new int[m + 1];
            List<Integer> tg = new ArrayList<>();
            List<Float> wg = new ArrayList<>();
            for (int s = 0; s < m; s++) {
                for (int k = 0; k < pairs.size(); k++) {
                    if (pairs.get(k)[0] == s && d[k] == delay) {
                        tg.add(pairs.get(k)[1]);
                        wg.add(w[k]);
                    }
                }
                rowStart[s + 1] = tg.size();
            }
            float[] wa = new float[wg.size()];
            for (int k = 0; k < wa.length; k++) wa[k] = wg.get(k);
            groups.add(new NetworkGraph.Projection(name, g++, source, target, receptor,
                    new CsrConnectivity(m, n, rowStart, tg.stream().mapToInt(Integer::intValue).toArray()), wa, delay));
        }
        return groups;
    }

    /** All-to-all synapses carrying {@code w[source][target]} (zeros included as synapses). */
    static NetworkGraph.Projection dense(String name, double[][] w) {
        int m = w.length, n = w[0].length;
        int[] pre = new int[m * n], post = new int[m * n];
        float[] wf = new float[m * n];
        for (int s = 0; s < m; s++) {
            for (int t = 0; t < n; t++) {
                pre[s * n + t] = s;
                post[s * n + t] = t;
                wf[s * n + t] = (float) w[s][t];
            }
        }
        return new NetworkGraph.Projection(name, 0, 1, 0, 0, CsrConnectivity.fromPairs(m, n, pre, post, m * n, null), wf, 1);
    }
}
