package org.spikeforge.simulations.nir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikeforge.hardware.cpu.ScalarBackend;
import org.spikeforge.simulations.Simulator;
import org.spikeforge.simulations.SpikeProbe;
import org.spikeforge.simulations.cli.Main;
import org.spikeforge.simulations.scenario.Scenario;
import org.spikeforge.simulations.scenario.ScenarioLoader;

/** {@code spikeforge nir export}: a scenario's network written as NIR, read back and run. */
class NirExportTest {
    @TempDir Path dir;

    private static final String NET = """
            dt: 0.1 ms
            duration: 1 ms
            populations:
              a: {size: 2, model: lif, params: {tau_m: 20 ms, v_rest: -65 mV, v_reset: -70 mV, v_th: -50 mV, r: 100 MOhm, t_ref: 2 ms}}
              b:
                size: 3
                model: cuba_lif
                reset: subtract
                params: {tau_m: 10 ms, tau_syn_e: 5 ms, tau_syn_i: 5 ms, v_rest: -60 mV, v_reset: -60 mV, v_th: -50 mV, r: 1 GOhm, t_ref: 0 ms}
            inputs:
              x: {type: spike_times, size: 3, times: [1 ms], indices: [0]}
              drive: {type: current, target: a, amplitude: 10 pA}
            projections:
              xa: {source: x, target: a, connect: {rule: explicit, pairs: [[0, 0], [2, 1], [2, 1]]}, weight: 2 mV}
              ab: {source: a, target: b, connect: all_to_all, weight: 3 pA, delay: 0.4 ms}
              bb: {source: b, target: b, receptor: inh, connect: {rule: explicit, pairs: [[0, 1], [1, 2]]}, weight: -1 pA}
            """;

    private static Scenario load(String yaml) {
        return ScenarioLoader.parse(yaml, "net.yaml", "net", ScenarioLoader.Overrides.none());
    }

    private static void close(double[] expected, NirTensor actual, String what) {
        assertEquals(expected.length, actual.size(), what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual.get(i), 1e-6 * Math.max(1, Math.abs(expected[i])), what + "[" + i + "]");
        }
    }

    private static double[] fill(int n, double v) {
        double[] d = new double[n];
        java.util.Arrays.fill(d, v);
        return d;
    }

    @Test
    void exportedFileReadsBackWithTheExpectedNodesWeightsAndDelays() {
        NirExport.Result r = NirExport.export(load(NET).network().graph());
        Path file = dir.resolve("net.nir");
        NirWriter.write(r.graph(), file);
        NirGraph g = NirReader.read(file).graph();

        assertEquals(Set.of("a", "b", "x", "xa", "ab", "ab_delay", "bb", "b_out"), g.nodes().keySet());
        Set<List<String>> edges = new HashSet<>();
        for (NirEdge e : g.edges()) edges.add(List.of(e.source(), e.target()));
        assertEquals(Set.of(List.of("x", "xa"), List.of("xa", "a"), List.of("a", "ab"), List.of("ab", "ab_delay"),
                List.of("ab_delay", "b"), List.of("b", "bb"), List.of("bb", "b"), List.of("b", "b_out")), edges);

        NirNode.LIF a = assertInstanceOf(NirNode.LIF.class, g.node("a"));
        close(fill(2, 0.020), a.tau(), "tau");
        close(fill(2, 0.1), a.r(), "r");
        close(fill(2, -65), a.vLeak(), "v_leak");
        close(fill(2, -50), a.vThreshold(), "v_threshold");
        close(fill(2, -70), a.vReset(), "v_reset");
        NirNode.CubaLIF b = assertInstanceOf(NirNode.CubaLIF.class, g.node("b"));
        close(fill(3, 0.005), b.tauSyn(), "tau_syn");
        close(fill(3, 0.010), b.tauMem(), "tau_mem");
        assertEquals(new NirValue.Text("subtract"), b.metadata().get("reset"));
        assertArrayEquals(new int[] {3}, assertInstanceOf(NirNode.Input.class, g.node("x")).dims());

        // a spike of weight w is a current of W pA for one step: onto LIF W = w·τ_m/(R·dt), onto CubaLIF W = w·τ_syn/dt
        NirNode.Linear xa = assertInstanceOf(NirNode.Linear.class, g.node("xa"));
        assertArrayEquals(new int[] {2, 3}, xa.weight().shape());
        double lif = 2 * 20 / (0.1 * 0.1);
        close(new double[] {lif, 0, 0, 0, 0, 2 * lif}, xa.weight(), "xa (the doubled pair sums)");
        close(fill(6, 3 * 5 / 0.1), ((NirNode.Linear) g.node("ab")).weight(), "ab");
        close(new double[] {0, 0, 0, -50, 0, 0, 0, -50, 0}, ((NirNode.Linear) g.node("bb")).weight(), "bb");
        // 4 steps of delay: one is the step of delivery, three remain
        close(fill(3, 3e-4), assertInstanceOf(NirNode.Delay.class, g.node("ab_delay")).delay(), "delay");
        assertEquals(1e-4, ((NirTensor) g.metadata().get("dt")).scalarValue("dt"), 1e-12);

        String notes = String.join("\n", r.notes());
        assertTrue(notes.contains("refractory period 2.0 ms") && notes.contains("current drive") && notes.contains("subtract"), notes);
    }

    @Test
    void aNirRunOfTheExportFiresAsTheEngineOneStepEarlierPerLayer() {
        // x -> n (IF) -> m (IF): each IF fires on its third input (3 x 0.4 mV > 1 mV) and resets to 0
        String yaml = """
                dt: 0.1 ms
                duration: 10 ms
                populations:
                  n: {size: 1, model: if, params: {c_m: 250 pF, v_reset: 0 mV, v_th: 1 mV, t_ref: 0 ms}}
                  m: {size: 1, model: if, params: {c_m: 100 pF, v_reset: 0 mV, v_th: 1 mV, t_ref: 0 ms}}
                inputs:
                  x: {type: spike_times, times: [0.5 ms, 1 ms, 1.5 ms, 2 ms, 3 ms, 3.5 ms, 4 ms, 5 ms, 5.2 ms, 5.3 ms, 6 ms, 7 ms, 7.1 ms, 8 ms]}
                projections:
                  xn: {source: x, target: n, connect: all_to_all, weight: 0.4 mV}
                  nm: {source: n, target: m, connect: all_to_all, weight: 0.4 mV}
                """;
        Scenario sc = load(yaml);
        SpikeProbe n = new SpikeProbe("n", 0), m = new SpikeProbe("m", 1), x = new SpikeProbe("x", 2);
        try (Simulator sim = new Simulator(sc.network(), new ScalarBackend())) {
            sim.run(sc.steps(), List.of(n, m, x), Simulator.Progress.NONE);
        }
        assertTrue(n.count() >= 4 && m.count() >= 1, "n " + n.count() + ", m " + m.count());

        NirGraph g = NirExport.export(sc.network().graph()).graph();
        float[] input = new float[(int) sc.steps()];
        for (int s : x.steps()) input[s] = 1f;
        NirExecutor exec = NirExecutor.compile(g, NirRunOptions.defaults());
        assertEquals(1e-4, exec.dt(), 0.0, "dt from the file's metadata");
        NirRecording rec = exec.run(new NirNpy.Array("<f4", new int[] {input.length, 1}, toDoubles(input)));
        assertArrayEquals(shifted(n.steps(), 1), spikeSteps(rec.get("n", "spk")), "first layer");
        assertArrayEquals(shifted(m.steps(), 2), spikeSteps(rec.get("m", "spk")), "second layer");
    }

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    private static int[] shifted(int[] steps, int by) {
        int[] s = steps.clone();
        for (int i = 0; i < s.length; i++) s[i] -= by;
        return s;
    }

    private static int[] spikeSteps(NirRecording.Trace t) {
        return java.util.stream.IntStream.range(0, t.data().length).filter(i -> t.data()[i] != 0).toArray();
    }

    @Test
    void cliExportsAndRefusesModelsWithoutANirEquivalent() throws Exception {
        Path yaml = dir.resolve("net.yaml");
        Files.writeString(yaml, NET);
        Path out = dir.resolve("out/net.nir");
        StringWriter o = new StringWriter(), e = new StringWriter();
        int code = Main.execute(new String[] {"nir", "export", yaml.toString(), "--out", out.toString()}, new PrintWriter(o, true),
                new PrintWriter(e, true));
        assertEquals(0, code, e.toString());
        assertTrue(o.toString().contains("8 nodes") && o.toString().contains("note: "), o.toString());
        StringWriter o2 = new StringWriter();
        assertEquals(0, Main.execute(new String[] {"nir", "inspect", out.toString()}, new PrintWriter(o2, true), new PrintWriter(e, true)));
        assertTrue(o2.toString().contains("CubaLIF") && o2.toString().contains("Delay"), o2.toString());

        Files.writeString(yaml, NET.replace("model: lif, params: {tau_m: 20 ms, v_rest: -65 mV, v_reset: -70 mV, v_th: -50 mV, r: 100 MOhm, t_ref: 2 ms}",
                "model: coba_lif").replace("weight: 2 mV", "weight: 2 nS"));
        StringWriter e2 = new StringWriter();
        code = Main.execute(new String[] {"nir", "export", yaml.toString(), "--out", dir.resolve("x.nir").toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(e2, true));
        assertEquals(2, code);
        assertEquals(1, e2.toString().strip().lines().count(), e2.toString());
        assertTrue(e2.toString().contains("population a: model coba_lif has no NIR equivalent"), e2.toString());
        assertTrue(!Files.exists(dir.resolve("x.nir")));
    }

    @Test
    void differentSynapticTimeConstantsOnOneCubaPopulationAreRefused() {
        String yaml = NET.replace("tau_syn_i: 5 ms", "tau_syn_i: 8 ms");
        NirFormatException ex = assertThrows(NirFormatException.class, () -> NirExport.export(load(yaml).network().graph()));
        assertTrue(ex.getMessage().contains("projection bb") && ex.getMessage().contains("one synaptic time constant"), ex.getMessage());
    }
}
