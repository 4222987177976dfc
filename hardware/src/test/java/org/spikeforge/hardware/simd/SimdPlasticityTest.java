package org.spikeforge.hardware.simd;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.spikeforge.encoders.PoissonSource;
import org.spikeforge.hardware.BackendOptions;
import org.spikeforge.hardware.CompiledNetwork;
import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.hardware.cpu.ScalarBackend;
import org.spikeforge.neurons.Lif;
import org.spikeforge.neurons.ResetMode;
import org.spikeforge.synapses.ConnectivityRule;
import org.spikeforge.synapses.CsrConnectivity;
import org.spikeforge.synapses.plasticity.PairStdp;
import org.spikeforge.synapses.plasticity.PlasticityRule;
import org.spikeforge.synapses.plasticity.TsodyksMarkram;
import org.spikeforge.synapses.plasticity.WeightBounds;

/** Plastic networks learn the same weights and fire the same spikes on the simd backend as on the reference. */
class SimdPlasticityTest {

    private static NetworkGraph graph(PlasticityRule rule) {
        int nIn = 100, nOut = 20;
        CsrConnectivity csr = new ConnectivityRule.FixedProbability(0.3, false)
                .build(nIn, nOut, false, RandomSource.XO_RO_SHI_RO_128_PP.create(3L));
        float[] w = new float[csr.synapses()];
        java.util.Arrays.fill(w, 0.5f);
        Lif lif = new Lif(10, 0, 0, 1.0, 1.0, 2.0, ResetMode.TO_VALUE);
        return new NetworkGraph(0.1,
                List.of(new NetworkGraph.Population("post", nOut, lif, new double[][] {new double[nOut]})),
                List.of(new NetworkGraph.Source("in", new PoissonSource(nIn, 40.0, 0.1, 11L))),
                List.of(new NetworkGraph.Projection("in_post", 0, 1, 0, 0, csr, w, 1)),
                List.of(), List.of(new NetworkGraph.Plasticity(0, rule)));
    }

    private static List<String> run(CompiledNetwork net, int steps) {
        List<String> spikes = new ArrayList<>();
        for (long s = 0; s < steps; s++) {
            net.applyInputs(s);
            net.updateNeurons(s);
            net.propagate(s);
            net.learn(s);
            for (int k = 0; k < net.spikeCount(0); k++) spikes.add(s + ":" + net.spikes(0)[k]);
        }
        return spikes;
    }

    private static void assertSameAsReference(PlasticityRule rule) {
        NetworkGraph g1 = graph(rule), g2 = graph(rule);
        CompiledNetwork ref = new ScalarBackend().compile(g1, BackendOptions.defaults());
        CompiledNetwork simd = new SimdBackend().compile(g2, new BackendOptions(2, Map.of()));
        List<String> a = run(ref, 3000), b = run(simd, 3000);
        assertTrue(a.size() > 50, "the network fires: " + a.size());
        assertEquals(a, b);
        int n = g1.projections().get(0).connectivity().synapses();
        float[] wa = new float[n], wb = new float[n];
        ref.readWeights(0, wa);
        simd.readWeights(0, wb);
        assertArrayEquals(wa, wb);
        simd.close();
    }

    @Test
    void pairStdpLearnsTheSameWeights() {
        PairStdp stdp = new PairStdp(0.01, 0.012, 20, 20, new WeightBounds(0, 1), null, null);
        assertSameAsReference(stdp);
        float[] w = new float[graph(stdp).projections().get(0).connectivity().synapses()];
        CompiledNetwork ref = new ScalarBackend().compile(graph(stdp), BackendOptions.defaults());
        run(ref, 3000);
        ref.readWeights(0, w);
        boolean changed = false;
        for (float x : w) changed |= x != 0.5f;
        assertTrue(changed, "STDP changed the weights");
    }

    @Test
    void shortTermDepressionIsApplied() {
        assertSameAsReference(new TsodyksMarkram(0.5, 200.0, 0.0));
    }
}
