package org.spikeforge.hardware.gpu;

import static org.junit.jupiter.api.Assertions.*;
import static org.spikeforge.hardware.gpu.Runs.*;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.spikeforge.encoders.SpikeArraySource;
import org.spikeforge.hardware.BackendOptions;
import org.spikeforge.hardware.CompiledNetwork;
import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.neurons.NeuronModel;
import org.spikeforge.neurons.ResetMode;
import org.spikeforge.neurons.nir.NirCubaLi;
import org.spikeforge.neurons.nir.NirCubaLif;
import org.spikeforge.neurons.nir.NirDiscretisation;
import org.spikeforge.neurons.nir.NirI;
import org.spikeforge.neurons.nir.NirIf;
import org.spikeforge.neurons.nir.NirLi;
import org.spikeforge.neurons.nir.NirLif;
import org.spikeforge.synapses.ConnectivityRule;

/**
 * The NIR neurons on the gpu backend against the scalar reference (PoCL on CI): bit-identical
 * state and identical spikes with either delivery, for every model, discretisation, reset and
 * reset timing, with per-neuron parameters; and a compiled network that resets in place
 * ({@link CompiledNetwork#resetState()}) runs its second trial exactly as its first.
 */
class GpuNirNeuronsTest {
    static final double DT = 0.1, DT_S = 1e-4;
    static final double[] TAU = {1e-3, 2e-3, 5e-4};

    static double[] snnTorchR(double[] tau) {
        double[] r = new double[tau.length];
        for (int k = 0; k < r.length; k++) r[k] = tau[k] / DT_S;
        return r;
    }

    static Stream<Arguments> models() {
        double[] one = {1.0}, zero = {0.0}, leak = {0.0, -0.2, 0.1}, th = {1.0, 0.8, 1.2};
        double[] tauSyn = {5e-4, 1e-3, 4e-4};
        List<Arguments> a = new ArrayList<>();
        a.add(Arguments.of(new NirLif(TAU, snnTorchR(TAU), leak, th, zero, NirDiscretisation.EULER, ResetMode.SUBTRACT, true), true));
        a.add(Arguments.of(new NirLif(TAU, snnTorchR(TAU), leak, th, new double[] {-0.1}, NirDiscretisation.EXACT, ResetMode.TO_VALUE, false), true));
        a.add(Arguments.of(new NirCubaLif(TAU, tauSyn, snnTorchR(TAU), leak, th, zero, new double[] {0.5}, NirDiscretisation.EULER,
                ResetMode.TO_VALUE, true), true));
        a.add(Arguments.of(new NirCubaLif(TAU, tauSyn, snnTorchR(TAU), leak, th, zero, new double[] {0.5}, NirDiscretisation.EXACT,
                ResetMode.SUBTRACT, false), true));
        a.add(Arguments.of(new NirIf(new double[] {1e4, 5e3, 2e4}, th, zero, ResetMode.SUBTRACT, true), true));
        a.add(Arguments.of(new NirIf(new double[] {1e4}, one, zero, ResetMode.TO_VALUE, false), true));
        a.add(Arguments.of(new NirLi(TAU, snnTorchR(TAU), leak, NirDiscretisation.EXACT), false));
        a.add(Arguments.of(new NirCubaLi(TAU, tauSyn, snnTorchR(TAU), leak, new double[] {0.5}, NirDiscretisation.EULER), false));
        a.add(Arguments.of(new NirI(new double[] {1e4, 2e3, 5e3}), false));
        return a.stream();
    }

    /** Three neurons: a stepped current, and spikes of two channels onto x with delays of 1 and 3 steps. */
    static NetworkGraph threeNeurons(NeuronModel model) {
        UniformRandomProvider rng = rng(21);
        int nSteps = 600;
        long[] steps = new long[120];
        int[] channels = new int[120];
        for (int k = 0; k < steps.length; k++) {
            steps[k] = rng.nextInt(nSteps);
            channels[k] = rng.nextInt(2);
        }
        NetworkGraph.Population pop = population("n", 3, model, rng, -0.3, 0.3);
        NetworkGraph.Source src = new NetworkGraph.Source("stim", new SpikeArraySource(2, steps, channels));
        var all = new ConnectivityRule.AllToAll(true).build(2, 3, false, rng);
        List<NetworkGraph.Projection> projections = List.of(
                new NetworkGraph.Projection("a", 0, 1, 0, 0, all, new float[] {0.45f}, 1),
                new NetworkGraph.Projection("b", 0, 1, 0, 0, all, new float[] {-0.2f}, 3));
        var drive = current(0, null, new long[] {0, 150, 300, 450}, new double[] {0.15, 0.0, 0.2, 0.08});
        var extra = current(0, new int[] {2}, new long[] {100}, new double[] {0.05});
        return new NetworkGraph(DT, List.of(pop), List.of(src), projections, List.of(drive, extra));
    }

    /** Spikes of the population (node 0), not of the input source. */
    static long neuronSpikes(Recording r) {
        long n = 0;
        for (int k = 1; k < r.spikes().length; k += 3) if (r.spikes()[k] == 0) n++;
        return n;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void stateAndSpikesAreBitIdenticalToScalarWithEitherDelivery(NeuronModel model, boolean spiking) {
        NetworkGraph g = threeNeurons(model);
        Recording ref = run(g, SCALAR, BackendOptions.defaults(), 600, true);
        if (spiking) assertTrue(neuronSpikes(ref) > 10, model.kind() + ": the test drives the neurons to spike, got " + neuronSpikes(ref));
        else assertEquals(0, neuronSpikes(ref), model.kind() + " never spikes");
        for (String delivery : new String[] {"exact", "atomic"}) {
            Recording gpu = run(g, GPU, gpu(delivery), 600, true);
            assertSameSpikes(ref, gpu, model.kind() + " " + delivery);
            assertBitIdenticalStates(ref, gpu, model.kind() + " " + delivery);
        }
    }

    @Test
    void recurrentNirLifNetworkIsBitIdenticalToScalarWithExactDelivery() {
        NeuronModel model = new NirLif(1e-3, 10, 0, 1, 0, NirDiscretisation.EULER, ResetMode.SUBTRACT, true);
        NetworkGraph g = GpuExactnessTest.recurrent(model, 0.3, -0.6, 0.5, false);
        Recording ref = run(g, SCALAR, BackendOptions.defaults(), 300, true);
        assertTrue(ref.spikeCount() > 200, "the network must be active, got " + ref.spikeCount() + " spikes");
        Recording gpu = run(g, GPU, gpu("exact"), 300, true);
        assertSameSpikes(ref, gpu, "nir_lif");
        assertBitIdenticalStates(ref, gpu, "nir_lif");
        assertEquals(ref.synapticEvents(), gpu.synapticEvents(), "synaptic events");
    }

    @Test
    void resetStateRunsTheSecondTrialExactlyAsTheFirst() {
        NetworkGraph g = threeNeurons(new NirCubaLif(TAU, new double[] {5e-4}, snnTorchR(TAU), new double[] {0}, new double[] {1},
                new double[] {0}, new double[] {0.5}, null, ResetMode.SUBTRACT, true));
        Recording ref = run(g, SCALAR, BackendOptions.defaults(), 300, true);
        for (NetworkGraph.Source src : g.sources()) src.source().reset();
        try (CompiledNetwork net = GPU.compile(g, gpu("exact"))) {
            assertTrue(net.canResetState());
            for (int trial = 0; trial < 2; trial++) {
                if (trial > 0) net.resetState();
                List<double[]> states = new ArrayList<>();
                long spikes = 0;
                for (int step = 0; step < 300; step++) {
                    net.applyInputs(step);
                    net.updateNeurons(step);
                    net.propagate(step);
                    spikes += net.spikeCount(0);
                    for (int v = 0; v < 3; v++) {
                        double[] row = new double[3];
                        net.readState(0, v, new int[] {0, 1, 2}, row);
                        states.add(row);
                    }
                }
                assertEquals(neuronSpikes(ref), spikes, "trial " + trial + " spikes");
                assertBitIdenticalStates(ref, new Recording(new long[0], states, 0, java.util.Map.of()), "trial " + trial);
            }
        }
    }
}
