package org.spikeforge.hardware.photonic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.spikeforge.encoders.SpikeArraySource;
import org.spikeforge.hardware.BackendOptions;
import org.spikeforge.hardware.Backends;
import org.spikeforge.hardware.CompiledNetwork;
import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.hardware.OperationCounts;
import org.spikeforge.hardware.cpu.ScalarBackend;
import org.spikeforge.neurons.CubaLif;
import org.spikeforge.neurons.Lif;
import org.spikeforge.neurons.NeuronModel;
import org.spikeforge.neurons.ResetMode;
import org.spikeforge.synapses.CsrConnectivity;

class PhotonicBackendTest {
    private static final int STEPS = 300;
    private static final int INPUTS = 8;

    /** Input source (node 2), a LIF population A (node 0) and a CuBa-LIF population B (node 1). */
    private static NetworkGraph network() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(42);
        int spikes = 400;
        long[] t = new long[spikes];
        int[] ch = new int[spikes];
        for (int k = 0; k < spikes; k++) {
            t[k] = rng.nextInt(STEPS - 20);
            ch[k] = rng.nextInt(INPUTS);
        }
        Lif lif = new Lif(10, -65, -65, -50, 0.1, 2, ResetMode.TO_VALUE);
        CubaLif cuba = new CubaLif(10, 2, 3, -65, -65, -50, 0.04, 2, ResetMode.TO_VALUE);
        List<NetworkGraph.Population> pops = List.of(population("A", 10, lif, rng), population("B", 6, cuba, rng));
        List<NetworkGraph.Source> sources = List.of(new NetworkGraph.Source("in", new SpikeArraySource(INPUTS, t, ch)));
        List<NetworkGraph.Projection> projections = new ArrayList<>();
        projections.addAll(projection("in->A", 2, 0, 0, INPUTS, 10, 0.6, 3.0, 9.0, new int[] {1}, rng));
        projections.addAll(projection("A->B", 0, 1, 0, 10, 6, 0.7, 300.0, 900.0, new int[] {3}, rng));
        projections.addAll(projection("in-|B", 2, 1, 1, INPUTS, 6, 0.5, -400.0, -100.0, new int[] {2}, rng));
        // recurrent, with two different delays: needs one photonic unit per delay
        projections.addAll(projection("A->A", 0, 0, 0, 10, 10, 0.3, -6.0, 4.0, new int[] {1, 2}, rng));
        return new NetworkGraph(0.1, pops, sources, projections, List.of());
    }

    private static NetworkGraph.Population population(String name, int n, NeuronModel model, UniformRandomProvider rng) {
        double[] rest = model.restingState();
        double[][] init = new double[rest.length][n];
        for (int v = 0; v < rest.length; v++) Arrays.fill(init[v], rest[v]);
        for (int i = 0; i < n; i++) init[0][i] = rest[0] + 10 * rng.nextDouble(); // spread the starting potentials
        return new NetworkGraph.Population(name, n, model, init);
    }

    /** Random synapses with delays drawn from {@code delays}, split into one projection per delay group. */
    private static List<NetworkGraph.Projection> projection(String name, int source, int target, int receptor, int m, int n, double p,
                                                      double wMin, double wMax, int[] delays, UniformRandomProvider rng) {
        int[] pre = new int[m * n], post = new int[m * n];
        int count = 0;
        for (int s = 0; s < m; s++) {
            for (int q = 0; q < n; q++) {
                if (rng.nextDouble() < p && !(source == target && s == q)) {
                    pre[count] = s;
                    post[count] = q;
                    count++;
                }
            }
        }
        CsrConnectivity csr = CsrConnectivity.fromPairs(m, n, pre, post, count, null);
        float[] w = new float[count];
        int[] d = new int[count];
        for (int k = 0; k < count; k++) {
            w[k] = (float) (wMin + (wMax - wMin) * rng.nextDouble());
            d[k] = delays[rng.nextInt(delays.length)];
        }
        List<NetworkGraph.Projection> groups = new ArrayList<>();
        int g = 0;
        for (int delay : delays) {
            int[] rowStart = new int[m + 1];
            List<Integer> tg = new ArrayList<>();
            List<Float> wg = new ArrayList<>();
            for (int s = 0; s < m; s++) {
                for (int q = csr.rowStart()[s]; q < csr.rowStart()[s + 1]; q++) {
                    if (d[q] == delay) {
                        tg.add(csr.targets()[q]);
                        wg.add(w[q]);
                    }
                }
                rowStart[s + 1] = tg.size();
            }
            float[] wa = new float[wg.size()];
            for (int k = 0; k < wa.length; k++) wa[k] = wg.get(k);
            groups.add(new NetworkGraph.Projection(name, g++, source, target, receptor,
                    new CsrConnectivity(m, n, rowStart, tg.stream().mapToInt(Integer::intValue).toArray()), wa, delay));
        }
        return groups;
    }

    /** Spikes per step and node, as "step:node:i" strings, and the membrane potentials at the end. */
    private record Run(List<String> spikes, double[][] v, OperationCounts counts) {}

    private static Run run(CompiledNetwork net) {
        List<String> spikes = new ArrayList<>();
        NetworkGraph g = net.graph();
        for (long step = 0; step < STEPS; step++) {
            net.applyInputs(step);
            net.updateNeurons(step);
            net.propagate(step);
            net.learn(step);
            for (int node = 0; node < g.nodes(); node++) {
                int[] s = net.spikes(node);
                for (int k = 0; k < net.spikeCount(node); k++) spikes.add(step + ":" + node + ":" + s[k]);
            }
        }
        double[][] v = new double[g.populations().size()][];
        for (int p = 0; p < v.length; p++) {
            int n = g.populations().get(p).size();
            int[] all = new int[n];
            for (int i = 0; i < n; i++) all[i] = i;
            v[p] = new double[n];
            net.readState(p, 0, all, v[p]);
        }
        return new Run(spikes, v, net.counts());
    }

    private static CompiledNetwork photonic(Map<String, String> extra) {
        return new PhotonicBackend().compile(network(), new BackendOptions(1, extra));
    }

    @Test
    void isRegisteredAsPhotonic() {
        assertInstanceOf(PhotonicBackend.class, Backends.byName("photonic"));
        assertTrue(Backends.names().contains("scalar"));
    }

    @Test
    void withEveryNonIdealityOffSpikesEqualTheScalarBackend() {
        Run reference = run(new ScalarBackend().compile(network(), BackendOptions.defaults()));
        Run optical = run(photonic(Map.of()));
        long populationSpikes = reference.spikes().stream().filter(s -> !s.split(":")[1].equals("2")).count();
        assertTrue(populationSpikes > 40, "the test network must be active, had " + populationSpikes + " spikes");
        assertTrue(reference.spikes().stream().anyMatch(s -> s.split(":")[1].equals("1")), "population B must fire");
        assertEquals(reference.spikes(), optical.spikes());
        for (int p = 0; p < reference.v().length; p++) {
            for (int i = 0; i < reference.v()[p].length; i++) assertEquals(reference.v()[p][i], optical.v()[p][i], 1e-9);
        }
        assertEquals(reference.counts().synapticEvents, optical.counts().synapticEvents);
    }

    @Test
    void reckMeshesGiveTheSameSpikesWhenIdeal() {
        Run reference = run(new ScalarBackend().compile(network(), BackendOptions.defaults()));
        Run optical = run(photonic(Map.of("photonic.mesh", "reck")));
        assertEquals(reference.spikes(), optical.spikes());
    }

    @Test
    void coarsePhasesWithoutCalibrationChangeTheDynamics() {
        Run reference = run(new ScalarBackend().compile(network(), BackendOptions.defaults()));
        Run optical = run(photonic(Map.of("photonic.phase_bits", "4", "photonic.crosstalk", "0.05", "photonic.calibration", "false")));
        double worst = 0;
        for (int p = 0; p < reference.v().length; p++) {
            for (int i = 0; i < reference.v()[p].length; i++) worst = Math.max(worst, Math.abs(reference.v()[p][i] - optical.v()[p][i]));
        }
        assertTrue(worst > 1e-3, "a 4-bit, uncalibrated device must perturb the membranes, max |Δv| = " + worst);
    }

    @Test
    void countsOneReadPerUnitAndStepWithSourceSpikes() {
        NetworkGraph g = network();
        Run reference = run(new ScalarBackend().compile(g, BackendOptions.defaults()));
        PhotonicNetwork net = (PhotonicNetwork) photonic(Map.of());
        Run optical = run(net);
        // independent count from the reference run: steps in which each node spiked
        boolean[][] active = new boolean[g.nodes()][STEPS];
        for (String s : reference.spikes()) {
            String[] f = s.split(":");
            active[Integer.parseInt(f[1])][Integer.parseInt(f[0])] = true;
        }
        long reads = 0, modulators = 0, detectors = 0, settings = 0, readSteps = 0;
        int[] unitsPerProjection = {1, 1, 1, 1, 1}; // one optical unit per delay group
        for (int p = 0; p < g.projections().size(); p++) {
            NetworkGraph.Projection pr = g.projections().get(p);
            int m = g.nodeSize(pr.sourceNode()), n = g.populations().get(pr.target()).size(), k = Math.max(m, n);
            long stepsActive = 0;
            for (boolean a : active[pr.sourceNode()]) if (a) stepsActive++;
            reads += stepsActive * unitsPerProjection[p];
            modulators += stepsActive * unitsPerProjection[p] * m;
            detectors += stepsActive * unitsPerProjection[p] * n;
            // per unit: two meshes of K(K−1)/2 MZIs and K output phases each, K attenuator MZIs; 2 phases per MZI
            settings += (long) unitsPerProjection[p] * (2L * k * (k - 1) + 2L * k + 2L * k);
        }
        for (int step = 0; step < STEPS; step++) {
            for (NetworkGraph.Projection pr : g.projections()) {
                if (active[pr.sourceNode()][step]) {
                    readSteps++;
                    break;
                }
            }
        }
        Map<String, Long> c = optical.counts().extra;
        assertEquals(5, net.units().size());
        assertEquals(reads, c.get("optical_reads"));
        assertEquals(modulators, c.get("modulator_uses"));
        assertEquals(detectors, c.get("detector_reads"));
        assertEquals(detectors, c.get("adc_conversions"));
        assertEquals(settings, c.get("mzi_phase_settings"));
        assertEquals(readSteps, c.get("optical_read_steps"));
    }

    @Test
    void rejectsUnknownOrMalformedOptionsWithClearMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> photonic(Map.of("photonic.phase_bit", "8")));
        assertTrue(e.getMessage().startsWith("unknown photonic backend option 'photonic.phase_bit'; valid keys: "), e.getMessage());
        assertTrue(e.getMessage().contains("photonic.phase_bits"));
        e = assertThrows(IllegalArgumentException.class, () -> photonic(Map.of("photonic.phase_bits", "eight")));
        assertEquals("photonic.phase_bits: expected an integer, was 'eight'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> photonic(Map.of("photonic.crosstalk", "0.7")));
        assertEquals("photonic.crosstalk: expected a coupling coefficient in [0, 0.5), was 0.7", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> photonic(Map.of("photonic.mesh", "diamond")));
        assertEquals("photonic.mesh: expected clements or reck, was 'diamond'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> photonic(Map.of("photonic.profile", "no_such_profile")));
        assertTrue(e.getMessage().startsWith("device profile 'no_such_profile' not found"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> photonic(Map.of("photonic.max_modes", "8")));
        assertTrue(e.getMessage().startsWith("projection in->A: a 10×8 weight matrix needs a 10-mode mesh, above photonic.max_modes = 8"), e.getMessage());
    }
}
