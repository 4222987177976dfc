package org.spikeforge.hardware.event;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.spikeforge.encoders.CurrentSource;
import org.spikeforge.encoders.PoissonSource;
import org.spikeforge.encoders.SpikeArraySource;
import org.spikeforge.hardware.CompiledNetwork;
import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.neurons.NeuronModel;
import org.spikeforge.synapses.ConnectivityRule;
import org.spikeforge.synapses.CsrConnectivity;

/** Hand-built network graphs and a run loop that records every spike, for the event-mode tests. */
final class TestNetworks {
    private TestNetworks() {}

    /** One recorded spike: node, neuron, step, exact time in ms (grid time for time-stepped runs). */
    record Spike(int node, int neuron, long step, double timeMs) {}

    /** A small builder of {@link NetworkGraph}s (the simulations module's builder is not visible here). */
    static final class Builder {
        final double dt;
        final List<NetworkGraph.Population> pops = new ArrayList<>();
        final List<NetworkGraph.Source> sources = new ArrayList<>();
        final List<NetworkGraph.Projection> projections = new ArrayList<>();
        final List<NetworkGraph.Current> currents = new ArrayList<>();

        Builder(double dt) {
            this.dt = dt;
        }

        /** Adds a population with every membrane at {@code v0}; returns its node. */
        int population(String name, int size, NeuronModel model, double v0) {
            double[] v = new double[size];
            Arrays.fill(v, v0);
            return population(name, model, v);
        }

        int population(String name, NeuronModel model, double[] v0) {
            if (!sources.isEmpty()) throw new IllegalStateException("add populations before sources");
            pops.add(new NetworkGraph.Population(name, v0.length, model, new double[][] {v0.clone()}));
            return pops.size() - 1;
        }

        /** Spike-array source: channel {@code channels[k]} spikes at {@code timesMs[k]} (rounded to steps). */
        int spikeArray(String name, int size, double[] timesMs, int[] channels) {
            long[] steps = new long[timesMs.length];
            for (int k = 0; k < steps.length; k++) steps[k] = Math.round(timesMs[k] / dt);
            sources.add(new NetworkGraph.Source(name, new SpikeArraySource(size, steps, channels)));
            return pops.size() + sources.size() - 1;
        }

        int poisson(String name, int size, double rateHz, long seed) {
            sources.add(new NetworkGraph.Source(name, new PoissonSource(size, rateHz, dt, seed)));
            return pops.size() + sources.size() - 1;
        }

        void connect(String name, int from, int to, CsrConnectivity c, float[] w, int delaySteps) {
            projections.add(new NetworkGraph.Projection(name, 0, from, to, 0, c, w, delaySteps));
        }

        /** Explicit synapses {@code pre[k] → post[k]} with one shared weight. */
        void connect(String name, int from, int to, int[] pre, int[] post, double w, int delaySteps) {
            CsrConnectivity c = CsrConnectivity.fromPairs(size(from), size(to), pre, post, pre.length, null);
            connect(name, from, to, c, new float[] {(float) w}, delaySteps);
        }

        /** Random synapses drawn by {@code rule} with weights uniform in [wLo, wHi). */
        void connectRandom(String name, int from, int to, ConnectivityRule rule, double wLo, double wHi, int delaySteps, long seed) {
            UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
            CsrConnectivity c = rule.build(size(from), size(to), from == to, rng);
            float[] w = new float[Math.max(1, c.synapses())];
            for (int k = 0; k < w.length; k++) w[k] = (float) (wLo + (wHi - wLo) * rng.nextDouble());
            if (c.synapses() == 1) w = new float[] {w[0]};
            connect(name, from, to, c, w, delaySteps);
        }

        void current(int pop, int[] neurons, CurrentSource c) {
            currents.add(new NetworkGraph.Current("i" + currents.size(), pop, neurons, c));
        }

        int size(int node) {
            return node < pops.size() ? pops.get(node).size() : sources.get(node - pops.size()).size();
        }

        NetworkGraph build() {
            return new NetworkGraph(dt, pops, sources, projections, currents);
        }
    }

    /** Runs the phases as the simulator does and records every population spike (and, optionally, source spikes). */
    static List<Spike> run(CompiledNetwork net, long steps) {
        List<Spike> out = new ArrayList<>();
        int np = net.graph().populations().size();
        double dt = net.graph().dtMs();
        for (long s = 0; s < steps; s++) {
            net.applyInputs(s);
            net.updateNeurons(s);
            net.propagate(s);
            net.learn(s);
            for (int p = 0; p < np; p++) {
                int n = net.spikeCount(p);
                int[] idx = net.spikes(p);
                double[] t = net instanceof EventNetwork e ? e.spikeTimesMs(p) : null;
                for (int k = 0; k < n; k++) out.add(new Spike(p, idx[k], s, t != null ? t[k] : s * dt));
            }
        }
        return out;
    }

    /** Spike times in ms of neuron {@code neuron} of node {@code node}. */
    static double[] times(List<Spike> spikes, int node, int neuron) {
        return spikes.stream().filter(s -> s.node() == node && s.neuron() == neuron).mapToDouble(Spike::timeMs).toArray();
    }

    /** Spike steps of neuron {@code neuron} of node {@code node}. */
    static long[] steps(List<Spike> spikes, int node, int neuron) {
        return spikes.stream().filter(s -> s.node() == node && s.neuron() == neuron).mapToLong(Spike::step).toArray();
    }
}
