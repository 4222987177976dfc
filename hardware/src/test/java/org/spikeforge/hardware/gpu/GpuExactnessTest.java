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
import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.neurons.CobaLif;
import org.spikeforge.neurons.CubaLif;
import org.spikeforge.neurons.IntegrateAndFire;
import org.spikeforge.neurons.Lif;
import org.spikeforge.neurons.NeuronModel;
import org.spikeforge.neurons.ResetMode;
import org.spikeforge.synapses.ConnectivityRule;

/**
 * The gpu backend against the scalar reference, under whatever OpenCL device is present (PoCL on
 * CI). These tests never skip: without OpenCL they fail with the backend's one-line message.
 *
 * <p>Guarantees tested (see {@link GpuBackend}): lif, if and cuba_lif are bit-identical with exact
 * delivery on any network, and with atomic delivery where every input sum is exact in any order;
 * coba_lif agrees to within the last bits of {@code exp}; chaotic networks with atomic delivery
 * agree in rate and CV.
 */
class GpuExactnessTest {
    static final double DT = 0.1;

    /** Models whose step has no transcendental function: bit-identical to the reference. */
    static Stream<Arguments> linearModels() {
        List<Arguments> a = new ArrayList<>();
        for (ResetMode reset : ResetMode.values()) {
            a.add(Arguments.of(new Lif(10, -65, -70, -50, 0.1, 2.0, reset), 200.0, 4.0, -2.5));
            a.add(Arguments.of(new CubaLif(10, 2, 5, -65, -70, -50, 0.04, 2.0, reset), 300.0, 150.0, -90.0));
            a.add(Arguments.of(new IntegrateAndFire(250, 0, 1, 0.5, reset), 100.0, 0.3, -0.2));
            // not linear, but its forward-Euler step has no exp: the same arithmetic on both sides
            a.add(Arguments.of(new CobaLif(200, 10, -60, 0, -80, 5, 10, -60, -50, 5, reset, CobaLif.Method.EULER), 220.0, 6.0, 67.0));
        }
        return a.stream();
    }

    /**
     * Three neurons of one model, each a single-neuron test: a current that steps up and down,
     * and spikes from a spike list onto every receptor with delays of 1 and 3 steps.
     */
    static NetworkGraph singleNeurons(NeuronModel model, double currentPa, double wExc, double wInh) {
        UniformRandomProvider rng = rng(7);
        int nSteps = 600;
        long[] steps = new long[80];
        int[] channels = new int[80];
        for (int k = 0; k < steps.length; k++) {
            steps[k] = rng.nextInt(nSteps);
            channels[k] = rng.nextInt(2);
        }
        NetworkGraph.Population pop = population("n", 3, model, rng, model.restingState()[0] - 5, model.restingState()[0] + 5);
        NetworkGraph.Source src = new NetworkGraph.Source("stim", new SpikeArraySource(2, steps, channels));
        int inh = model.receptors().size() > 1 ? 1 : 0;
        var all = new ConnectivityRule.AllToAll(true).build(2, 3, false, rng);
        List<NetworkGraph.Projection> projections = List.of(
                new NetworkGraph.Projection("exc", 0, 1, 0, 0, all, new float[] {(float) wExc}, 1),
                new NetworkGraph.Projection("inh", 0, 1, 0, inh, all, new float[] {(float) wInh}, 3));
        var drive = current(0, null, new long[] {0, 150, 300, 450}, new double[] {currentPa, 0.0, currentPa * 1.3, currentPa * 0.5});
        var extra = current(0, new int[] {2}, new long[] {100}, new double[] {currentPa * 0.25});
        return new NetworkGraph(DT, List.of(pop), List.of(src), projections, List.of(drive, extra));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("linearModels")
    void singleNeuronStateAndSpikesAreBitIdenticalToScalarWithEitherDelivery(NeuronModel model, double currentPa, double wExc, double wInh) {
        NetworkGraph g = singleNeurons(model, currentPa, wExc, wInh);
        Recording ref = run(g, SCALAR, BackendOptions.defaults(), 600, true);
        assertTrue(ref.spikeCount() > 5, "the test drives the neurons to spike, got " + ref.spikeCount() + " spikes");
        for (String delivery : new String[] {"exact", "atomic"}) {
            Recording gpu = run(g, GPU, gpu(delivery), 600, true);
            assertSameSpikes(ref, gpu, model.kind() + " " + delivery);
            assertBitIdenticalStates(ref, gpu, model.kind() + " " + delivery);
        }
    }

    @Test
    void cobaLifSingleNeuronSpikesLikeScalarAndItsStateDiffersAtMostInTheLastBitsOfExp() {
        NeuronModel model = new CobaLif(200, 10, -60, 0, -80, 5, 10, -60, -50, 5, ResetMode.TO_VALUE);
        NetworkGraph g = singleNeurons(model, 220.0, 6.0, 67.0);
        Recording ref = run(g, SCALAR, BackendOptions.defaults(), 600, true);
        assertTrue(ref.spikeCount() > 5, "the test drives the neurons to spike, got " + ref.spikeCount());
        for (String delivery : new String[] {"exact", "atomic"}) {
            Recording gpu = run(g, GPU, gpu(delivery), 600, true);
            assertSameSpikes(ref, gpu, "coba_lif " + delivery);
            double worst = maxRelativeStateDifference(ref, gpu);
            assertTrue(worst <= 1e-13, "coba_lif " + delivery + ": largest relative state difference " + worst);
        }
    }

    /** A recurrent excitatory-inhibitory network with Poisson input, individual weights and three delays. */
    static NetworkGraph recurrent(NeuronModel model, double wExc, double wInh, double inputWeight, boolean dyadic) {
        UniformRandomProvider rng = rng(11);
        int ne = 240, ni = 60;
        double v0 = model.restingState()[0];
        var exc = population("exc", ne, model, rng, v0 - 10, v0 + 10);
        var inh = population("inh", ni, model, rng, v0 - 10, v0 + 10);
        var noise = poisson("noise", 50, 40.0, DT, 3);
        int rInh = model.receptors().size() > 1 ? 1 : 0;
        List<NetworkGraph.Projection> ps = new ArrayList<>();
        // nodes: 0 exc, 1 inh, 2 noise
        ps.add(weights(randomWeights("ee", 0, ne, 0, ne, 0, 0.1, 0.5 * wExc, 1.5 * wExc, 1, rng), dyadic));
        ps.add(weights(randomWeights("ei", 0, ne, 1, ni, 0, 0.1, 0.5 * wExc, 1.5 * wExc, 2, rng), dyadic));
        ps.add(weights(random("ie", 1, ni, 0, ne, rInh, 0.2, (float) wInh, 1, rng), dyadic));
        ps.add(weights(random("ii", 1, ni, 1, ni, rInh, 0.2, (float) wInh, 5, rng), dyadic));
        ps.add(weights(random("ne", 2, 50, 0, ne, 0, 0.3, (float) inputWeight, 1, rng), dyadic));
        ps.add(weights(random("ni", 2, 50, 1, ni, 0, 0.3, (float) inputWeight, 2, rng), dyadic));
        return new NetworkGraph(DT, List.of(exc, inh), List.of(noise), ps, List.of(current(0, null, new long[] {0}, new double[] {0.0})));
    }

    /** With {@code dyadic}, rounds every weight to a multiple of 1/16, so that any sum of a few of them is exact in any order. */
    static NetworkGraph.Projection weights(NetworkGraph.Projection p, boolean dyadic) {
        if (!dyadic) return p;
        float[] w = p.weights().clone();
        for (int k = 0; k < w.length; k++) w[k] = Math.round(w[k] * 16f) / 16f;
        return new NetworkGraph.Projection(p.name(), p.group(), p.sourceNode(), p.target(), p.receptor(), p.connectivity(), w, p.delaySteps());
    }

    static Stream<Arguments> networkModels() {
        return Stream.of(
                Arguments.of(new Lif(10, -65, -65, -50, 0.1, 2.0, ResetMode.TO_VALUE), 2.0, -4.0, 3.0),
                Arguments.of(new CubaLif(10, 2, 5, -65, -65, -50, 0.04, 2.0, ResetMode.TO_VALUE), 150.0, -200.0, 400.0),
                Arguments.of(new IntegrateAndFire(250, 0, 1, 0.5, ResetMode.SUBTRACT), 0.15, -0.3, 0.4),
                Arguments.of(new CobaLif(200, 10, -60, 0, -80, 5, 10, -60, -50, 5, ResetMode.TO_VALUE, CobaLif.Method.EULER), 3.0, 30.0, 8.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networkModels")
    void recurrentNetworkIsBitIdenticalToScalarWithExactDelivery(NeuronModel model, double wExc, double wInh, double wIn) {
        NetworkGraph g = recurrent(model, wExc, wInh, wIn, false);
        Recording ref = run(g, SCALAR, BackendOptions.defaults(), 400, true);
        assertTrue(ref.spikeCount() > 200, model.kind() + ": the network must be active, got " + ref.spikeCount() + " spikes");
        Recording gpu = run(g, GPU, gpu("exact"), 400, true);
        assertSameSpikes(ref, gpu, model.kind());
        assertBitIdenticalStates(ref, gpu, model.kind());
        assertEquals(ref.synapticEvents(), gpu.synapticEvents(), "synaptic events");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networkModels")
    void recurrentNetworkIsBitIdenticalWithAtomicDeliveryWhenEverySumIsExact(NeuronModel model, double wExc, double wInh, double wIn) {
        NetworkGraph g = recurrent(model, wExc, wInh, wIn, true);
        Recording ref = run(g, SCALAR, BackendOptions.defaults(), 400, true);
        assertTrue(ref.spikeCount() > 200, model.kind() + ": the network must be active, got " + ref.spikeCount() + " spikes");
        Recording gpu = run(g, GPU, gpu("atomic"), 400, true);
        assertSameSpikes(ref, gpu, model.kind());
        assertBitIdenticalStates(ref, gpu, model.kind());
        assertEquals(ref.synapticEvents(), gpu.synapticEvents(), "synaptic events");
    }

    @Test
    void cobaLifRecurrentNetworkSpikesLikeScalarWithExactDelivery() {
        NeuronModel model = new CobaLif(200, 10, -60, 0, -80, 5, 10, -60, -50, 5, ResetMode.TO_VALUE);
        NetworkGraph g = recurrent(model, 3.0, 30.0, 8.0, false);
        Recording ref = run(g, SCALAR, BackendOptions.defaults(), 400, true);
        assertTrue(ref.spikeCount() > 200, "the network must be active, got " + ref.spikeCount() + " spikes");
        Recording gpu = run(g, GPU, gpu("exact"), 400, true);
        assertSameSpikes(ref, gpu, "coba_lif");
        double worst = maxRelativeStateDifference(ref, gpu);
        assertTrue(worst <= 1e-12, "coba_lif: largest relative state difference " + worst);
    }
}
