package org.spikeforge.hardware.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.spikeforge.encoders.CurrentSource;
import org.spikeforge.encoders.PoissonSource;
import org.spikeforge.encoders.SpikeSource;
import org.spikeforge.hardware.Backend;
import org.spikeforge.hardware.BackendOptions;
import org.spikeforge.hardware.CompiledNetwork;
import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.hardware.cpu.ScalarBackend;
import org.spikeforge.neurons.NeuronModel;
import org.spikeforge.synapses.ConnectivityRule;
import org.spikeforge.synapses.CsrConnectivity;

/**
 * Test support: builds small {@link NetworkGraph}s directly (the hardware module cannot use the
 * simulations builder), runs them on a backend the way the simulator does, and compares runs.
 */
final class Runs {
    private Runs() {}

    static final Backend SCALAR = new ScalarBackend();
    static final Backend GPU = new GpuBackend();

    static BackendOptions gpu(String delivery) {
        return new BackendOptions(1, Map.of("delivery", delivery));
    }

    /** What a run produced: every spike as (step, node, neuron), and optionally every state value after every step. */
    record Recording(long[] spikes, List<double[]> states, long synapticEvents, Map<String, Long> counts) {
        int spikeCount() {
            return spikes.length / 3;
        }
    }

    static Recording run(NetworkGraph g, Backend backend, BackendOptions options, int steps, boolean recordState) {
        for (NetworkGraph.Source s : g.sources()) s.source().reset();
        List<Long> spikes = new ArrayList<>();
        List<double[]> states = new ArrayList<>();
        try (CompiledNetwork net = backend.compile(g, options)) {
            for (int step = 0; step < steps; step++) {
                net.applyInputs(step);
                net.updateNeurons(step);
                net.propagate(step);
                net.learn(step);
                for (int node = 0; node < g.nodes(); node++) {
                    int n = net.spikeCount(node);
                    int[] idx = net.spikes(node);
                    for (int k = 0; k < n; k++) {
                        spikes.add((long) step);
                        spikes.add((long) node);
                        spikes.add((long) idx[k]);
                    }
                }
                if (recordState) {
                    for (int p = 0; p < g.populations().size(); p++) {
                        NetworkGraph.Population pop = g.populations().get(p);
                        int[] all = new int[pop.size()];
                        for (int i = 0; i < all.length; i++) all[i] = i;
                        for (int v = 0; v < pop.model().stateVariables().size(); v++) {
                            double[] row = new double[pop.size()];
                            net.readState(p, v, all, row);
                            states.add(row);
                        }
                    }
                }
            }
            var counts = net.counts();
            return new Recording(spikes.stream().mapToLong(Long::longValue).toArray(), states, counts.synapticEvents, counts.asMap());
        }
    }

    /** Fails at the first spike that differs, naming its step, node and neuron. */
    static void assertSameSpikes(Recording expected, Recording actual, String what) {
        long[] a = expected.spikes(), b = actual.spikes();
        int n = Math.min(a.length, b.length);
        for (int k = 0; k < n; k += 3) {
            if (a[k] != b[k] || a[k + 1] != b[k + 1] || a[k + 2] != b[k + 2]) {
                fail(what + ": spike " + k / 3 + " differs: scalar (step " + a[k] + ", node " + a[k + 1] + ", neuron " + a[k + 2]
                        + ") vs gpu (step " + b[k] + ", node " + b[k + 1] + ", neuron " + b[k + 2] + ")");
            }
        }
        assertEquals(a.length / 3, b.length / 3, what + ": number of spikes");
    }

    /** Fails at the first state value whose bits differ. */
    static void assertBitIdenticalStates(Recording expected, Recording actual, String what) {
        assertEquals(expected.states().size(), actual.states().size(), what + ": number of state rows");
        for (int r = 0; r < expected.states().size(); r++) {
            double[] a = expected.states().get(r), b = actual.states().get(r);
            for (int i = 0; i < a.length; i++) {
                if (Double.doubleToRawLongBits(a[i]) != Double.doubleToRawLongBits(b[i])) {
                    fail(what + ": state row " + r + ", neuron " + i + ": scalar " + a[i] + " vs gpu " + b[i]);
                }
            }
        }
    }

    /** The largest |a − b| / max(1, |a|) over all state values. */
    static double maxRelativeStateDifference(Recording expected, Recording actual) {
        double worst = 0;
        for (int r = 0; r < expected.states().size(); r++) {
            double[] a = expected.states().get(r), b = actual.states().get(r);
            for (int i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1.0, Math.abs(a[i])));
        }
        return worst;
    }

    // ---- network construction ----------------------------------------------------------------

    static NetworkGraph.Population population(String name, int size, NeuronModel model, UniformRandomProvider rng,
                                              double vLow, double vHigh) {
        int nv = model.stateVariables().size();
        double[][] init = new double[nv][size];
        double[] rest = model.restingState();
        for (int k = 0; k < nv; k++) java.util.Arrays.fill(init[k], rest[k]);
        for (int i = 0; i < size; i++) init[0][i] = vLow + (vHigh - vLow) * rng.nextDouble();
        return new NetworkGraph.Population(name, size, model, init);
    }

    static NetworkGraph.Projection random(String name, int source, int sourceSize, int target, int targetSize, int receptor,
                                          double p, float weight, int delay, UniformRandomProvider rng) {
        CsrConnectivity csr = new ConnectivityRule.FixedProbability(p, false).build(sourceSize, targetSize, source == target, rng);
        return new NetworkGraph.Projection(name, 0, source, target, receptor, csr, new float[] {weight}, delay);
    }

    /** Like {@link #random} with one weight per synapse drawn uniformly from {@code [lo, hi)}. */
    static NetworkGraph.Projection randomWeights(String name, int source, int sourceSize, int target, int targetSize, int receptor,
                                                 double p, double lo, double hi, int delay, UniformRandomProvider rng) {
        CsrConnectivity csr = new ConnectivityRule.FixedProbability(p, false).build(sourceSize, targetSize, source == target, rng);
        float[] w = new float[Math.max(1, csr.synapses())];
        for (int k = 0; k < w.length; k++) w[k] = (float) (lo + (hi - lo) * rng.nextDouble());
        if (csr.synapses() == 0) w = new float[] {0f};
        return new NetworkGraph.Projection(name, 0, source, target, receptor, csr, w, delay);
    }

    static NetworkGraph.Source poisson(String name, int size, double rateHz, double dt, long seed) {
        SpikeSource s = new PoissonSource(size, rateHz, dt, seed);
        return new NetworkGraph.Source(name, s);
    }

    static NetworkGraph.Current current(int population, int[] neurons, long[] starts, double[] amplitudes) {
        return new NetworkGraph.Current("drive", population, neurons, new CurrentSource(starts, amplitudes));
    }

    static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }
}
