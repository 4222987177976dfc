package org.spikeforge.hardware.cpu;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spikeforge.encoders.CurrentSource;
import org.spikeforge.encoders.PoissonSource;
import org.spikeforge.encoders.SpikeArraySource;
import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.neurons.IntegrateAndFire;
import org.spikeforge.neurons.Lif;
import org.spikeforge.neurons.ResetMode;
import org.spikeforge.synapses.ConnectivityRule;
import org.spikeforge.synapses.CsrConnectivity;
import org.spikeforge.synapses.device.DevicePresets;
import org.spikeforge.synapses.device.PulsedDevice;
import org.spikeforge.synapses.device.StepModel;
import org.spikeforge.synapses.plasticity.PairStdp;
import org.spikeforge.synapses.plasticity.PlasticityRule;
import org.spikeforge.synapses.plasticity.TripletStdp;
import org.spikeforge.synapses.plasticity.TsodyksMarkram;
import org.spikeforge.synapses.plasticity.WeightBounds;

/** Plasticity executed by the scalar CPU engine, on networks built directly as {@link NetworkGraph}s. */
class CpuPlasticityTest {
    private static final double DT = 0.1;
    private static final int TEACHER_STEP = 1000, POST_STEP = TEACHER_STEP + 1; // delay 1: post fires one step later
    private static final int[] LAGS = lags();
    private static final double W0 = 0.5;

    private static int[] lags() {
        int[] l = new int[33];
        for (int i = 0; i < l.length; i++) l[i] = -400 + 25 * i; // Δt = t_post − t_pre from −40 to +40 ms
        return l;
    }

    private static Lif lif() {
        return new Lif(10.0, -65.0, -65.0, -50.0, 0.1, 2.0, ResetMode.TO_VALUE);
    }

    /**
     * One postsynaptic LIF neuron (node 0); 33 presynaptic channels (node 1), channel i spiking
     * once at POST_STEP − LAGS[i]; a teacher channel (node 2) whose 100 mV synapse makes the
     * neuron fire exactly once, at POST_STEP. Projection 0 (pre → post, weight W0) is plastic.
     */
    private static NetworkGraph pairProtocol(PlasticityRule rule, NetworkGraph.DeviceBinding device) {
        int m = LAGS.length;
        long[] steps = new long[m];
        int[] channels = new int[m];
        for (int i = 0; i < m; i++) {
            steps[i] = POST_STEP - LAGS[i];
            channels[i] = i;
        }
        int[] rowStart = new int[m + 1];
        for (int i = 0; i <= m; i++) rowStart[i] = i;
        CsrConnectivity csr = new CsrConnectivity(m, 1, rowStart, new int[m]);
        float[] w = new float[m];
        java.util.Arrays.fill(w, (float) W0);
        NetworkGraph.Projection plastic = new NetworkGraph.Projection("pre_to_post", 0, 1, 0, 0, csr, w, 1);
        NetworkGraph.Projection teach = new NetworkGraph.Projection("teacher", 0, 2, 0, 0,
                new CsrConnectivity(1, 1, new int[] {0, 1}, new int[] {0}), new float[] {100f}, 1);
        return new NetworkGraph(DT, List.of(new NetworkGraph.Population("post", 1, lif(), new double[][] {{-65.0}})),
                List.of(new NetworkGraph.Source("pre", new SpikeArraySource(m, steps, channels)),
                        new NetworkGraph.Source("teacher", new SpikeArraySource(1, new long[] {TEACHER_STEP}, new int[] {0}))),
                List.of(plastic, teach), List.of(), List.of(new NetworkGraph.Plasticity(0, rule, device)));
    }

    /** A fresh run: sources are stateful, so they restart at step 0 first. */
    private static CpuNetwork compile(NetworkGraph g) {
        for (NetworkGraph.Source src : g.sources()) src.source().reset();
        return new CpuNetwork(g);
    }

    private static CpuNetwork run(NetworkGraph g, long steps) {
        CpuNetwork net = compile(g);
        for (long s = 0; s < steps; s++) {
            net.applyInputs(s);
            net.updateNeurons(s);
            net.propagate(s);
            net.learn(s);
        }
        return net;
    }

    private static float[] weights(CpuNetwork net, int projection) {
        float[] w = new float[net.graph().projections().get(projection).weights().length];
        net.readWeights(projection, w);
        return w;
    }

    private static int postSpikeCount(NetworkGraph g, long steps) {
        CpuNetwork net = compile(g);
        int n = 0;
        for (long s = 0; s < steps; s++) {
            net.applyInputs(s);
            net.updateNeurons(s);
            if (net.spikeCount(0) > 0) assertEquals(POST_STEP, s, "the post neuron fires only at POST_STEP");
            n += net.spikeCount(0);
            net.propagate(s);
            net.learn(s);
        }
        return n;
    }

    @Test
    void pairStdpWindowMeasuredOnPrePostPairsMatchesTheAnalyticCurve() {
        PairStdp rule = new PairStdp(0.01, 0.012, 16.8, 33.7, new WeightBounds(0, 1), PairStdp.WeightDependence.ADDITIVE,
                PairStdp.Pairing.ALL_TO_ALL);
        NetworkGraph g = pairProtocol(rule, null);
        assertEquals(1, postSpikeCount(g, POST_STEP + 600));
        float[] w = weights(run(g, POST_STEP + 600), 0);
        for (int i = 0; i < LAGS.length; i++) {
            double dtMs = LAGS[i] * DT;
            double expected = dtMs >= 0 ? 0.01 * Math.exp(-dtMs / 16.8) : -0.012 * Math.exp(dtMs / 33.7);
            assertEquals(expected, w[i] - W0, 1e-6, "Δt = " + dtMs + " ms");
        }
        assertEquals((float) W0, g.projections().get(0).weights()[0], 0f, "the compiled graph is not modified");
    }

    @Test
    void multiplicativeNearestStdpWindowScalesWithTheDistanceToTheBounds() {
        PairStdp rule = new PairStdp(0.02, 0.03, 20.0, 20.0, new WeightBounds(0, 2), PairStdp.WeightDependence.MULTIPLICATIVE,
                PairStdp.Pairing.NEAREST);
        float[] w = weights(run(pairProtocol(rule, null), POST_STEP + 600), 0);
        for (int i = 0; i < LAGS.length; i++) {
            double dtMs = LAGS[i] * DT;
            double expected = dtMs >= 0 ? 0.02 * (2 - W0) * Math.exp(-dtMs / 20) : -0.03 * (W0 - 0) * Math.exp(dtMs / 20);
            assertEquals(expected, w[i] - W0, 1e-6, "Δt = " + dtMs + " ms");
        }
    }

    @Test
    void idealDeviceReproducesTheWindowAndAPulsedDeviceQuantisesItIntoSteps() {
        PairStdp rule = new PairStdp(0.01, 0.012, 16.8, 33.7, new WeightBounds(0, 1), null, null);
        PulsedDevice ideal = DevicePresets.load("ideal").device();
        float[] wi = weights(run(pairProtocol(rule, new NetworkGraph.DeviceBinding(ideal, 1.0, 5L)), POST_STEP + 600), 0);
        double dwMin = 0.001;
        PulsedDevice constant = new PulsedDevice(new StepModel.ConstantStep(), dwMin, 0, 0, 0, 0, -1, 1, 0, 0, true, 0, 0, 0, 0);
        float[] wc = weights(run(pairProtocol(rule, new NetworkGraph.DeviceBinding(constant, 1.0, 5L)), POST_STEP + 600), 0);
        for (int i = 0; i < LAGS.length; i++) {
            double dtMs = LAGS[i] * DT;
            double expected = dtMs >= 0 ? 0.01 * Math.exp(-dtMs / 16.8) : -0.012 * Math.exp(dtMs / 33.7);
            assertEquals(expected, wi[i] - W0, 1e-6, "ideal device, Δt = " + dtMs);
            double pulses = (wc[i] - W0) / dwMin;
            assertEquals(Math.rint(pulses), pulses, 1e-3, "a whole number of pulses, Δt = " + dtMs);
            assertTrue(Math.abs(wc[i] - W0 - expected) < dwMin, "within one pulse of the request, Δt = " + dtMs);
        }
    }

    @Test
    void deviceFaultsAndSeedsBehaveInTheEngine() {
        PairStdp rule = new PairStdp(0.01, 0.012, 16.8, 33.7, new WeightBounds(0, 1), null, null);
        PulsedDevice stuckOn = new PulsedDevice(new StepModel.ConstantStep(), 0.001, 0, 0, 0, 0, -1, 0.8, 0, 0, true, 0, 0, 1.0, 0);
        float[] w = weights(run(pairProtocol(rule, new NetworkGraph.DeviceBinding(stuckOn, 1.0, 1L)), POST_STEP + 600), 0);
        for (float v : w) assertEquals(0.8f, v, 0f, "stuck-at-on synapses read their upper bound and never learn");
        PulsedDevice noisy = DevicePresets.load("reram_sb").device();
        NetworkGraph g = pairProtocol(rule, new NetworkGraph.DeviceBinding(noisy, 0.5, 77L));
        CpuNetwork a = run(g, POST_STEP + 600), b = run(g, POST_STEP + 600);
        assertArrayEquals(weights(a, 0), weights(b, 0), "same graph and seed, same device draws and updates");
        assertTrue(a.counts().asMap().get("device_pulses") > 0, "pulses are counted for the cost model");
        assertEquals(2L * LAGS.length, a.counts().asMap().get("plasticity_updates"), "33 presynaptic events on one synapse each, one postsynaptic event on 33 synapses");
    }

    @Test
    void tsodyksMarkramScalesEachTransmittedSpikeByItsEfficacy() {
        // A non-leaky integrator with an unreachable threshold: each arrival raises v by w·u·x.
        IntegrateAndFire iaf = new IntegrateAndFire(250.0, 0.0, 1e9, 0.0, ResetMode.TO_VALUE);
        int n = 150, period = 200; // 50 Hz
        long[] steps = new long[n];
        for (int k = 0; k < n; k++) steps[k] = 10 + (long) k * period;
        NetworkGraph.Projection pr = new NetworkGraph.Projection("stp", 0, 1, 0, 0,
                new CsrConnectivity(1, 1, new int[] {0, 1}, new int[] {0}), new float[] {2f}, 1);
        TsodyksMarkram tm = new TsodyksMarkram(0.5, 800.0, 0.0);
        NetworkGraph g = new NetworkGraph(DT, List.of(new NetworkGraph.Population("cell", 1, iaf, new double[][] {{0.0}})),
                List.of(new NetworkGraph.Source("train", new SpikeArraySource(1, steps, new int[n]))), List.of(pr), List.of(),
                List.of(new NetworkGraph.Plasticity(0, tm)));
        CpuNetwork net = new CpuNetwork(g);
        double prev = 0, x = 1, u = 0;
        int k = 0;
        double[] v = new double[1];
        for (long s = 0; s < steps[n - 1] + 5; s++) {
            net.applyInputs(s);
            net.updateNeurons(s);
            net.propagate(s);
            net.learn(s);
            net.readState(0, 0, new int[] {0}, v);
            if (k < n && s == steps[k] + 1) {
                // Independent recursion (Tsodyks, Pawelzik & Markram 1998) for the k-th spike.
                if (k == 0) {
                    u = 0.5;
                    x = 1;
                } else {
                    x = 1 + (x - u * x - 1) * Math.exp(-period * DT / 800.0);
                    u = 0.5;
                }
                assertEquals(2.0 * u * x, v[0] - prev, 1e-9, "increment of spike " + k);
                prev = v[0];
                k++;
            }
        }
        assertEquals(n, k);
        assertEquals(2.0 * 0.5 * tm.steadyStateX(period * DT), 2.0 * u * x, 1e-9, "the train has reached U·x*");
        float[] w = new float[1];
        net.readWeights(0, w);
        assertEquals(2f, w[0], 0f, "short-term plasticity leaves the stored weight alone");
    }

    @Test
    void learningPhaseDoesNotAllocate() {
        int nPre = 200, nPost = 20;
        CsrConnectivity all = new ConnectivityRule.AllToAll(true).build(nPre, nPost, false, null);
        float[] w1 = new float[all.synapses()], w2 = new float[all.synapses()];
        java.util.Arrays.fill(w1, 0.3f);
        java.util.Arrays.fill(w2, 0.3f);
        PairStdp pair = new PairStdp(0.001, 0.001, 20, 20, new WeightBounds(0, 1), null, null);
        TripletStdp triplet = TripletStdp.visualCortexAllToAll(new WeightBounds(0, 1));
        NetworkGraph g = new NetworkGraph(DT,
                List.of(new NetworkGraph.Population("post", nPost, lif(), new double[][] {new double[nPost]})),
                List.of(new NetworkGraph.Source("in", new PoissonSource(nPre, 50.0, DT, 3L))),
                List.of(new NetworkGraph.Projection("a", 0, 1, 0, 0, all, w1, 1), new NetworkGraph.Projection("b", 0, 1, 0, 0, all, w2, 1)),
                List.of(new NetworkGraph.Current("drive", 0, null, CurrentSource.constant(200.0))),
                List.of(new NetworkGraph.Plasticity(0, pair, new NetworkGraph.DeviceBinding(DevicePresets.load("reram_es").device(), 1.0, 4L)),
                        new NetworkGraph.Plasticity(1, triplet)));
        CpuNetwork net = new CpuNetwork(g);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocated = 0, spikes = 0;
        for (long s = 0; s < 6000; s++) {
            net.applyInputs(s);
            net.updateNeurons(s);
            net.propagate(s);
            spikes += net.spikeCount(0);
            long before = mx.getCurrentThreadAllocatedBytes();
            net.learn(s);
            long after = mx.getCurrentThreadAllocatedBytes();
            if (s >= 3000) allocated += after - before;
        }
        assertTrue(spikes > 100, "post neurons fire, " + spikes);
        // One object per phase would be ≥ 16 × 3000 bytes. A few hundred bytes can appear once when the JIT
        // deoptimises a method and rematerialises scalar-replaced objects, which is not per-step allocation.
        assertTrue(allocated < 3000, "bytes allocated by 3000 learning phases: " + allocated);
    }

    @Test
    void graphRejectsTwoLongTermRulesOnOneProjectionAndDevicesOnShortTermRules() {
        NetworkGraph base = pairProtocol(new PairStdp(0.01, 0.01, 20, 20, new WeightBounds(0, 1), null, null), null);
        PairStdp rule = new PairStdp(0.01, 0.01, 20, 20, new WeightBounds(0, 1), null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NetworkGraph(DT, base.populations(),
                base.sources(), base.projections(), base.currents(),
                List.of(new NetworkGraph.Plasticity(0, rule), new NetworkGraph.Plasticity(0, rule))));
        assertTrue(e.getMessage().contains("pre_to_post") && e.getMessage().contains("long-term"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new NetworkGraph.Plasticity(0, new TsodyksMarkram(0.5, 100, 0),
                new NetworkGraph.DeviceBinding(DevicePresets.load("pcm").device(), 1.0, 1L)));
        assertTrue(e.getMessage().contains("tsodyks_markram"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new NetworkGraph(DT, base.populations(), base.sources(),
                base.projections(), base.currents(), List.of(new NetworkGraph.Plasticity(5, rule))));
        assertTrue(e.getMessage().contains("projection 5"), e.getMessage());
        // The five-argument constructor still builds a static network.
        assertTrue(new NetworkGraph(DT, base.populations(), base.sources(), base.projections(), base.currents()).plasticity().isEmpty());
    }
}
