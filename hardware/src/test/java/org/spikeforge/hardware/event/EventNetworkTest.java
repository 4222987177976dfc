package org.spikeforge.hardware.event;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spikeforge.encoders.CurrentSource;
import org.spikeforge.hardware.BackendOptions;
import org.spikeforge.hardware.Backends;
import org.spikeforge.hardware.CompiledNetwork;
import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.hardware.cpu.ScalarBackend;
import org.spikeforge.hardware.event.TestNetworks.Builder;
import org.spikeforge.hardware.event.TestNetworks.Spike;
import org.spikeforge.neurons.CubaLif;
import org.spikeforge.neurons.IntegrateAndFire;
import org.spikeforge.neurons.Lif;
import org.spikeforge.neurons.ResetMode;
import org.spikeforge.synapses.ConnectivityRule;

class EventNetworkTest {
    private static final double DT = 0.1;
    // The fixture's neuron: τ_m = 10 ms, R·I = 1.5 (R = 1 GΩ, I = 1.5 pA), v_th = 1, reset 0, t_ref = 2 ms.
    private static final Lif FIXTURE_NEURON = new Lif(10.0, 0.0, 0.0, 1.0, 1.0, 2.0, ResetMode.TO_VALUE);
    // A resting LIF with a 15 mV gap to threshold.
    private static final Lif RESTING = new Lif(10.0, -65.0, -65.0, -50.0, 0.1, 2.0, ResetMode.TO_VALUE);

    private static CompiledNetwork event(NetworkGraph g) {
        return new EventBackend().compile(g, BackendOptions.defaults());
    }

    private static CompiledNetwork stepped(NetworkGraph g) {
        return new ScalarBackend().compile(g, BackendOptions.defaults());
    }

    private static double[] fixtureMs(String name) throws IOException {
        try (InputStream in = EventNetworkTest.class.getResourceAsStream("/fixtures/brian2/" + name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank())
                    .mapToDouble(l -> Double.parseDouble(l.trim()) * 1e3).toArray();
        }
    }

    @Test
    void lifUnderConstantCurrentFiresAtTheAnalyticOffGridTimes() throws IOException {
        Builder b = new Builder(DT);
        int pop = b.population("n", 1, FIXTURE_NEURON, 0.0);
        b.current(pop, null, CurrentSource.constant(1.5));
        List<Spike> spikes = TestNetworks.run(event(b.build()), 1000);
        double[] t = TestNetworks.times(spikes, pop, 0);
        double[] analytic = fixtureMs("lif_single_analytic.txt");
        double t0 = 10.0 * Math.log(1.5 / 0.5);
        assertEquals(t0, t[0], 1e-11, "first spike: τ·ln(RI/(RI − v_th))");
        assertNotEquals(0.0, Math.IEEEremainder(t[0], DT), 1e-3, "the first spike lies between grid points");
        assertEquals(analytic.length, t.length, "spikes in 100 ms");
        for (int k = 0; k < t.length; k++) {
            assertEquals(analytic[k], t[k], 1e-9, "spike " + k + " (fixture has 1e-10 ms resolution)");
            assertEquals(t0 + k * (2.0 + t0), t[k], 1e-10, "spike " + k + " restarts exactly t_ref after the previous");
            assertEquals((long) Math.floor(t[k] / DT), TestNetworks.steps(spikes, pop, 0)[k], "reported in the step containing it");
        }
    }

    @Test
    void integrateAndFireUnderConstantCurrentFiresAtTheAnalyticTimes() {
        // C dv/dt = I: v_th is reached after C·v_th/I = 250 pF · 1 mV / 60 pA = 4.1667 ms; t_ref = 1.5 ms.
        Builder b = new Builder(DT);
        int pop = b.population("n", 1, new IntegrateAndFire(250.0, 0.0, 1.0, 1.5, ResetMode.TO_VALUE), 0.0);
        b.current(pop, null, CurrentSource.constant(60.0));
        double[] t = TestNetworks.times(TestNetworks.run(event(b.build()), 500), pop, 0);
        double rise = 250.0 * 1.0 / 60.0;
        assertEquals((int) Math.floor((50.0 - rise) / (rise + 1.5)) + 1, t.length);
        for (int k = 0; k < t.length; k++) assertEquals(rise + k * (rise + 1.5), t[k], 1e-10, "spike " + k);
    }

    @Test
    void currentSwitchedOnMidRunStartsTheAnalyticTrajectoryAtThatStep() {
        // Silent until 10 ms (step 100), then R·I = 1.5: the first spike is T0 after the switch, and the
        // membrane read at each step's end follows v∞ + (v0 − v∞)e^{−t/τ}.
        Builder b = new Builder(DT);
        int pop = b.population("n", 1, FIXTURE_NEURON, 0.0);
        b.current(pop, null, new CurrentSource(new long[] {0, 100}, new double[] {0.0, 1.5}));
        CompiledNetwork net = event(b.build());
        double[] v = new double[1];
        double first = Double.NaN;
        for (long s = 0; s < 250 && Double.isNaN(first); s++) {
            net.applyInputs(s);
            net.updateNeurons(s);
            net.propagate(s);
            if (net.spikeCount(pop) > 0) {
                first = ((EventNetwork) net).spikeTimesMs(pop)[0];
            } else {
                net.readState(pop, 0, new int[] {0}, v);
                double tAfter = Math.max(0.0, (s + 1) * DT - 10.0);
                assertEquals(1.5 * -Math.expm1(-tAfter / 10.0), v[0], 1e-12, "v at the end of step " + s);
            }
        }
        assertEquals(10.0 + 10.0 * Math.log(3.0), first, 1e-10);
    }

    @Test
    void delaysAreAppliedExactlyToOffGridSpikes() {
        // A fires off the grid under constant current; B and C jump over threshold on any input from A,
        // so they fire exactly when A's spikes arrive: 0.7 ms and 2.3 ms later.
        Builder b = new Builder(DT);
        int a = b.population("a", 1, FIXTURE_NEURON, 0.0);
        int bPop = b.population("b", 1, RESTING, -65.0);
        int cPop = b.population("c", 1, RESTING, -65.0);
        b.current(a, null, CurrentSource.constant(1.5));
        b.connect("ab", a, bPop, new int[] {0}, new int[] {0}, 20.0, 7);
        b.connect("ac", a, cPop, new int[] {0}, new int[] {0}, 20.0, 23);
        List<Spike> spikes = TestNetworks.run(event(b.build()), 1000);
        double[] ta = TestNetworks.times(spikes, a, 0);
        double[] tb = TestNetworks.times(spikes, bPop, 0);
        double[] tc = TestNetworks.times(spikes, cPop, 0);
        assertEquals(7, ta.length);
        assertEquals(ta.length, tb.length);
        assertEquals(ta.length, tc.length);
        for (int k = 0; k < ta.length; k++) {
            assertEquals(ta[k] + 0.7, tb[k], 1e-10, "b spike " + k);
            assertEquals(ta[k] + 2.3, tc[k], 1e-10, "c spike " + k);
        }
    }

    @Test
    void spikesOfOneStepAreReportedInAscendingOrderWithTheirOwnExactTimes() {
        // Three driven neurons whose currents make them cross at 10.03, 10.02 and 10.01 ms: same step,
        // reverse order of index. R·I = v_th / (1 − e^{−T/τ}) crosses v_th at T from v = 0.
        double[] cross = {10.03, 10.02, 10.01};
        Builder b = new Builder(DT);
        int pop = b.population("n", 3, FIXTURE_NEURON, 0.0);
        for (int i = 0; i < 3; i++) b.current(pop, new int[] {i}, CurrentSource.constant(1.0 / -Math.expm1(-cross[i] / 10.0)));
        CompiledNetwork net = event(b.build());
        for (long s = 0; s <= 100; s++) {
            net.applyInputs(s);
            net.updateNeurons(s);
            net.propagate(s);
            if (s < 100) assertEquals(0, net.spikeCount(pop), "no spike before step 100");
        }
        assertEquals(3, net.spikeCount(pop));
        double[] t = ((EventNetwork) net).spikeTimesMs(pop);
        for (int i = 0; i < 3; i++) {
            assertEquals(i, net.spikes(pop)[i]);
            assertEquals(cross[i], t[i], 1e-10);
        }
    }

    /** A feed-forward and recurrent LIF/IF network driven by a spike array, with delays of 2 to 23 steps. */
    private static NetworkGraph deterministicNetwork() {
        Builder b = new Builder(DT);
        int lif = b.population("lif", 12, RESTING, -65.0);
        int iaf = b.population("if", 4, new IntegrateAndFire(250.0, 0.0, 10.0, 1.0, ResetMode.SUBTRACT), 0.0);
        List<Double> times = new ArrayList<>();
        List<Integer> chans = new ArrayList<>();
        for (int k = 0; k < 40; k++) {
            times.add(2.0 + 4.7 * k);
            chans.add(k % 5);
        }
        int src = b.spikeArray("stim", 5, times.stream().mapToDouble(Double::doubleValue).toArray(),
                chans.stream().mapToInt(Integer::intValue).toArray());
        // stim → lif: channels 0–2 alone bring neurons 0–2 over threshold; 3 and 4 (9 mV) only together.
        b.connect("s_l", src, lif, new int[] {0, 1, 2, 3, 4, 3, 4}, new int[] {0, 1, 2, 3, 3, 4, 4}, 16.0, 2);
        b.connect("s_l2", src, lif, new int[] {3, 4}, new int[] {3, 3}, -7.0, 15);
        // a chain 0 → 5 → 6 → 7 with growing delays, and 7 → 0 back with 23 steps
        b.connect("chain1", lif, lif, new int[] {0, 5, 6}, new int[] {5, 6, 7}, 17.0, 3);
        b.connect("chain2", lif, lif, new int[] {7, 1, 2}, new int[] {0, 8, 8}, 17.0, 23);
        // 3 and 4 fire together; 8 mV from each, arriving at the same instant, is needed to fire 9
        b.connect("pair", lif, lif, new int[] {3, 4}, new int[] {9, 9}, 8.0, 5);
        b.connect("fan", lif, lif, new int[] {8, 8}, new int[] {10, 11}, 16.0, 5);
        // lif → if (integrating, subtractive reset) and if → lif (inputs lost while refractory)
        b.connect("l_i", lif, iaf, new int[] {0, 1, 2, 5, 6, 7, 9}, new int[] {0, 0, 1, 2, 2, 3, 3}, 4.0, 7);
        b.connect("i_l", iaf, lif, new int[] {0, 1, 2, 3}, new int[] {10, 10, 11, 11}, 16.0, 11);
        return b.build();
    }

    @Test
    void agreesWithTimeSteppedWithinOneStepOnADeterministicNetworkWithDelays() {
        List<Spike> ev = TestNetworks.run(event(deterministicNetwork()), 2500);
        List<Spike> st = TestNetworks.run(stepped(deterministicNetwork()), 2500);
        assertTrue(st.size() > 100, "the network is active: " + st.size() + " spikes");
        for (int node = 0; node < 2; node++) {
            for (int i = 0; i < (node == 0 ? 12 : 4); i++) {
                long[] a = TestNetworks.steps(ev, node, i);
                long[] s = TestNetworks.steps(st, node, i);
                assertEquals(s.length, a.length, "spike count of neuron " + i + " of node " + node);
                for (int k = 0; k < a.length; k++) assertTrue(Math.abs(a[k] - s[k]) <= 1, "node " + node + " neuron " + i + " spike " + k + ": step " + a[k] + " vs " + s[k]);
            }
        }
    }

    /** Sparse random network: 800 LIF or IF neurons, Poisson input, random weights, 1–2 ms delays. */
    private static NetworkGraph sparseRandomNetwork(boolean leaky, double dt) {
        return sparseRandomNetwork(leaky, dt, 1.0);
    }

    static NetworkGraph sparseRandomNetwork(boolean leaky, double dt, double recurrent) {
        Builder b = new Builder(dt);
        var model = leaky ? new Lif(20.0, -65.0, -65.0, -50.0, 0.1, 2.0, ResetMode.TO_VALUE)
                          : new IntegrateAndFire(250.0, -65.0, -50.0, 2.0, ResetMode.TO_VALUE);
        double[] v0 = new double[800];
        var rng = org.apache.commons.rng.simple.RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
        for (int i = 0; i < v0.length; i++) v0[i] = -65.0 + 10.0 * rng.nextDouble();
        int pop = b.population("net", model, v0);
        int in = b.poisson("in", 200, 20.0, 11L);
        b.connectRandom("in", in, pop, new ConnectivityRule.FixedProbability(0.05, false), 2.0, 6.0, (int) Math.round(1.0 / dt), 1L);
        b.connectRandom("exc", pop, pop, new ConnectivityRule.FixedProbability(0.01, false), 0.5 * recurrent, 3.0 * recurrent, (int) Math.round(1.5 / dt), 2L);
        b.connectRandom("inh", pop, pop, new ConnectivityRule.FixedProbability(0.01, false), -4.0 * recurrent, -1.0 * recurrent, (int) Math.round(1.0 / dt), 3L);
        return b.build();
    }

    /** Spikes of {@code a} with a partner of the same neuron in {@code b} at most one step away (greedy, in time order). */
    private static int matchedWithinOneStep(List<Spike> a, List<Spike> b, int neurons) {
        int matched = 0;
        for (int i = 0; i < neurons; i++) {
            long[] x = TestNetworks.steps(a, 0, i);
            long[] y = TestNetworks.steps(b, 0, i);
            int p = 0, q = 0;
            while (p < x.length && q < y.length) {
                if (Math.abs(x[p] - y[q]) <= 1) { matched++; p++; q++; }
                else if (x[p] < y[q]) p++;
                else q++;
            }
        }
        return matched;
    }

    @Test
    void integrateAndFireSparseRandomNetworkGivesTheSameSpikesAsTimeStepped() {
        // Without leak the threshold test at the step's end sees the same sum as the event mode sees at the
        // arrival, and every arrival lies on the grid: the two modes must agree spike for spike.
        List<Spike> ev = TestNetworks.run(event(sparseRandomNetwork(false, DT)), 3000);
        List<Spike> st = TestNetworks.run(stepped(sparseRandomNetwork(false, DT)), 3000);
        assertTrue(st.size() > 2000, "active: " + st.size());
        assertEquals(st.size(), ev.size());
        assertEquals(st.size(), matchedWithinOneStep(ev, st, 800));
    }

    @Test
    void oneToOneInputsGiveTheSameSpikesAsTimeStepped() {
        // The event mode reaches a one_to_one projection's target without reading its rows (EventNetwork.identity):
        // one input with a shared weight, one with a weight per synapse, into integrate-and-fire neurons (no leak,
        // so the two modes must agree spike for spike), beside a random recurrent projection.
        java.util.function.Supplier<NetworkGraph> net = () -> {
            Builder b = new Builder(DT);
            double[] v0 = new double[300];
            var rng = org.apache.commons.rng.simple.RandomSource.XO_RO_SHI_RO_128_PP.create(3L);
            for (int i = 0; i < v0.length; i++) v0[i] = -65.0 + 10.0 * rng.nextDouble();
            int pop = b.population("net", new IntegrateAndFire(250.0, -65.0, -50.0, 2.0, ResetMode.TO_VALUE), v0);
            int a = b.poisson("a", 300, 40.0, 5L), c = b.poisson("c", 300, 40.0, 6L);
            var one = new ConnectivityRule.OneToOne();
            b.connect("shared", a, pop, one.build(300, 300, false, null), new float[] {7.0f}, 1);
            b.connectRandom("each", c, pop, one, 2.0, 9.0, 2, 2L);
            b.connectRandom("rec", pop, pop, new ConnectivityRule.FixedProbability(0.02, false), -2.0, 3.0, 10, 3L);
            return b.build();
        };
        NetworkGraph g = net.get();
        assertEquals(1, g.projections().get(0).weights().length, "one shared weight");
        assertEquals(300, g.projections().get(1).weights().length, "a weight per synapse");
        List<Spike> ev = TestNetworks.run(event(g), 3000);
        List<Spike> st = TestNetworks.run(stepped(net.get()), 3000);
        assertTrue(st.size() > 1000, "active: " + st.size());
        assertEquals(st.size(), ev.size());
        assertEquals(st.size(), matchedWithinOneStep(ev, st, 300));
    }

    @Test
    void lifSparseRandomNetworkMatchesTimeSteppedUntilAMarginalCrossingAndKeepsItsRate() {
        // With leak the time-stepped mode tests v > v_th only at the end of the step, after an input
        // has decayed by p = e^{−dt/τ}; the event mode tests it at the arrival. With identical histories
        // the time-stepped mode can therefore never fire where the event mode does not, and the event
        // mode fires alone exactly when the step's end lands in the band (v∞ + (v_th − v∞)·p, v_th].
        // The network is chaotic, so after that first difference only its statistics must agree.
        // At dt = 0.01 ms the band is 0.0075 mV wide, so the first difference comes after many spikes.
        double dt = 0.01;
        List<Spike> ev = TestNetworks.run(event(sparseRandomNetwork(true, dt)), 30_000);
        List<Spike> st = TestNetworks.run(stepped(sparseRandomNetwork(true, dt)), 30_000);
        assertTrue(st.size() > 2000, "active: " + st.size());
        int k = 0;
        while (k < Math.min(ev.size(), st.size()) && ev.get(k).equals(new Spike(0, st.get(k).neuron(), st.get(k).step(), ev.get(k).timeMs()))) k++;
        assertTrue(k >= 50, "identical spikes before the first difference: " + k);
        assertTrue(k < st.size(), "the run is long enough to meet a marginal crossing");
        Spike extra = ev.get(k);
        Spike other = st.get(k);
        assertTrue(extra.step() < other.step() || (extra.step() == other.step() && extra.neuron() < other.neuron()),
                "the first difference is a spike the event mode has and the time-stepped mode lacks: " + extra + " vs " + other);
        CompiledNetwork replay = stepped(sparseRandomNetwork(true, dt));
        for (long s = 0; s <= extra.step(); s++) {
            replay.applyInputs(s);
            replay.updateNeurons(s);
            replay.propagate(s);
        }
        double[] v = new double[1];
        replay.readState(0, 0, new int[] {extra.neuron()}, v);
        double p = Math.exp(-dt / 20.0);
        assertTrue(v[0] <= -50.0 && v[0] > -65.0 + 15.0 * p, "v at the step's end " + v[0] + " lies in the marginal band");
        assertEquals(st.size(), ev.size(), 0.03 * st.size(), "spike counts over 300 ms");
    }

    @Test
    void rejectsModelsWithoutAnAnalyticEventSolutionNamingPopulationAndModel() {
        Builder b = new Builder(DT);
        b.population("exc", 3, new CubaLif(20, 5, 10, -49, -60, -50, 1.0, 5, ResetMode.TO_VALUE), -60.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> event(b.build()));
        assertTrue(e.getMessage().contains("'exc'") && e.getMessage().contains("'cuba_lif'") && e.getMessage().contains("lif and if"),
                e.getMessage());
    }

    @Test
    void rejectsARefractoryPeriodBeyondFiveHundredTimeConstantsWithAClearMessage() {
        Builder b = new Builder(DT);
        b.population("slow", 1, new Lif(1.0, -65.0, -65.0, -50.0, 0.1, 600.0, ResetMode.TO_VALUE), -65.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> event(b.build()));
        assertTrue(e.getMessage().contains("'slow'") && e.getMessage().contains("t_ref = 600.0 ms"), e.getMessage());
    }

    @Test
    void rejectsPlasticNetworksNamingTheProjection() {
        Builder b = new Builder(DT);
        int pop = b.population("n", 2, RESTING, -65.0);
        b.connect("learned", pop, pop, new int[] {0}, new int[] {1}, 1.0, 1);
        NetworkGraph g = b.build();
        var stdp = new org.spikeforge.synapses.plasticity.PairStdp(0.01, 0.012, 20.0, 20.0,
                new org.spikeforge.synapses.plasticity.WeightBounds(0.0, 5.0),
                org.spikeforge.synapses.plasticity.PairStdp.WeightDependence.ADDITIVE,
                org.spikeforge.synapses.plasticity.PairStdp.Pairing.ALL_TO_ALL);
        NetworkGraph plastic = new NetworkGraph(g.dtMs(), g.populations(), g.sources(), g.projections(), g.currents(),
                List.of(new NetworkGraph.Plasticity(0, stdp)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> event(plastic));
        assertTrue(e.getMessage().contains("'learned'") && e.getMessage().contains("static networks only"), e.getMessage());
        assertEquals(ModeSelector.Mode.STEP, ModeSelector.choose(plastic, 0.1).mode());
    }

    @Test
    void isFoundByNameAmongTheBackends() {
        assertNotNull(Backends.byName("event"));
        assertTrue(Backends.byName("event") instanceof EventBackend);
    }
}
