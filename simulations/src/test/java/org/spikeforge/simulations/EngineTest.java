package org.spikeforge.simulations;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spikeforge.hardware.cpu.ScalarBackend;
import org.spikeforge.neurons.CubaLif;
import org.spikeforge.neurons.Lif;
import org.spikeforge.neurons.ResetMode;
import org.spikeforge.synapses.ConnectivityRule;
import org.spikeforge.synapses.SynapseValue;

class EngineTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 40})
    void spikeSentWithDelayArrivesExactlyThatManyStepsLater(int d) {
        double dt = 0.1;
        Network net = Network.builder(dt, 1)
                .spikeTimes("stim", 1, new double[] {5.0}, new int[] {0}) // step 50
                .population("post", 1, new Lif(10, 0, 0, 1.0, 1.0, 0.0, ResetMode.TO_VALUE))
                .projection("p", "stim", "post", null, new ConnectivityRule.OneToOne(),
                        new SynapseValue.Constant(0.5), new SynapseValue.Constant(d * dt))
                .build();
        StateProbe v = new StateProbe("v", 0, 0, new int[] {0}, 1);
        try (Simulator sim = new Simulator(net, new ScalarBackend())) {
            sim.run(100, List.of(v), Simulator.Progress.NONE);
        }
        for (int s = 0; s < 100; s++) {
            double expect = s < 50 + d ? 0.0 : 0.5 * Math.exp(-(s - 50 - d + 1) * dt / 10.0);
            assertEquals(expect, v.value(s, 0), 1e-12, "step " + s);
        }
    }

    @Test
    void perSynapseDelaysAreSplitIntoDelayGroupsAndEachArrivesOnTime() {
        double dt = 0.1;
        int[] pre = {0, 0, 0, 0};
        int[] post = {3, 0, 2, 1};
        double[] delays = {0.4, 0.1, 0.3, 0.2}; // steps 4, 1, 3, 2
        Network net = Network.builder(dt, 1)
                .spikeTimes("stim", 1, new double[] {1.0}, new int[] {0}) // step 10
                .population("post", 4, new Lif(10, 0, 0, 1.0, 1.0, 0.0, ResetMode.TO_VALUE))
                .projection("p", "stim", "post", null, new ConnectivityRule.Explicit(pre, post),
                        new SynapseValue.Explicit(new double[] {4, 1, 3, 2}), new SynapseValue.Explicit(delays))
                .build();
        assertEquals(4, net.graph().projections().size(), "one group per distinct delay");
        SpikeProbe sp = new SpikeProbe("s", 0);
        try (Simulator sim = new Simulator(net, new ScalarBackend())) {
            sim.run(30, List.of(sp), Simulator.Progress.NONE);
        }
        // neuron i gets weight i+1 (> threshold 1 for i ≥ 1 after one step's decay) after i+1 steps
        assertArrayEquals(new int[] {12, 13, 14}, sp.steps());
        assertArrayEquals(new int[] {1, 2, 3}, sp.neurons());
    }

    @Test
    void spikesOfOnePopulationReachAnotherAfterTheDelay() {
        // A pre neuron driven over threshold spikes at known steps; with weight above threshold the post
        // neuron must spike exactly d steps after each pre spike.
        double dt = 0.1;
        int d = 13;
        Network net = Network.builder(dt, 1)
                .population("pre", 1, new Lif(10, 0, 0, 1.0, 1.0, 2.0, ResetMode.TO_VALUE))
                .population("post", 1, new Lif(10, 0, 0, 1.0, 1.0, 0.0, ResetMode.TO_VALUE))
                .current("drive", "pre", null, org.spikeforge.encoders.CurrentSource.constant(1.5))
                .projection("p", "pre", "post", "v", new ConnectivityRule.AllToAll(false),
                        new SynapseValue.Constant(5.0), new SynapseValue.Constant(d * dt))
                .build();
        SpikeProbe pre = new SpikeProbe("pre", 0);
        SpikeProbe post = new SpikeProbe("post", 1);
        try (Simulator sim = new Simulator(net, new ScalarBackend())) {
            sim.run(1000, List.of(pre, post), Simulator.Progress.NONE);
        }
        int[] a = pre.steps();
        int[] b = post.steps();
        assertTrue(a.length >= 5);
        int m = 0;
        for (int s : a) if (s + d < 1000) assertEquals(s + d, b[m++]);
        assertEquals(m, b.length);
    }

    @Test
    void fixedInDegreeDeliversExactSumOfWeights() {
        // Conservation: every source spike reaches exactly its out-degree targets with its weight.
        Network net = Network.builder(0.1, 5)
                .poisson("noise", 200, 50.0)
                .population("p", 100, new CubaLif(10, 2, 2, 0, 0, 1e9, 0.04, 0, ResetMode.TO_VALUE))
                .projection("in", "noise", "p", "exc", new ConnectivityRule.FixedInDegree(10, false),
                        new SynapseValue.Constant(1.0), new SynapseValue.Constant(0.1))
                .build();
        SpikeProbe src = new SpikeProbe("src", net.node("noise"));
        try (Simulator sim = new Simulator(net, new ScalarBackend())) {
            RunResult r = sim.run(2000, List.of(src), Simulator.Progress.NONE);
            var csr = net.graph().projections().get(0).connectivity();
            long expected = 0;
            for (int s : src.neurons()) expected += csr.outDegree(s);
            assertEquals(expected, r.synapticEvents());
            // 200 channels × 50 Hz × 0.2 s = 2000 spikes expected (Poisson: sd ≈ 45)
            assertEquals(2000, src.count(), 250);
        }
    }
}
