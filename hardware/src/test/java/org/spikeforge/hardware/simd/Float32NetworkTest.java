package org.spikeforge.hardware.simd;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spikeforge.hardware.BackendOptions;
import org.spikeforge.hardware.CompiledNetwork;
import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.hardware.TestNetworks;
import org.spikeforge.hardware.cpu.CpuNetwork;
import org.spikeforge.encoders.CurrentSource;
import org.spikeforge.neurons.CobaLif;
import org.spikeforge.neurons.CubaLif;
import org.spikeforge.neurons.IntegrateAndFire;
import org.spikeforge.neurons.Lif;
import org.spikeforge.neurons.NeuronModel;
import org.spikeforge.neurons.ResetMode;

/**
 * The single-precision SIMD network. Oracles: its own scalar tail (the same float arithmetic in the
 * same order, so the same bits as the vector lanes); the double-precision reference backend, which it
 * must follow within float rounding for one neuron (identical spike times, membrane within 1e-4 mV) and
 * in statistics for a chaotic network (CUBA rate within 5 %).
 */
class Float32NetworkTest {

    /** Runs {@code steps} steps; returns every spike as {@code step·size + index} per population. */
    static long[][] spikes(CompiledNetwork net, int steps) {
        NetworkGraph g = net.graph();
        int np = g.populations().size();
        long[][] buf = new long[np][16];
        int[] n = new int[np];
        for (long step = 0; step < steps; step++) {
            net.applyInputs(step);
            net.updateNeurons(step);
            net.propagate(step);
            for (int p = 0; p < np; p++) {
                int c = net.spikeCount(p);
                long size = g.populations().get(p).size();
                for (int k = 0; k < c; k++) {
                    if (n[p] == buf[p].length) buf[p] = Arrays.copyOf(buf[p], 2 * n[p]);
                    buf[p][n[p]++] = step * size + net.spikes(p)[k];
                }
            }
        }
        long[][] out = new long[np][];
        for (int p = 0; p < np; p++) out[p] = Arrays.copyOf(buf[p], n[p]);
        return out;
    }

    @Test
    void vectorLanesAndScalarTailGiveTheSameBits() {
        double dt = 0.1;
        List<NeuronModel> models = List.of(new Lif(10, -65, -70, -50, 0.1, 2, ResetMode.TO_VALUE),
                new CubaLif(20, 5, 10, -49, -60, -50, 1.0, 5, ResetMode.TO_VALUE),
                new CubaLif(20, 5, 10, -49, -60, -50, 1.0, 0, ResetMode.SUBTRACT),
                new IntegrateAndFire(250, 0, 1, 0.3, ResetMode.SUBTRACT),
                new CobaLif(20, 10, -60, 0, -80, 5, 10, -60, -50, 2, ResetMode.TO_VALUE, CobaLif.Method.EULER));
        for (NeuronModel m : models) {
            Float32Network.Kernel k = switch (m) {
                case Lif l -> new Float32Network.LifKernel(l, dt);
                case CubaLif c -> new Float32Network.CubaLifKernel(c, dt);
                case CobaLif c -> new Float32Network.CobaEulerKernel(c, dt);
                case IntegrateAndFire f -> new Float32Network.IfKernel(f, dt);
                default -> throw new AssertionError();
            };
            int n = 4 * Float32Network.LANES + 5, nv = m.stateVariables().size(), nr = m.receptors().size();
            float[][] va = new float[nv][n], vb = new float[nv][n];
            float[][] ra = new float[nr][n], rb = new float[nr][n];
            int[] fa = new int[n], fb = new int[n];
            float[] x = new float[n];
            java.util.SplittableRandom r = new java.util.SplittableRandom(3);
            for (int i = 0; i < n; i++) {
                va[0][i] = vb[0][i] = (float) (m instanceof IntegrateAndFire ? r.nextDouble() : -60 + 10 * r.nextDouble());
                x[i] = (float) (r.nextDouble() * 30);
            }
            int[] sa = new int[n], sb = new int[n];
            long spikes = 0;
            for (int step = 0; step < 3000; step++) {
                for (int q = 0; q < nr; q++) {
                    for (int i = 0; i < n; i++) {
                        float w = r.nextDouble() < 0.1 ? (float) (r.nextDouble() * 6 - 2) : 0f;
                        ra[q][i] = rb[q][i] = w;
                    }
                }
                int ca = k.step(va, ra, fa, x, true, 0, 0, n, sa, 0);
                int cb = k.tail(vb, rb, fb, x, 0, 0, n, sb, 0);
                assertEquals(cb, ca, m.kind() + " step " + step);
                assertArrayEquals(Arrays.copyOf(sb, cb), Arrays.copyOf(sa, ca), m.kind() + " step " + step);
                for (int q = 0; q < nv; q++) assertArrayEquals(vb[q], va[q], m.kind() + " variable " + q + " step " + step);
                assertArrayEquals(fb, fa);
                spikes += ca;
            }
            assertTrue(spikes > 100, m.kind() + " must spike to test anything: " + spikes);
        }
    }

    @Test
    void cobaVectorLanesStayWithinAFewUlpsOfTheScalarTailAndSpikeTheSame() {
        // The lanes use VectorExp's polynomial, the tail Math.exp: membranes within a few ulps, conductances
        // equal bit for bit, and the same (ascending) spike lists, compared from the same state each step.
        CobaLif m = new CobaLif(200, 10, -60, 0, -80, 5, 10, -60, -50, 5, ResetMode.TO_VALUE);
        Float32Network.Kernel k = new Float32Network.CobaLifKernel(m, 0.1);
        int n = 8 * Float32Network.LANES + 3;
        float[][] va = new float[3][n], vb = new float[3][n], ra = new float[2][n], rb = new float[2][n];
        int[] fa = new int[n], fb = new int[n], sa = new int[n], sb = new int[n];
        float[] x = new float[n];
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int i = 0; i < n; i++) va[0][i] = vb[0][i] = (float) (-65 + 16 * r.nextDouble());
        long spikes = 0;
        double worst = 0;
        for (int step = 0; step < 3000; step++) {
            for (int i = 0; i < n; i++) {
                for (int q = 0; q < 2; q++) ra[q][i] = rb[q][i] = r.nextDouble() < 0.2 ? (float) (20 * r.nextDouble()) : 0f;
                x[i] = (float) (250 * r.nextDouble());
            }
            // odd steps append after 4 entries, leaving no room for whole-vector stores: the masked store
            int at = step % 2 == 0 ? 0 : 4;
            int ca = k.step(va, ra, fa, x, true, 0, 0, n, sa, at);
            int cb = k.tail(vb, rb, fb, x, 0, 0, n, sb, 0);
            assertArrayEquals(Arrays.copyOf(sb, cb), Arrays.copyOfRange(sa, at, ca), "step " + step + ": spike lists");
            assertArrayEquals(vb[1], va[1], "g_e");
            assertArrayEquals(vb[2], va[2], "g_i");
            assertArrayEquals(fb, fa, "refractory counters");
            for (int i = 0; i < n; i++) {
                worst = Math.max(worst, Math.abs(va[0][i] - vb[0][i]) / (double) Math.ulp(Math.max(Math.abs(vb[0][i]), 60f)));
            }
            System.arraycopy(vb[0], 0, va[0], 0, n);
            spikes += ca;
        }
        assertTrue(spikes > 1000, "the test must exercise resets: " + spikes);
        assertTrue(worst <= 8, "worst membrane difference " + worst + " ulps");
    }

    @Test
    void oneDrivenNeuronSpikesWhenTheDoubleBackendDoes() {
        // a cuba_lif and a lif neuron under a current that steps at 50 ms: deterministic, no chaos
        CubaLif cuba = new CubaLif(20, 5, 10, -65, -70, -50, 1.0, 2, ResetMode.TO_VALUE);
        Lif lif = new Lif(10, -65, -70, -50, 0.1, 2, ResetMode.TO_VALUE);
        List<NetworkGraph.Population> pops = List.of(
                new NetworkGraph.Population("c", 1, cuba, new double[][] {{-70}, {0}, {0}}),
                new NetworkGraph.Population("l", 1, lif, new double[][] {{-70}}));
        List<NetworkGraph.Current> cur = List.of(
                new NetworkGraph.Current("ic", 0, null, new CurrentSource(new long[] {0, 500}, new double[] {18.0, 25.0})),
                new NetworkGraph.Current("il", 1, null, new CurrentSource(new long[] {0, 500}, new double[] {180.0, 260.0})));
        NetworkGraph g = new NetworkGraph(0.1, pops, List.of(), List.of(), cur);
        long[][] d = spikes(new CpuNetwork(g), 10_000);
        Float32Network f = new Float32Network(g);
        long[][] s = spikes(f, 10_000);
        assertTrue(d[0].length > 20 && d[1].length > 20, "both spike: " + d[0].length + ", " + d[1].length);
        assertArrayEquals(d[0], s[0], "cuba_lif spike steps");
        assertArrayEquals(d[1], s[1], "lif spike steps");
        CpuNetwork ref = new CpuNetwork(g);
        spikes(ref, 777);
        Float32Network f2 = new Float32Network(g);
        spikes(f2, 777);
        assertEquals(ref.state(0).vars[0][0], f2.variable(0, 0)[0], 1e-4);
        assertEquals(ref.state(1).vars[0][0], f2.variable(1, 0)[0], 1e-4);
    }

    @Test
    void cubaRateAgreesWithDoublePrecisionAndRunsAreReproducible() {
        NetworkGraph g = TestNetworks.cuba(3200, 800, 1, false);
        int steps = 5000;
        long dTotal = 0, fTotal = 0;
        for (long[] p : spikes(new CpuNetwork(g), steps)) dTotal += p.length;
        long[][] a = spikes(new SimdBackend().compile(g, new BackendOptions(1, Map.of("precision", "float32"))), steps);
        long[][] b = spikes(new Float32Network(g), steps);
        for (long[] p : a) fTotal += p.length;
        assertTrue(dTotal > 3000, "active network: " + dTotal);
        assertEquals(dTotal, fTotal, 0.05 * dTotal, "spike count, double " + dTotal + " vs float " + fTotal);
        assertTrue(Arrays.deepEquals(a, b), "same network, same spikes");
    }

    @Test
    void largeProjectionsDeliverEveryRowInWavesAndKeepTheRate() {
        // 36,000 excitatory targets and 2.6 M e→e synapses: propagate reads the spiking rows in waves before
        // it adds (SimdNetwork.TOUCH_ROWS_FROM); the smaller projections go straight to the additions
        NetworkGraph g = TestNetworks.cuba(36_000, 4_000, 8, false);
        long dSpikes = 0; // the double-precision reference first, on its own graph (the graph's Poisson source has a state)
        int steps = 1000;
        for (long[] p : spikes(new CpuNetwork(TestNetworks.cuba(36_000, 4_000, 8, false)), steps)) dSpikes += p.length;
        assertTrue(g.projections().get(0).connectivity().synapses() >= SimdNetwork.TOUCH_ROWS_FROM);
        Float32Network f = new Float32Network(g);
        long expectedEvents = 0, fSpikes = 0;
        for (long step = 0; step < steps; step++) {
            f.applyInputs(step);
            f.updateNeurons(step);
            f.propagate(step);
            // conservation: every spiking source's whole row is delivered, once
            for (NetworkGraph.Projection pr : g.projections()) {
                int[] rowStart = pr.connectivity().rowStart(), sp = f.spikes(pr.sourceNode());
                for (int q = 0; q < f.spikeCount(pr.sourceNode()); q++) expectedEvents += rowStart[sp[q] + 1] - rowStart[sp[q]];
            }
            for (int p = 0; p < g.populations().size(); p++) fSpikes += f.spikeCount(p);
        }
        assertEquals(expectedEvents, f.counts().synapticEvents);
        assertTrue(dSpikes > 10_000, "active network: " + dSpikes);
        assertEquals(dSpikes, fSpikes, 0.05 * dSpikes, "spike count, double " + dSpikes + " vs float " + fSpikes);
    }

    @Test
    void cobaRateAgreesWithDoublePrecision() {
        NetworkGraph g = TestNetworks.coba(800, 200, 2);
        long dTotal = 0, fTotal = 0;
        for (long[] p : spikes(new CpuNetwork(g), 5000)) dTotal += p.length;
        for (long[] p : spikes(new Float32Network(g), 5000)) fTotal += p.length;
        assertTrue(dTotal > 2000, "active network: " + dTotal);
        assertEquals(dTotal, fTotal, 0.1 * dTotal, "spike count, double " + dTotal + " vs float " + fTotal);
    }

    @Test
    void cobaEulerRateAgreesWithDoublePrecision() {
        NetworkGraph g = TestNetworks.coba(800, 200, 2, CobaLif.Method.EULER);
        long dTotal = 0, fTotal = 0;
        for (long[] p : spikes(new CpuNetwork(g), 5000)) dTotal += p.length;
        for (long[] p : spikes(new Float32Network(g), 5000)) fTotal += p.length;
        assertTrue(dTotal > 2000, "active network: " + dTotal);
        assertEquals(dTotal, fTotal, 0.1 * dTotal, "spike count, double " + dTotal + " vs float " + fTotal);
    }

    @Test
    void delayGroupsCurrentsAndPerSynapseWeightsWork() {
        NetworkGraph g = TestNetworks.lifMix(997, 2);
        long dTotal = 0, fTotal = 0;
        for (long[] p : spikes(new CpuNetwork(g), 2000)) dTotal += p.length;
        for (long[] p : spikes(new Float32Network(g), 2000)) fTotal += p.length;
        assertTrue(dTotal > 1000, "active network: " + dTotal);
        assertEquals(dTotal, fTotal, 0.05 * dTotal, "spike count, double " + dTotal + " vs float " + fTotal);
    }

    @Test
    void resetStateGivesTheSameRunAgain() {
        Float32Network f = new Float32Network(TestNetworks.cuba(800, 200, 5, false));
        long[][] first = spikes(f, 1500);
        f.resetState();
        assertTrue(Arrays.deepEquals(first, spikes(f, 1500)));
    }

    @Test
    void unsupportedFeaturesAndBadOptionsAreRefusedWithTheirNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Float32Network(TestNetworks.cuba(900, 100, 1, true)));
        assertTrue(e.getMessage().contains("procedural") && e.getMessage().contains("precision=float64"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SimdBackend().compile(TestNetworks.cuba(400, 100, 1, false),
                new BackendOptions(2, Map.of("precision", "float32", "chunk", "40"))));
        assertTrue(e.getMessage().contains("float32") && e.getMessage().contains("multiple of " + Float32Network.LANES), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SimdBackend().compile(TestNetworks.cuba(400, 100, 1, false),
                new BackendOptions(1, Map.of("precision", "half"))));
        assertTrue(e.getMessage().contains("precision") && e.getMessage().contains("'half'"), e.getMessage());
    }

    /** Spikes (as {@link #spikes}), the final state's raw bits and the synaptic events of a run; closes the network. */
    record Run(long[][] spikes, int[][] stateBits, long events) {
        static Run of(Float32Network net, int steps) {
            try (net) {
                long[][] sp = Float32NetworkTest.spikes(net, steps);
                NetworkGraph g = net.graph();
                int np = g.populations().size();
                int[][] bits = new int[np][];
                for (int p = 0; p < np; p++) {
                    int n = g.populations().get(p).size(), nv = g.populations().get(p).model().stateVariables().size();
                    bits[p] = new int[nv * n];
                    for (int k = 0; k < nv; k++) {
                        float[] v = net.variable(p, k);
                        for (int i = 0; i < n; i++) bits[p][k * n + i] = Float.floatToRawIntBits(v[i]);
                    }
                }
                return new Run(sp, bits, net.counts().synapticEvents);
            }
        }

        long totalSpikes() {
            long t = 0;
            for (long[] x : spikes) t += x.length;
            return t;
        }

        boolean identical(Run o) {
            return Arrays.deepEquals(spikes, o.spikes) && Arrays.deepEquals(stateBits, o.stateBits) && events == o.events;
        }
    }

    @Test
    void sameSpikesAndStateBitsForAnyThreadCountAndChunk() {
        // a Poisson source (delivery in its own region), per-synapse weights with two delays and injected currents
        // (delivery fused with the update), COBA with both integrators; gap-coded rows in the next test
        List<java.util.function.Supplier<NetworkGraph>> nets = List.of(() -> TestNetworks.cuba(1200, 300, 1, false),
                () -> TestNetworks.cuba(1200, 300, 1, false, true), () -> TestNetworks.lifMix(997, 5),
                () -> TestNetworks.coba(1200, 300, 2), () -> TestNetworks.coba(1200, 300, 2, CobaLif.Method.EULER));
        for (var g : nets) {
            Run ref = Run.of(new Float32Network(g.get()), 400);
            assertTrue(ref.totalSpikes() > 300, "active: " + ref.totalSpikes());
            for (int threads = 2; threads <= 3; threads++) {
                for (int chunk : new int[] {32, SimdNetwork.DEFAULT_CHUNK}) {
                    // 0: parallel delivery in every step, whatever its size
                    Run r = Run.of(new Float32Network(g.get(), threads, chunk, 0), 400);
                    assertTrue(ref.identical(r), threads + " threads, chunk " + chunk + ": " + g.get().projections().get(0).name());
                }
            }
        }
    }

    @Test
    void gapCodedRowsSplitAmongThreadsGiveTheSpikesOfTheSameRowsStoredAsIndices() {
        // e→e's 2.6 M synapses are drawn gap-coded (2 bytes a synapse), so each thread enters a row at its own bound
        // from the target before it; the oracle is the same rows stored as 4-byte indices, on one thread. With the
        // Poisson drive (delivery in its own region) and without it (fused with the next update).
        for (boolean noise : new boolean[] {true, false}) {
            NetworkGraph coded = TestNetworks.cuba(36_000, 4_000, 9, false, false, noise);
            assertNotNull(coded.projections().get(0).connectivity().gaps(), "e→e is gap-coded");
            Run ref = Run.of(new Float32Network(TestNetworks.cuba(36_000, 4_000, 9, false, true, noise)), 300);
            assertTrue(ref.totalSpikes() > 1000, "active: " + ref.totalSpikes());
            for (int threads = 1; threads <= 3; threads++) {
                Run r = Run.of(new Float32Network(TestNetworks.cuba(36_000, 4_000, 9, false, false, noise), threads, 2048, 0), 300);
                assertTrue(ref.identical(r), threads + " thread(s), noise " + noise);
            }
        }
    }

    @Test
    void moreThreadsThanAffineTasksClaimChunksAndRangesFreely() {
        // past WorkerPool.MAX_AFFINE_TASKS threads, chunks and delivery ranges are claimed by any thread, unfused
        int threads = WorkerPool.MAX_AFFINE_TASKS + 2;
        for (var g : List.<java.util.function.Supplier<NetworkGraph>>of(() -> TestNetworks.lifMix(997, 5),
                () -> TestNetworks.cuba(1200, 300, 1, false))) {
            Run ref = Run.of(new Float32Network(g.get()), 200);
            assertTrue(ref.totalSpikes() > 200, "active: " + ref.totalSpikes());
            Float32Network net = new Float32Network(g.get(), threads, 32, 0);
            assertFalse(net.parallelStep().fused());
            assertTrue(ref.identical(Run.of(net, 200)), threads + " threads");
        }
    }

    @Test
    void deliveryIsFusedWithTheUpdateOnlyWithoutSources() {
        try (Float32Network a = new Float32Network(TestNetworks.lifMix(997, 2), 2, 64, 0);
             Float32Network b = new Float32Network(TestNetworks.cuba(1200, 300, 1, false), 2, 64, 0);
             Float32Network c = new Float32Network(TestNetworks.lifMix(997, 2))) {
            assertTrue(a.parallelStep().fused());
            assertFalse(b.parallelStep().fused(), "a Poisson source");
            assertFalse(c.parallelStep().fused(), "one thread");
        }
    }

    @Test
    void chunksUpdatedByAnotherThreadGiveTheSameSpikesAndState() {
        // one thread made late in every update (LateGroup), so that the other takes the last chunks of its group
        NetworkGraph g = TestNetworks.lifMix(997, 5);
        Run ref = Run.of(new Float32Network(g), 300);
        // a worker the OS has not scheduled when a region opens leaves its task to the calling thread, and then nobody
        // steals (a loaded CI machine: 11 steals in 300 steps once); further runs until 100 chunks in all
        long stolen = 0;
        for (int attempt = 0; attempt < 5 && stolen <= 100; attempt++) {
            Float32Network net = new Float32Network(TestNetworks.lifMix(997, 5), 2, 32, 0);
            LateGroup.install(net.parallelStep());
            Run r = Run.of(net, 300);
            stolen += net.parallelStep().stolenChunks();
            assertTrue(ref.identical(r));
        }
        assertTrue(stolen > 100, "chunks taken from the late thread in up to five runs: " + stolen);
    }

    @Test
    void resetWithADeliveryPendingStartsTheSameRunAgain() {
        try (Float32Network net = new Float32Network(TestNetworks.lifMix(997, 5), 2, 64, 0)) {
            long[][] first = spikes(net, 300); // the last step's delivery is left pending
            long events = net.counts().synapticEvents;
            assertTrue(events > 10_000, "active: " + events);
            net.resetState();
            assertTrue(Arrays.deepEquals(first, spikes(net, 300)));
            assertEquals(2 * events, net.counts().synapticEvents, "the same events again, each counted once");
        }
    }

    @Test
    void theBackendRunsSinglePrecisionOnItsThreads() throws Exception {
        try (CompiledNetwork c = new SimdBackend().compile(TestNetworks.cuba(400, 100, 1, false),
                new BackendOptions(2, Map.of("precision", "float32", "warmup", "0")))) {
            assertEquals(2, assertInstanceOf(Float32Network.class, c).threads());
        }
    }
}
