package org.spikeforge.hardware.simd;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.spikeforge.hardware.BackendOptions;
import org.spikeforge.hardware.Backends;
import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.hardware.TestNetworks;
import org.spikeforge.hardware.Trace;
import org.spikeforge.hardware.cpu.CpuNetwork;
import org.spikeforge.neurons.Dimension;
import org.spikeforge.neurons.Lif;
import org.spikeforge.neurons.NeuronKernel;
import org.spikeforge.neurons.NeuronModel;
import org.spikeforge.neurons.ResetMode;

/**
 * The SIMD backend against the scalar reference backend (the oracle: it is tested against the
 * analytic solutions and Brian2 in {@code neurons} and {@code simulations}). For lif, cuba_lif and
 * if the arithmetic is the same, so the spike trains, final states and event counts must be equal
 * bit for bit, and the same for 1, 2 and 3 threads. The multi-threaded runs use chunks of 64
 * neurons and parallel delivery at every step, so that these small networks really are split.
 */
class SimdNetworkTest {

    static final int STEPS = 2000; // 200 ms at dt = 0.1 ms

    static Trace scalar(Supplier<NetworkGraph> g) {
        return Trace.run(new CpuNetwork(g.get()), STEPS);
    }

    static Trace simd(Supplier<NetworkGraph> g, int threads) {
        return Trace.run(new SimdNetwork(g.get(), threads, 64, 0), STEPS);
    }

    static void assertSameForOneTwoThreeThreadsAndScalar(Supplier<NetworkGraph> g, long minSpikes) {
        Trace ref = scalar(g);
        assertTrue(ref.totalSpikes() >= minSpikes, "the network must be active to test anything: " + ref.totalSpikes() + " spikes");
        for (int threads = 1; threads <= 3; threads++) {
            Trace t = simd(g, threads);
            assertTrue(ref.identical(t), threads + " thread(s): " + ref.firstDifference(t));
        }
    }

    @Test
    void cubaSpikesAndStateAreBitIdenticalToScalarForOneTwoAndThreeThreads() {
        assertSameForOneTwoThreeThreadsAndScalar(() -> TestNetworks.cuba(1200, 300, 1, false), 1000);
    }

    @Test
    void cobaWithForwardEulerIsBitIdenticalToScalarForOneTwoAndThreeThreads() {
        // no exp in the step (method euler): the same arithmetic as the reference, so the same bits on a chaotic network
        assertSameForOneTwoThreeThreadsAndScalar(() -> TestNetworks.coba(1600, 400, 5, org.spikeforge.neurons.CobaLif.Method.EULER), 1000);
    }

    @Test
    void lifAndIfNetworkWithDelayGroupsCurrentsAndPerSynapseWeightsIsBitIdentical() {
        assertSameForOneTwoThreeThreadsAndScalar(() -> TestNetworks.lifMix(997, 2), 1000);
    }

    @Test
    void proceduralConnectivityGivesTheSameSpikesOnScalarAndSimd() {
        // 9000 excitatory targets span three procedural blocks, so two and three workers each
        // regenerate only their own blocks.
        assertSameForOneTwoThreeThreadsAndScalar(() -> TestNetworks.cuba(9000, 1000, 3, true), 1000);
    }

    @Test
    void defaultChunkingAndDeliveryThresholdGiveTheSameSpikes() {
        Supplier<NetworkGraph> g = () -> TestNetworks.cuba(9000, 1000, 4, false);
        Trace ref = scalar(g);
        Trace two = Trace.run(new SimdBackend().compile(g.get(), new BackendOptions(2, Map.of())), STEPS);
        assertTrue(ref.identical(two), ref.firstDifference(two));
    }

    @Test
    void largeTargetsTouchedBeforeTheScatterGetTheSameSums() {
        // the 2.6 M synapses of e→e have their spiking rows read before the scatter (SimdNetwork.deliverRange);
        // the smaller projections go straight to the additions
        Supplier<NetworkGraph> g = () -> TestNetworks.cuba(36_000, 4_000, 8, false);
        NetworkGraph graph = g.get();
        assertTrue(graph.projections().get(0).connectivity().synapses() >= SimdNetwork.TOUCH_ROWS_FROM);
        assertTrue(graph.projections().get(1).connectivity().synapses() < SimdNetwork.TOUCH_ROWS_FROM);
        Trace ref = Trace.run(new CpuNetwork(g.get()), 300);
        assertTrue(ref.totalSpikes() > 1000, "active: " + ref.totalSpikes());
        for (int threads = 1; threads <= 2; threads++) {
            Trace t = Trace.run(new SimdNetwork(g.get(), threads, 2048, 0), 300);
            assertTrue(ref.identical(t), threads + " thread(s): " + ref.firstDifference(t));
        }
    }

    @Test
    void gapCodedRowsGiveTheSpikesOfTheSameRowsStoredAsIndices() {
        // e→e's 2.6 M synapses are drawn gap-coded (2 bytes a synapse); the oracle is the same network with
        // them stored as 4-byte indices, on the scalar reference. The scalar backend and simd on one, two and
        // three threads (each thread entering the rows at its own bound) must give the same spikes and state:
        // with the Poisson drive, and without it, where two and three threads deliver each step in the same
        // parallel region as the next step's update (SimdNetwork#pending).
        for (boolean noise : new boolean[] {true, false}) {
            NetworkGraph coded = TestNetworks.cuba(36_000, 4_000, 9, false, false, noise);
            assertNotNull(coded.projections().get(0).connectivity().gaps(), "e→e is gap-coded");
            assertNull(TestNetworks.cuba(36_000, 4_000, 9, false, true, noise).projections().get(0).connectivity().gaps());
            Trace ref = Trace.run(new CpuNetwork(TestNetworks.cuba(36_000, 4_000, 9, false, true, noise)), 300);
            assertTrue(ref.totalSpikes() > 1000, "active: " + ref.totalSpikes());
            Trace scalar = Trace.run(new CpuNetwork(TestNetworks.cuba(36_000, 4_000, 9, false, false, noise)), 300);
            assertTrue(ref.identical(scalar), "scalar: " + ref.firstDifference(scalar));
            for (int threads = 1; threads <= 3; threads++) {
                SimdNetwork net = new SimdNetwork(TestNetworks.cuba(36_000, 4_000, 9, false, false, noise), threads, 2048, 0);
                assertEquals(threads > 1 && !noise, net.parallelStep().fused());
                Trace t = Trace.run(net, 300);
                assertTrue(ref.identical(t), threads + " thread(s), noise " + noise + ": " + ref.firstDifference(t));
            }
        }
    }

    @Test
    void fusedRegionsKeepTheScalarSpikesWithDelayGroupsCurrentsAndPerSynapseWeights() {
        // lifMix has no input source and no learning: on two and three threads each step's delivery runs
        // in the next update's region
        assertTrue(new SimdNetwork(TestNetworks.lifMix(997, 2), 2, 64, 0).parallelStep().fused());
        assertFalse(new SimdNetwork(TestNetworks.cuba(1200, 300, 1, false), 2, 64, 0).parallelStep().fused(), "a Poisson source");
        assertSameForOneTwoThreeThreadsAndScalar(() -> TestNetworks.lifMix(997, 3), 1000);
    }

    /** Per step, a hash of every population's spike list. */
    private static long[] stepHashes(SimdNetwork net, int steps) {
        long[] h = new long[steps];
        int np = net.graph().populations().size();
        for (int step = 0; step < steps; step++) {
            net.applyInputs(step);
            net.updateNeurons(step);
            net.propagate(step);
            long x = 17;
            for (int p = 0; p < np; p++) {
                int[] sp = net.spikes(p);
                for (int k = 0; k < net.spikeCount(p); k++) x = x * 31 + sp[k] + 1;
                x = x * 31 + p;
            }
            h[step] = x;
        }
        return h;
    }

    @Test
    void moreThreadsThanAffineTasksClaimChunksAndRangesFreely() {
        // past WorkerPool.MAX_AFFINE_TASKS threads, chunks and delivery ranges are claimed by any thread, unfused
        int threads = WorkerPool.MAX_AFFINE_TASKS + 2;
        for (Supplier<NetworkGraph> g : List.<Supplier<NetworkGraph>>of(() -> TestNetworks.lifMix(997, 5),
                () -> TestNetworks.cuba(1200, 300, 1, false))) {
            Trace ref = Trace.run(new CpuNetwork(g.get()), 200);
            assertTrue(ref.totalSpikes() > 200, "active: " + ref.totalSpikes());
            SimdNetwork net = new SimdNetwork(g.get(), threads, 64, 0);
            assertFalse(net.parallelStep().fused());
            Trace t = Trace.run(net, 200);
            assertTrue(ref.identical(t), threads + " threads: " + ref.firstDifference(t));
        }
    }

    @Test
    void chunksUpdatedByAnotherThreadGiveTheSameSpikesAndState() {
        // One thread made late in every update (its group's input already delivered), so that the other takes the
        // last chunks of its group; fused regions (no source) and separate ones (a Poisson source), 2 and 3 threads.
        for (Supplier<NetworkGraph> g : List.<Supplier<NetworkGraph>>of(() -> TestNetworks.lifMix(997, 5),
                () -> TestNetworks.cuba(1200, 300, 1, false))) {
            Trace ref = Trace.run(new CpuNetwork(g.get()), 300);
            assertTrue(ref.totalSpikes() > 200, "active: " + ref.totalSpikes());
            for (int threads = 2; threads <= 3; threads++) {
                // a worker the OS has not scheduled when a region opens leaves its task to the calling thread, and then
                // nobody steals (a loaded CI machine: 11 steals in 300 steps once); further runs until 100 chunks in all
                long stolen = 0;
                for (int attempt = 0; attempt < 5 && stolen <= 100; attempt++) {
                    try (SimdNetwork net = new SimdNetwork(g.get(), threads, 64, 0)) {
                        LateGroup.install(net.parallelStep());
                        Trace t = Trace.run(net, 300);
                        stolen += net.parallelStep().stolenChunks();
                        assertTrue(ref.identical(t), threads + " threads: " + ref.firstDifference(t));
                    }
                }
                assertTrue(stolen > 100, threads + " threads: chunks taken from the late thread in up to five runs: " + stolen);
            }
        }
    }

    @Test
    void resetWithADeliveryPendingStartsTheSameRunAgainAndCountsEveryEvent() {
        try (SimdNetwork net = new SimdNetwork(TestNetworks.lifMix(997, 5), 2, 64, 0)) {
            assertTrue(net.parallelStep().fused());
            long[] first = stepHashes(net, 300); // the last step's delivery is left pending
            net.resetState();                    // delivers it (counted), then resets
            long events = net.counts().synapticEvents;
            assertTrue(events > 10_000, "active: " + events);
            assertArrayEquals(first, stepHashes(net, 300));
            assertEquals(2 * events, net.counts().synapticEvents, "the same events again, each counted once");
            stepHashes(net, 150);
            net.resetState();
            assertArrayEquals(first, stepHashes(net, 300), "reset in the middle of a run");
        }
    }

    @Test
    void cobaRatesAgreeWithScalarWithinTheVectorExpTolerance() {
        // The vector exp may differ from Math.exp in the last ulp, so on this chaotic network the
        // spike trains may part; the rates must not (different trajectories of one random
        // network, compared as Poisson counts).
        Supplier<NetworkGraph> g = () -> TestNetworks.coba(1600, 400, 5);
        Trace ref = scalar(g);
        long a = ref.totalSpikes();
        assertTrue(a > 2000, "COBA must be active: " + a);
        for (int threads = 1; threads <= 2; threads++) {
            long b = simd(g, threads).totalSpikes();
            assertEquals(a, b, 6 * Math.sqrt(a), threads + " thread(s): " + a + " vs " + b + " spikes");
        }
    }

    /** A model the SIMD backend has no vector kernel for: it must run the model's own kernel. */
    record OpaqueLif(Lif inner) implements NeuronModel {
        @Override public String kind() { return "opaque_lif"; }
        @Override public List<String> stateVariables() { return inner.stateVariables(); }
        @Override public List<String> receptors() { return inner.receptors(); }
        @Override public Dimension receptorDimension(int r) { return inner.receptorDimension(r); }
        @Override public List<Dimension> stateDimensions() { return inner.stateDimensions(); }
        @Override public double[] restingState() { return inner.restingState(); }
        @Override public double refractoryMs() { return inner.refractoryMs(); }
        @Override public NeuronKernel kernel(double dtMs) { return inner.kernel(dtMs); }
    }

    @Test
    void modelsWithoutVectorKernelRunTheirScalarKernelWithTheSameResults() {
        assertNull(SimdKernels.of(new OpaqueLif(new Lif(10, -65, -70, -50, 0.1, 2, ResetMode.TO_VALUE)), 0.1));
        Supplier<NetworkGraph> g = () -> {
            NetworkGraph mix = TestNetworks.lifMix(700, 6);
            NetworkGraph.Population p0 = mix.populations().get(0);
            NetworkGraph.Population opaque = new NetworkGraph.Population(p0.name(), p0.size(), new OpaqueLif((Lif) p0.model()), p0.initial());
            return new NetworkGraph(mix.dtMs(), List.of(opaque, mix.populations().get(1)), mix.sources(), mix.projections(), mix.currents());
        };
        assertSameForOneTwoThreeThreadsAndScalar(g, 500);
    }

    @Test
    void backendIsRegisteredAsSimd() {
        assertNotNull(Backends.byName("simd"));
        assertInstanceOf(SimdBackend.class, Backends.byName("simd"));
        assertTrue(Backends.names().contains("scalar"));
    }

    @Test
    void rejectsBadChunkOptionWithClearMessage() {
        NetworkGraph g = TestNetworks.cuba(100, 25, 7, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SimdBackend().compile(g, new BackendOptions(1, Map.of("chunk", "lots"))));
        assertEquals("simd backend: option chunk: value 'lots' is not a whole number of neurons", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SimdBackend().compile(g, new BackendOptions(1, Map.of("chunk", "12"))));
        assertTrue(e.getMessage().contains("chunk must be a positive multiple of " + SimdKernels.LANES), e.getMessage());
    }
}
