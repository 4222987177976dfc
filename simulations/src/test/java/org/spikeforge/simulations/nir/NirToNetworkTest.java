package org.spikeforge.simulations.nir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.spikeforge.hardware.Backend;
import org.spikeforge.hardware.BackendOptions;
import org.spikeforge.hardware.CompiledNetwork;
import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.hardware.OperationCounts;
import org.spikeforge.hardware.cpu.ScalarBackend;
import org.spikeforge.neurons.ResetMode;
import org.spikeforge.neurons.nir.NirCubaLif;
import org.spikeforge.neurons.nir.NirLif;

/**
 * How {@link NirToNetwork} maps NIR graphs onto the engine: structured connectivity for
 * convolutions, the per-layer time shift, recurrent and delayed edges, graded inputs, per-neuron
 * parameters, readouts, and the graphs it must refuse. The oracle is the reference executor
 * ({@link NirExecutor}, itself checked against snnTorch and Norse), and snnTorch's own probes.
 */
class NirToNetworkTest {
    static final double DT = 1e-4;
    static final ScalarBackend SCALAR = new ScalarBackend();

    // ---- structure -----------------------------------------------------------------------------

    @Test
    void convolutionAndPoolingBecomeSparseTapsNotDenseMatrices() {
        NirGraph g = NirReader.read(NirTestFiles.snntorch("N6.nir")).graph();
        NirToNetwork m = NirToNetwork.map(g, NirRunOptions.snntorch());
        NirToNetwork.Mapped mapped = m.network(new double[100 * 3], 1, 3);
        NetworkGraph net = mapped.network().graph();
        NetworkGraph.Projection conv = projection(net, "input->1");
        // a valid 3×3 convolution: each of the 4·8·8 outputs has 9 taps, not all 100 inputs
        assertEquals(4 * 8 * 8 * 9, conv.connectivity().synapses());
        assertEquals(1, conv.delaySteps());
        // the conv weight of output (c, y, x) from input (y+ky, x+kx) is w[c][0][ky][kx]
        double[] w = ((NirNode.Conv2d) g.node("0")).weight().values();
        int[] rows = conv.connectivity().rowStart(), targets = conv.connectivity().targets();
        int pixel = 5 * 10 + 4; // input (5, 4)
        for (int j = rows[pixel]; j < rows[pixel + 1]; j++) {
            int o = targets[j], c = o / 64, y = (o % 64) / 8, x = o % 8;
            assertEquals((float) w[c * 9 + (5 - y) * 3 + (4 - x)], conv.weight(j), "tap of output " + o);
        }
        // AvgPool2d(2) → Flatten → Linear(64→10): LIF neuron (c, y, x) reaches output r with W[r][c·16 + (y/2)·4 + x/2]/4
        NetworkGraph.Projection pooled = projection(net, "1->5");
        assertEquals(256 * 10, pooled.connectivity().synapses());
        assertEquals(1, pooled.delaySteps());
        double[] lin = ((NirNode.Linear) g.node("4")).weight().values();
        rows = pooled.connectivity().rowStart();
        targets = pooled.connectivity().targets();
        for (int s : new int[] {0, 77, 255}) {
            int c = s / 64, y = (s % 64) / 8, x = s % 8, j = c * 16 + (y / 2) * 4 + x / 2;
            for (int k = rows[s]; k < rows[s + 1]; k++) {
                assertEquals((float) (lin[targets[k] * 64 + j] / 4), pooled.weight(k), "LIF neuron " + s + " -> output " + targets[k]);
            }
        }
        assertEquals(Map.of("1", 1, "5", 2), mapped.depth(), "each layer one step behind the one feeding it");
        assertEquals(3 + 2, mapped.trialSteps());
        // the conv bias: one constant current per channel
        double[] bias = ((NirNode.Conv2d) g.node("0")).bias().values();
        List<NetworkGraph.Current> currents = net.currents();
        assertEquals(4, currents.size());
        for (NetworkGraph.Current c : currents) {
            int channel = c.neurons()[0] / 64;
            assertEquals(64, c.neurons().length);
            assertEquals(0.0, c.current().amplitudeAt(0), "before its first step the layer waits without input");
            assertEquals(bias[channel], c.current().amplitudeAt(1), 0.0);
        }
    }

    @Test
    void recurrentEdgeKeepsItsOneStepDelayAndTheLoopRunsAsOnTheReference() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(3);
        NirGraph g = NirGraph.builder()
                .node("input", new NirNode.Input(6))
                .node("w", new NirNode.Linear(matrix(rng, 5, 6, 0.8), Map.of()))
                .node("lif", lif(5, 0.9))
                .node("rec", new NirNode.Affine(matrix(rng, 5, 5, 0.6), vector(rng, 5, 0.2), Map.of()))
                .node("output", new NirNode.Output(5))
                .chain("input", "w", "lif", "output").edge("lif", "rec").edge("rec", "lif").build();
        NirToNetwork m = NirToNetwork.map(g, NirRunOptions.snntorch());
        double[] x = spikes(rng, 3, 60, 6, 0.3);
        NirToNetwork.Mapped mapped = m.network(x, 3, 60);
        assertEquals(1, projection(mapped.network().graph(), "lif->lif").delaySteps(), "the loop acts on the previous step's spikes");
        assertSameAsReference(m, x, 3, 60, SCALAR, BackendOptions.defaults(), 0.0);
    }

    @Test
    void skipConnectionIsDelayedToMeetTheLongerPath() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(4);
        NirGraph g = NirGraph.builder()
                .node("input", new NirNode.Input(8))
                .node("a", new NirNode.Linear(matrix(rng, 6, 8, 1.0), Map.of()))
                .node("l1", lif(6, 0.8))
                .node("b", new NirNode.Linear(matrix(rng, 4, 6, 1.0), Map.of()))
                .node("c", new NirNode.Linear(matrix(rng, 4, 8, 0.5), Map.of()))
                .node("l2", lif(4, 0.9))
                .node("output", new NirNode.Output(4))
                .chain("input", "a", "l1", "b", "l2", "output").chain("input", "c", "l2").build();
        NirToNetwork m = NirToNetwork.map(g, NirRunOptions.snntorch());
        double[] x = spikes(rng, 2, 80, 8, 0.3);
        NirToNetwork.Mapped mapped = m.network(x, 2, 80);
        assertEquals(Map.of("l1", 1, "l2", 2), mapped.depth());
        assertEquals(2, projection(mapped.network().graph(), "input->l2").delaySteps(), "the direct path waits for the two-layer path");
        assertSameAsReference(m, x, 2, 80, SCALAR, BackendOptions.defaults(), 0.0);
    }

    @Test
    void delayNodeIsAddedToTheProjectionDelay() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(5);
        NirGraph g = NirGraph.builder()
                .node("input", new NirNode.Input(5))
                .node("w", new NirNode.Affine(matrix(rng, 4, 5, 1.0), vector(rng, 4, 0.3), Map.of()))
                .node("d", new NirNode.Delay(NirTensor.vector(NirTensor.DType.FLOAT32, 3 * DT), Map.of()))
                .node("lif", lif(4, 0.85))
                .node("output", new NirNode.Output(4))
                .chain("input", "w", "d", "lif", "output").build();
        NirToNetwork m = NirToNetwork.map(g, NirRunOptions.snntorch());
        double[] x = spikes(rng, 2, 50, 5, 0.4);
        NirToNetwork.Mapped mapped = m.network(x, 2, 50);
        assertEquals(1 + 3, projection(mapped.network().graph(), "input->lif").delaySteps());
        NetworkGraph.Current bias = mapped.network().graph().currents().get(0);
        assertEquals(0.0, bias.current().amplitudeAt(3), "the bias passes the Delay node too: it starts 3 steps after the layer's first");
        assertTrue(bias.current().amplitudeAt(4) != 0.0);
        assertSameAsReference(m, x, 2, 50, SCALAR, BackendOptions.defaults(), 0.0);
    }

    @Test
    void gradedInputRunsAsCurrentsOnTheHostFirstMap() {
        NirGraph g = NirReader.read(NirTestFiles.snntorch("N2.nir")).graph();
        NirToNetwork m = NirToNetwork.map(g, NirRunOptions.snntorch());
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(6);
        double[] x = new double[2 * 100 * 12];
        for (int i = 0; i < x.length; i++) x[i] = 0.5 * rng.nextDouble();
        NirToNetwork.EngineRun run = m.run(x, 2, 100, SCALAR, BackendOptions.defaults());
        assertEquals(NirToNetwork.InputMode.CURRENTS, run.mapped().inputMode());
        assertTrue(run.mapped().network().graph().sources().isEmpty(), "no spike source for graded input");
        assertSameAsReference(m, x, 2, 100, SCALAR, BackendOptions.defaults(), 1e-6);
    }

    @Test
    void perNeuronParametersExactDiscretisationNirFlavorAndEveryReadoutMatchTheReference() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7);
        int n = 6;
        double[] tau = new double[n], vLeak = new double[n];
        for (int k = 0; k < n; k++) {
            tau[k] = 5e-4 + 1e-3 * rng.nextDouble();
            vLeak[k] = -0.2 + 0.3 * rng.nextDouble();
        }
        NirNode.LIF lif = new NirNode.LIF(f64(tau), f64(filled(n, 1.0 / 0.1 * 1.0)), f64(vLeak), f64(filled(n, 0.5)), f64(filled(n, -0.1)), Map.of());
        NirGraph g = NirGraph.builder()
                .node("input", new NirNode.Input(7))
                .node("w", new NirNode.Linear(matrix(rng, n, 7, 0.6), Map.of()))
                .node("lif", lif)
                .node("wif", new NirNode.Linear(matrix(rng, 3, n, 0.8), Map.of()))
                .node("if", new NirNode.IF(f64(filled(3, 1e4)), f64(filled(3, 1.0)), f64(filled(3, 0.0)), Map.of()))
                .node("wli", new NirNode.Linear(matrix(rng, 2, n, 1.0), Map.of()))
                .node("li", new NirNode.LI(f64(filled(2, 2e-3)), f64(filled(2, 1.0)), f64(filled(2, 0.1)), Map.of()))
                .node("wcli", new NirNode.Linear(matrix(rng, 2, 3, 1.0), Map.of()))
                .node("cli", new NirNode.CubaLI(f64(filled(2, 1e-3)), f64(filled(2, 3e-3)), f64(filled(2, 2.0)), f64(filled(2, 0.0)),
                        f64(filled(2, 1.5)), Map.of()))
                .node("wi", new NirNode.Scale(f64(filled(3, 0.5)), Map.of()))
                .node("i", new NirNode.I(f64(filled(3, 100.0)), Map.of()))
                .node("out_li", new NirNode.Output(2)).node("out_cli", new NirNode.Output(2)).node("out_i", new NirNode.Output(3))
                .chain("input", "w", "lif", "wif", "if", "wcli", "cli", "out_cli")
                .chain("lif", "wli", "li", "out_li")
                .chain("if", "wi", "i", "out_i").build();
        NirRunOptions opts = NirRunOptions.defaults().withReset(ResetMode.SUBTRACT).withNodeReset("if", ResetMode.TO_VALUE)
                .withDiscretisation(NirRunOptions.Discretisation.EXACT);
        NirToNetwork m = NirToNetwork.map(g, opts);
        NirLif model = (NirLif) m.model("lif");
        assertEquals(n, model.neurons(), "per-neuron time constants stay per neuron");
        assertTrue(!model.delayedReset(), "the NIR flavor resets at once");
        double[] x = spikes(rng, 2, 120, 7, 0.35);
        assertSameAsReference(m, x, 2, 120, SCALAR, BackendOptions.defaults(), 1e-6);
        NirRecording rec = m.run(x, 2, 120, SCALAR, BackendOptions.defaults()).recording();
        long ifSpikes = 0;
        for (float s : rec.get("if", "spk").data()) ifSpikes += (long) s;
        assertTrue(ifSpikes > 10, "the second layer spikes (" + ifSpikes + "), so the readouts see input");
    }

    @Test
    void cubaLifUnderEveryFlavorDiscretisationAndResetMatchesTheReference() {
        NirGraph g = NirReader.read(NirTestFiles.snntorch("N2.nir")).graph();
        Map<String, NirNpy.Array> ref = NirNpy.readNpz(NirTestFiles.snntorch("N2_ref.npz"));
        double[] x = java.util.Arrays.copyOf(ref.get("inputs").data(), 2 * 100 * 12);
        for (NirRunOptions.Flavor flavor : NirRunOptions.Flavor.values()) {
            for (NirRunOptions.Discretisation d : NirRunOptions.Discretisation.values()) {
                for (ResetMode reset : ResetMode.values()) {
                    NirRunOptions opts = NirRunOptions.preset(flavor).withDiscretisation(d).withReset(reset);
                    assertSameAsReference(NirToNetwork.map(g, opts), x, 2, 100, SCALAR, BackendOptions.defaults(), 1e-6);
                }
            }
        }
    }

    /** snnTorch's single-neuron probes (graded inputs, so they enter as currents), as NirSnnTorchReferenceTest runs them on the executor. */
    @Test
    void reproducesSnnTorchSemanticsProbesOnTheEngine() throws IOException {
        JsonNode probes = new ObjectMapper().readTree(NirTestFiles.snntorch("semantics_probe.json").toFile()).get("probes");
        for (JsonNode probe : probes) {
            String label = probe.get("probe").asText();
            double beta = label.contains("beta=0 ") ? 0.0 : 0.5;
            ResetMode reset = label.contains("zero") ? ResetMode.TO_VALUE : ResetMode.SUBTRACT;
            NirGraph.Builder g = NirGraph.builder().node("input", new NirNode.Input(1))
                    .node("w", new NirNode.Linear(new NirTensor(NirTensor.DType.FLOAT32, new int[] {1, 1}, new double[] {1.0}), Map.of()))
                    .node("output", new NirNode.Output(1));
            NirTensor tauMem = f64(DT / (1 - beta));
            if (label.startsWith("Leaky") || label.startsWith("RLeaky")) {
                g.node("n", new NirNode.LIF(tauMem, f64(tauMem.get(0) / DT), f64(0), f64(1), f64(0), Map.of()));
            } else {
                NirTensor tauSyn = f64(DT / (1 - 0.5));
                g.node("n", new NirNode.CubaLIF(tauSyn, tauMem, f64(tauMem.get(0) / DT), f64(0), f64(1), f64(0), f64(tauSyn.get(0) / DT), Map.of()));
            }
            g.chain("input", "w", "n", "output");
            if (label.startsWith("R")) {
                boolean weighted = label.contains("W_rec=.25");
                g.node("rec", new NirNode.Affine(new NirTensor(NirTensor.DType.FLOAT32, new int[] {1, 1}, new double[] {weighted ? 0.25 : 0.0}),
                        f64(weighted ? 0.125 : 0.0), Map.of()));
                g.edge("n", "rec").edge("rec", "n");
            }
            double[] in = new double[probe.get("inputs").size()];
            for (int t = 0; t < in.length; t++) in[t] = probe.get("inputs").get(t).asDouble();
            NirToNetwork.EngineRun run = NirToNetwork.map(g.build(), NirRunOptions.snntorch().withReset(reset))
                    .run(in, 1, in.length, SCALAR, BackendOptions.defaults());
            assertEquals(NirToNetwork.InputMode.CURRENTS, run.mapped().inputMode(), label);
            NirRecording rec = run.recording();
            for (int t = 0; t < in.length; t++) {
                JsonNode step = probe.get("steps").get(t);
                assertEquals(step.get("spk").asDouble(), rec.get("n", "spk").at(0, t, 0), label + " spike at step " + t);
                assertEquals(step.get("mem").asDouble(), rec.get("n", "v").at(0, t, 0), 1e-6, label + " membrane at step " + t);
                if (step.has("syn")) assertEquals(step.get("syn").asDouble(), rec.get("n", "i").at(0, t, 0), 1e-6, label + " current at step " + t);
            }
        }
    }

    @Test
    void backendThatCannotResetRunsOneCompiledNetworkPerTrial() {
        NirGraph g = NirReader.read(NirTestFiles.snntorch("N3.nir")).graph();
        NirRunOptions opts = NirRunOptions.snntorch().withNodeReset("1", ResetMode.TO_VALUE);
        NirToNetwork m = NirToNetwork.map(g, opts);
        Map<String, NirNpy.Array> ref = NirNpy.readNpz(NirTestFiles.snntorch("N3_ref.npz"));
        double[] x = java.util.Arrays.copyOf(ref.get("inputs").data(), 3 * 100 * 12);
        NoReset backend = new NoReset();
        NirRecording rec = m.run(x, 3, 100, backend, BackendOptions.defaults()).recording();
        assertEquals(1 + 3, backend.compiled, "one compile for the whole batch, found unable to reset, then one per trial");
        float[] spk = rec.get("3", "spk").data();
        double[] expected = ref.get("spk_3").data();
        for (int i = 0; i < spk.length; i++) assertEquals(expected[i], spk[i], "spike " + i + " of node 3 (snnTorch)");
    }

    @Test
    void float64WeightsAreStoredAsFloat32WithANoteSayingByHowMuch() {
        NirGraph g = NirGraph.builder().node("input", new NirNode.Input(2))
                .node("w", new NirNode.Linear(new NirTensor(NirTensor.DType.FLOAT64, new int[] {2, 2}, new double[] {0.1, 0.7, -0.3, 0.5}), Map.of()))
                .node("lif", lif(2, 0.9)).node("output", new NirNode.Output(2)).chain("input", "w", "lif", "output").build();
        NirToNetwork m = NirToNetwork.map(g, NirRunOptions.snntorch());
        NetworkGraph net = m.network(new double[2 * 5], 1, 5).network().graph();
        assertEquals(0.1f, projection(net, "input->lif").weight(0), 0.0f);
        assertTrue(m.notes().stream().anyMatch(n -> n.startsWith("projection input->lif: weights rounded to float32")), m.notes().toString());
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(9);
        NirToNetwork exact = NirToNetwork.map(NirGraph.builder().node("input", new NirNode.Input(2))
                .node("w", new NirNode.Linear(matrix(rng, 2, 2, 1.0), Map.of()))
                .node("lif", lif(2, 0.9)).node("output", new NirNode.Output(2)).chain("input", "w", "lif", "output").build(), NirRunOptions.snntorch());
        exact.network(new double[2 * 5], 1, 5);
        assertTrue(exact.notes().isEmpty(), "float32 weights are stored exactly: " + exact.notes());
    }

    // ---- refusals ------------------------------------------------------------------------------

    @Test
    void refusesWhatTheEngineCannotRunWithOneLineNamingTheNode() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(8);
        NirGraph threshold = NirGraph.builder().node("input", new NirNode.Input(3))
                .node("w", new NirNode.Linear(matrix(rng, 3, 3, 1.0), Map.of()))
                .node("th", new NirNode.Threshold(f64(filled(3, 0.5)), Map.of()))
                .node("output", new NirNode.Output(3)).chain("input", "w", "th", "output").build();
        assertRefused(threshold, "Threshold node 'th'");

        NirGraph liFeedsLif = NirGraph.builder().node("input", new NirNode.Input(3))
                .node("w", new NirNode.Linear(matrix(rng, 3, 3, 1.0), Map.of()))
                .node("li", new NirNode.LI(f64(filled(3, 1e-3)), f64(filled(3, 10.0)), f64(filled(3, 0.0)), Map.of()))
                .node("w2", new NirNode.Linear(matrix(rng, 3, 3, 1.0), Map.of()))
                .node("lif", lif(3, 0.9)).node("output", new NirNode.Output(3))
                .chain("input", "w", "li", "w2", "lif", "output").build();
        assertRefused(liFeedsLif, "LI node 'li' feeds neuron node 'lif'");

        // lif2 → lif1 closes a loop through two neuron nodes: two engine steps at least, one in NIR
        NirGraph crossLayer = NirGraph.builder().node("input", new NirNode.Input(3))
                .node("w1", new NirNode.Linear(matrix(rng, 3, 3, 1.0), Map.of())).node("lif1", lif(3, 0.9))
                .node("w2", new NirNode.Linear(matrix(rng, 3, 3, 1.0), Map.of())).node("lif2", lif(3, 0.9))
                .node("back", new NirNode.Linear(matrix(rng, 3, 3, 1.0), Map.of())).node("output", new NirNode.Output(3))
                .chain("input", "w1", "lif1", "w2", "lif2", "output").chain("lif2", "back", "lif1").build();
        NirToNetwork m = NirToNetwork.map(crossLayer, NirRunOptions.snntorch());
        NirFormatException e = assertThrows(NirFormatException.class, () -> m.network(new double[3 * 4], 1, 4));
        assertTrue(e.getMessage().contains("cycle") && e.getMessage().contains("lif"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());

        NirGraph restsAbove = NirGraph.builder().node("input", new NirNode.Input(2))
                .node("w", new NirNode.Linear(matrix(rng, 2, 2, 1.0), Map.of()))
                .node("lif", new NirNode.LIF(f64(1e-3), f64(10), f64(2.0), f64(1.0), f64(0.0), Map.of()))
                .node("output", new NirNode.Output(2)).chain("input", "w", "lif", "output").build();
        NirToNetwork r = NirToNetwork.map(restsAbove, NirRunOptions.snntorch());
        e = assertThrows(NirFormatException.class, () -> r.network(new double[2 * 4], 1, 4));
        assertTrue(e.getMessage().contains("'lif' rests above its threshold"), e.getMessage());
    }

    @Test
    void nirModelsRejectParametersForAnotherPopulationSize() {
        var model = new NirCubaLif(new double[] {1e-3, 2e-3}, new double[] {5e-4}, new double[] {1}, new double[] {0}, new double[] {1},
                new double[] {0}, new double[] {1}, null, null, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NetworkGraph.Population("p", 3, model, new double[3][3]));
        assertTrue(e.getMessage().contains("population p") && e.getMessage().contains("2 neurons"), e.getMessage());
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static void assertRefused(NirGraph g, String expected) {
        NirFormatException e = assertThrows(NirFormatException.class, () -> NirToNetwork.map(g, NirRunOptions.snntorch()));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    /** Every trace of the engine run equals the reference executor's within {@code tol}, spikes exactly. */
    static void assertSameAsReference(NirToNetwork m, double[] x, int batch, int steps, Backend backend, BackendOptions opts, double tol) {
        NirRecording expected = m.reference().run(x, batch, steps);
        NirRecording actual = m.run(x, batch, steps, backend, opts).recording();
        assertEquals(expected.traces().keySet(), actual.traces().keySet(), "recorded node variables");
        long spikes = 0;
        for (Map.Entry<String, NirRecording.Trace> e : expected.traces().entrySet()) {
            float[] a = e.getValue().data(), b = actual.traces().get(e.getKey()).data();
            assertEquals(a.length, b.length, e.getKey());
            boolean spk = e.getKey().endsWith("/spk");
            for (int i = 0; i < a.length; i++) {
                if (spk) {
                    assertEquals(a[i], b[i], e.getKey() + " element " + i);
                    spikes += (long) a[i];
                } else {
                    assertEquals(a[i], b[i], tol, e.getKey() + " element " + i);
                }
            }
        }
        assertTrue(spikes > 0, "the comparison needs spikes");
    }

    private static NetworkGraph.Projection projection(NetworkGraph g, String name) {
        List<String> names = new ArrayList<>();
        for (NetworkGraph.Projection p : g.projections()) {
            if (p.name().equals(name)) return p;
            names.add(p.name());
        }
        throw new AssertionError("no projection " + name + " in " + names);
    }

    /** An snnTorch-style LIF layer: beta, threshold 1, reset to 0. */
    static NirNode.LIF lif(int n, double beta) {
        double tau = DT / (1 - beta);
        return new NirNode.LIF(f64(filled(n, tau)), f64(filled(n, tau / DT)), f64(filled(n, 0)), f64(filled(n, 1)), f64(filled(n, 0)), Map.of());
    }

    /** A float32 (rows × cols) matrix, uniform in ±scale. */
    static NirTensor matrix(UniformRandomProvider rng, int rows, int cols, double scale) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) v[i] = (float) (scale * (2 * rng.nextDouble() - 1));
        return new NirTensor(NirTensor.DType.FLOAT32, new int[] {rows, cols}, v);
    }

    static NirTensor vector(UniformRandomProvider rng, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = (float) (scale * (2 * rng.nextDouble() - 1));
        return NirTensor.vector(NirTensor.DType.FLOAT32, v);
    }

    /** Bernoulli spikes, (batch, steps, n). */
    static double[] spikes(UniformRandomProvider rng, int batch, int steps, int n, double p) {
        double[] x = new double[batch * steps * n];
        for (int i = 0; i < x.length; i++) x[i] = rng.nextDouble() < p ? 1.0 : 0.0;
        return x;
    }

    static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    static NirTensor f64(double... v) {
        return NirTensor.vector(NirTensor.DType.FLOAT64, v);
    }

    /** The scalar backend behind a compiled network that cannot reset its state in place. */
    private static final class NoReset implements Backend {
        int compiled;

        @Override public String name() { return "no-reset"; }

        @Override public String description() { return "scalar, without in-place reset"; }

        @Override
        public CompiledNetwork compile(NetworkGraph graph, BackendOptions options) {
            compiled++;
            CompiledNetwork c = SCALAR.compile(graph, options);
            return new CompiledNetwork() {
                @Override public NetworkGraph graph() { return c.graph(); }
                @Override public void applyInputs(long step) { c.applyInputs(step); }
                @Override public void updateNeurons(long step) { c.updateNeurons(step); }
                @Override public void propagate(long step) { c.propagate(step); }
                @Override public int spikeCount(int node) { return c.spikeCount(node); }
                @Override public int[] spikes(int node) { return c.spikes(node); }
                @Override public void readState(int pop, int var, int[] neurons, double[] dst) { c.readState(pop, var, neurons, dst); }
                @Override public OperationCounts counts() { return c.counts(); }
            };
        }
    }
}
